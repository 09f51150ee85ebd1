"""The Leerlingen tab's read model: every pupil, searchable, and one pupil's page.

Search matches the name, the school's pupil number, the school's name and the last
digits of the BSN (three or more digits; a whole BSN matches exactly). A pupil without a
case is found like any other: the tab lists every pupil, not only those with a case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select

from verzuimdesk.core.models import AbsenceRecord, Case, Pupil, School
from verzuimdesk.core.models_import import PupilSchoolNumber
from verzuimdesk.core.services import legal_data, rules_gateway
from verzuimdesk.core.services.absences import KIND_NAMES
from verzuimdesk.core.services.errors import NotFoundError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Rows the list shows at most (the count says how many matched).
LIST_LIMIT = 500
#: Absence records the pupil's page lists (newest first).
PAGE_ABSENCES = 200


def mask_bsn_end(bsn: str | None) -> str:
    """``111222333`` → ``•••••2333`` (the list shows only the last four digits)."""
    return "" if not bsn else "•" * (len(bsn) - 4) + bsn[-4:]


@dataclass(frozen=True)
class PupilListRow:
    """A pupil in the list."""

    pupil_id: int
    name: str
    birth_date: dt.date
    school: str
    numbers: str
    bsn_end: str
    open_case: str
    cases: int


def search_register(
    desk: Desk, text: str = "", limit: int = LIST_LIMIT, offset: int = 0
) -> tuple[list[PupilListRow], int]:
    """Pupils matching ``text`` (all when empty), by last name; and how many matched.

    ``limit`` rows from position ``offset`` on: a list shows the first page and fetches
    the next ones while the user scrolls.
    """
    words = text.split()
    query = select(Pupil.id).outerjoin(School, School.id == Pupil.school_id)
    for word in words:
        pattern = f"%{word}%"
        conditions: list[ColumnElement[bool]] = [
            Pupil.first_name.ilike(pattern),
            Pupil.last_name.ilike(pattern),
            School.name.ilike(pattern),
            Pupil.id.in_(
                select(PupilSchoolNumber.pupil_id).where(PupilSchoolNumber.number.ilike(pattern))
            ),
        ]
        if word.isdigit() and len(word) >= 3:
            conditions.append(Pupil.bsn.like(f"%{word}") if len(word) < 9 else Pupil.bsn == word)
        query = query.where(or_(*conditions))
    with desk.case_base.sessions() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.execute(
            select(
                Pupil.id,
                Pupil.first_name,
                Pupil.last_name,
                Pupil.birth_date,
                School.name,
                Pupil.bsn,
            )
            .outerjoin(School, School.id == Pupil.school_id)
            .where(Pupil.id.in_(query))
            .order_by(Pupil.last_name, Pupil.first_name, Pupil.birth_date, Pupil.id)
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [r[0] for r in rows]
        numbers: dict[int, list[str]] = {}
        for pid, number in session.execute(
            select(PupilSchoolNumber.pupil_id, PupilSchoolNumber.number).where(
                PupilSchoolNumber.pupil_id.in_(ids)
            )
        ):
            numbers.setdefault(pid, []).append(number)
        open_cases: dict[int, str] = {}
        counts: dict[int, int] = {}
        for pid, number, closed in session.execute(
            select(Case.pupil_id, Case.number, Case.closed_on).where(Case.pupil_id.in_(ids))
        ):
            counts[pid] = counts.get(pid, 0) + 1
            if closed is None:
                open_cases[pid] = number
    return [
        PupilListRow(
            pid,
            f"{first} {last}",
            born,
            school or "",
            ", ".join(sorted(numbers.get(pid, []))),
            mask_bsn_end(bsn),
            open_cases.get(pid, ""),
            counts.get(pid, 0),
        )
        for pid, first, last, born, school, bsn in rows
    ], total


@dataclass(frozen=True)
class PupilCaseItem:
    """A case of the pupil on its page."""

    case_id: int
    number: str
    opened_on: dt.date
    closed_on: dt.date | None
    stage: str


@dataclass(frozen=True)
class PupilAbsenceItem:
    """An absence record on the pupil's page."""

    date: dt.date
    kind: str
    hours: float


@dataclass(frozen=True)
class PupilPage:
    """Everything the pupil's page shows."""

    pupil_id: int
    name: str
    details: tuple[tuple[str, str], ...]
    legal: legal_data.LegalOverview
    absences: tuple[PupilAbsenceItem, ...]
    absence_totals: tuple[tuple[str, float], ...]
    absence_count: int
    cases: tuple[PupilCaseItem, ...]

    @property
    def open_case_id(self) -> int | None:
        """The pupil's open case (None: none, a case can be started)."""
        return next((c.case_id for c in self.cases if c.closed_on is None), None)


def pupil_page(desk: Desk, pupil_id: int) -> PupilPage:
    """The page of one pupil: details, enrolments, absences and cases."""
    legal = legal_data.legal_overview(desk, pupil_id)
    with desk.case_base.sessions() as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        numbers = session.execute(
            select(PupilSchoolNumber.number, School.name)
            .join(School, School.id == PupilSchoolNumber.school_id)
            .where(PupilSchoolNumber.pupil_id == pupil_id)
        ).all()
        details = [
            ("Naam", pupil.full_name),
            ("Geboortedatum", f"{pupil.birth_date:%d-%m-%Y}"),
            ("BSN", mask_bsn_end(pupil.bsn) or "—"),
            ("School", pupil.school.name if pupil.school else "—"),
            ("Leerlingnummer", ", ".join(f"{n} ({s})" for n, s in numbers) or "—"),
            ("Adres", " ".join(p for p in (pupil.street, pupil.postcode, pupil.city) if p) or "—"),
            ("Woongemeente", pupil.municipality or "—"),
            ("Ouder/verzorger", pupil.parent_name or "—"),
            ("Telefoon ouder", pupil.parent_phone or "—"),
            ("E-mail ouder", pupil.parent_email or "—"),
            ("Leerplicht", legal.leerplicht),
        ]
        records = session.execute(
            select(AbsenceRecord.date, AbsenceRecord.kind, AbsenceRecord.hours)
            .where(AbsenceRecord.pupil_id == pupil_id)
            .order_by(AbsenceRecord.date.desc(), AbsenceRecord.kind)
        ).all()
        totals: dict[str, Decimal] = {}
        for _date, kind, hours in records:
            totals[kind] = totals.get(kind, Decimal(0)) + hours
        cases = session.execute(
            select(Case.id, Case.number, Case.opened_on, Case.closed_on, Case.stage_id)
            .where(Case.pupil_id == pupil_id)
            .order_by(Case.opened_on.desc())
        ).all()
        name = pupil.full_name
    return PupilPage(
        pupil_id=pupil_id,
        name=name,
        details=tuple(details),
        legal=legal,
        absences=tuple(
            PupilAbsenceItem(d, KIND_NAMES.get(k, k), float(h))
            for d, k, h in records[:PAGE_ABSENCES]
        ),
        absence_totals=tuple(
            (KIND_NAMES.get(k, k), float(v))
            for k, v in sorted(
                totals.items(),
                key=lambda kv: list(KIND_NAMES).index(kv[0]) if kv[0] in KIND_NAMES else 99,
            )
        ),
        absence_count=len(records),
        cases=tuple(
            PupilCaseItem(cid, number, opened, closed, _stage_name(desk, stage))
            for cid, number, opened, closed, stage in cases
        ),
    )


def _stage_name(desk: Desk, stage_id: str) -> str:
    stage = rules_gateway.stage_of(desk, stage_id)
    return stage_id if stage is None else f"{stage.number}. {stage.name}"

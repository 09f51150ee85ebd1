"""Read models of the Scholen tab, a school's page and a school on the phone round.

- :func:`schools_overview`: every school with BRIN, sector, vacation region, contact
  persons, open cases, thuiszitters per inspectie category and the last contact.
- :func:`school_page`: a school's pupils with cases or signals and its call history.
- :func:`round_school_page`: a school on the round: contact persons, its pupils with
  their status, and what changed since the previous round.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, CaseEvent, Pupil, School, StoredSignal
from verzuimdesk.core.models_round import CallRound, RoundPupil, RoundSchool, SchoolCall
from verzuimdesk.core.round_spec import Quarter
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError
from verzuimdesk.core.services.inspectie_history import categories_on
from verzuimdesk.core.services.region_deadlines import round_settings
from verzuimdesk.core.services.round_categories import school_category_counts
from verzuimdesk.core.services.round_planning import SHORT_SIGNAL_NAMES, previous_round
from verzuimdesk.core.services.school_contacts import ContactItem, contacts_by_school, list_contacts

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


@dataclass(frozen=True)
class SchoolOverviewRow:
    """A school in the Scholen tab."""

    id: int
    name: str
    brin: str
    sector: str
    vacation_region: str
    contacts: tuple[ContactItem, ...]
    open_cases: int
    categories: dict[str, int]
    last_contact: dt.date | None

    @property
    def thuiszitters(self) -> int:
        """Pupils with an open case in a thuiszitter category."""
        return sum(self.categories.values())

    @property
    def categories_text(self) -> str:
        """``B2a 3 · B2b 1``."""
        return " · ".join(f"{c} {n}" for c, n in sorted(self.categories.items()) if n)

    @property
    def contacts_text(self) -> str:
        """``Anna de Wit (Zorgcoördinator), Piet Jansen``."""
        return ", ".join(f"{c.name} ({c.role})" if c.role else c.name for c in self.contacts)


def schools_overview(desk: Desk) -> list[SchoolOverviewRow]:
    """Every school by name, with its contacts, open cases, thuiszitters and last contact."""
    contacts = contacts_by_school(desk)
    now = today(desk)
    with desk.case_base.sessions() as session:
        schools = session.execute(
            select(
                School.id, School.name, School.brin, School.sector, School.vacation_region
            ).order_by(func.lower(School.name), School.id)
        ).all()
        open_cases = dict(
            session.execute(
                select(Pupil.school_id, func.count(Case.id))
                .join(Pupil, Pupil.id == Case.pupil_id)
                .where(Case.closed_on.is_(None))
                .group_by(Pupil.school_id)
            ).all()
        )
        categories = school_category_counts(desk, now)
        last = dict(
            session.execute(
                select(SchoolCall.school_id, func.max(SchoolCall.called_on))
                .where(SchoolCall.result == "bereikt")
                .group_by(SchoolCall.school_id)
            ).all()
        )
    return [
        SchoolOverviewRow(
            i,
            n,
            b or "",
            s,
            r,
            tuple(contacts.get(i, ())),
            int(open_cases.get(i, 0)),
            categories.get(i, {}),
            last.get(i),
        )
        for i, n, b, s, r in schools
    ]


@dataclass(frozen=True)
class SchoolPupilRow:
    """A pupil of a school with a case or a signal."""

    pupil_id: int
    name: str
    case_id: int | None
    case_number: str
    stage: str
    category: str
    signals: str
    last_signal_on: dt.date | None


@dataclass(frozen=True)
class CallItem:
    """A call to a school."""

    id: int
    called_on: dt.date
    quarter: str
    result: str
    callback_on: dt.date | None
    note: str
    author: str
    contact: str


@dataclass(frozen=True)
class SchoolPage:
    """A school's page: facts, contacts, pupils with cases or signals, call history."""

    id: int
    name: str
    brin: str
    sector: str
    vacation_region: str
    municipality: str
    contacts: list[ContactItem]
    pupils: list[SchoolPupilRow]
    calls: list[CallItem]


def _calls(desk: Desk, school_id: int, round_school_id: int | None = None) -> list[CallItem]:
    from verzuimdesk.core.models_round import SchoolContact

    query = (
        select(
            SchoolCall.id,
            SchoolCall.called_on,
            CallRound.quarter,
            SchoolCall.result,
            SchoolCall.callback_on,
            SchoolCall.note,
            SchoolCall.author,
            SchoolContact.name,
        )
        .outerjoin(RoundSchool, RoundSchool.id == SchoolCall.round_school_id)
        .outerjoin(CallRound, CallRound.id == RoundSchool.round_id)
        .outerjoin(SchoolContact, SchoolContact.id == SchoolCall.contact_id)
        .where(SchoolCall.school_id == school_id)
        .order_by(SchoolCall.called_on.desc(), SchoolCall.id.desc())
    )
    if round_school_id is not None:
        query = query.where(SchoolCall.round_school_id == round_school_id)
    with desk.case_base.sessions() as session:
        rows = session.execute(query).all()
    return [
        CallItem(i, on, q or "", res, cb, note or "", author or "", contact or "")
        for i, on, q, res, cb, note, author, contact in rows
    ]


def school_page(desk: Desk, school_id: int) -> SchoolPage:
    """The school's page. Raises :class:`NotFoundError` when it is gone."""
    from verzuimdesk.core.services.absences import signal_name

    ladder = desk.registry.ladder(desk.region_id)
    stages = {s.id: f"{s.number}. {s.name}" for s in ladder.stages}
    since = today(desk) - dt.timedelta(days=365)
    with desk.case_base.sessions() as session:
        school = session.get(School, school_id)
        if school is None:
            raise NotFoundError("Deze school bestaat niet meer.")
        facts = (school.name, school.brin or "", school.sector, school.vacation_region,
                 school.municipality or "")  # fmt: skip
        cases = {
            pupil_id: (cid, number, stage, category)
            for pupil_id, cid, number, stage, category in session.execute(
                select(Case.pupil_id, Case.id, Case.number, Case.stage_id, Case.inspectie_category)
                .join(Pupil, Pupil.id == Case.pupil_id)
                .where(Pupil.school_id == school_id, Case.closed_on.is_(None))
            )
        }
        signals: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
        for pupil_id, code, datum in session.execute(
            select(StoredSignal.pupil_id, StoredSignal.code, StoredSignal.datum)
            .join(Pupil, Pupil.id == StoredSignal.pupil_id)
            .where(Pupil.school_id == school_id, StoredSignal.datum >= since)
        ):
            signals[pupil_id].append((datum, code))
        ids = set(cases) | set(signals)
        names = dict(
            session.execute(
                select(Pupil.id, Pupil.first_name + " " + Pupil.last_name).where(
                    Pupil.school_id == school_id
                )
            ).all()
        )
    # Today's category from the history (not the stored field of the last recompute).
    computed = categories_on(desk, cases, today(desk))
    rows = []
    for pupil_id in ids:
        cid, number, stage, _stored = cases.get(pupil_id, (None, "", "", None))
        category = computed.get(pupil_id, "")
        found = sorted(signals.get(pupil_id, []))
        codes = list(dict.fromkeys(code for _d, code in reversed(found)))
        rows.append(
            SchoolPupilRow(
                pupil_id,
                names.get(pupil_id, "?"),
                cid,
                number,
                stages.get(stage, stage),
                category or "",
                ", ".join(SHORT_SIGNAL_NAMES.get(c) or signal_name(desk, c) for c in codes[:4]),
                found[-1][0] if found else None,
            )
        )
    rows.sort(key=lambda r: (r.case_id is None, r.name.casefold()))
    return SchoolPage(
        school_id, *facts, list_contacts(desk, school_id), rows, _calls(desk, school_id)
    )


@dataclass(frozen=True)
class RoundPupilItem:
    """A pupil on a school's round list."""

    id: int
    pupil_id: int
    name: str
    case_id: int | None
    case_number: str
    stage: str
    category: str
    reason: str
    status: str | None
    status_label: str
    status_on: dt.date | None
    note: str
    previous: str


@dataclass(frozen=True)
class ChangeItem:
    """Something that happened at the school since the previous round."""

    on: dt.date
    pupil_name: str
    text: str


@dataclass(frozen=True)
class RoundSchoolPage:
    """A school on the round, as the phone view shows it."""

    id: int
    round_id: int
    quarter: str
    school_id: int
    name: str
    brin: str
    sector: str
    state: str
    call_result: str | None
    callback_on: dt.date | None
    since: dt.date
    contacts: list[ContactItem]
    pupils: list[RoundPupilItem]
    changes: list[ChangeItem] = field(default_factory=list)
    calls: list[CallItem] = field(default_factory=list)
    #: How many changes of each kind (``signalen``, ``stappen``, ``geopend``, ``gesloten``)
    #: there are since the previous round; ``changes`` lists the most recent of them.
    change_counts: dict[str, int] = field(default_factory=dict)

    @property
    def changes_text(self) -> str:
        """``12 nieuwe signalen, 3 stapwijzigingen, 1 nieuwe en 2 gesloten casussen``."""
        c = self.change_counts
        signals, moves = c.get("signalen", 0), c.get("stappen", 0)
        opened, closed = c.get("geopend", 0), c.get("gesloten", 0)
        parts = [
            f"{signals} {'nieuw signaal' if signals == 1 else 'nieuwe signalen'}",
            f"{moves} {'stapwijziging' if moves == 1 else 'stapwijzigingen'}",
            f"{opened} nieuwe en {closed} gesloten "
            + ("casus" if opened + closed == 1 else "casussen"),
        ]
        return ", ".join(parts)


def round_school_page(desk: Desk, entry_id: int) -> RoundSchoolPage:
    """One school of the round: contacts, pupils with status, changes, this round's calls."""
    settings = round_settings(desk)
    labels = {s.id: s.label for s in settings.statuses}
    ladder = desk.registry.ladder(desk.region_id)
    stages = {s.id: f"{s.number}. {s.name}" for s in ladder.stages}
    with desk.case_base.sessions() as session:
        entry = session.get(RoundSchool, entry_id)
        if entry is None:
            raise NotFoundError("Deze school staat niet meer op de belronde.")
        call_round = entry.round
        school = entry.school
        quarter = Quarter.parse(call_round.quarter)
        previous = previous_round(session, quarter)
        since = previous.started_on if previous is not None else quarter.start
        rows = session.execute(
            select(
                RoundPupil.id,
                RoundPupil.pupil_id,
                Pupil.first_name,
                Pupil.last_name,
                RoundPupil.case_id,
                Case.number,
                Case.stage_id,
                Case.inspectie_category,
                RoundPupil.reason,
                RoundPupil.status,
                RoundPupil.status_on,
                RoundPupil.note,
            )
            .join(Pupil, Pupil.id == RoundPupil.pupil_id)
            .outerjoin(Case, Case.id == RoundPupil.case_id)
            .where(RoundPupil.round_school_id == entry_id)
            .order_by(Pupil.last_name, Pupil.first_name, RoundPupil.id)
        ).all()
        before: dict[int, str] = {}
        if previous is not None:
            for pupil_id, status, note in session.execute(
                select(RoundPupil.pupil_id, RoundPupil.status, RoundPupil.note)
                .join(RoundSchool, RoundSchool.id == RoundPupil.round_school_id)
                .where(RoundSchool.round_id == previous.id, RoundSchool.school_id == school.id)
            ):
                text = labels.get(status or "", "") or "niet besproken"
                before[pupil_id] = f"{previous.quarter}: {text}" + (f" — {note}" if note else "")
        changes, change_counts = _changes(desk, session, school.id, since)
        computed = categories_on(desk, {row[1] for row in rows}, today(desk))
        page = RoundSchoolPage(
            entry.id,
            call_round.id,
            call_round.quarter,
            school.id,
            school.name,
            school.brin or "",
            school.sector,
            entry.state,
            entry.call_result,
            entry.callback_on,
            since,
            [],
            [
                RoundPupilItem(
                    i,
                    p,
                    f"{first} {last}",
                    cid,
                    number or "",
                    stages.get(stage, stage or ""),
                    computed.get(p, ""),
                    reason or "",
                    status,
                    labels.get(status or "", ""),
                    status_on,
                    note or "",
                    before.get(p, ""),
                )
                for (i, p, first, last, cid, number, stage, _stored, reason, status,
                     status_on, note) in rows
            ],
            changes,
            change_counts=change_counts,
        )
    return replace(
        page,
        contacts=list_contacts(desk, page.school_id),
        calls=_calls(desk, page.school_id, entry_id),
    )


#: The most recent changes a school's round page lists (the counts cover them all).
CHANGES_SHOWN = 100


def _changes(
    desk: Desk, session: Session, school_id: int, since: dt.date
) -> tuple[list[ChangeItem], dict[str, int]]:
    """New signals, step moves, new and closed cases of the school's pupils since ``since``:
    the :data:`CHANGES_SHOWN` most recent, and how many of each there are."""
    from verzuimdesk.core.services.absences import signal_name

    settings = round_settings(desk)
    ladder = desk.registry.ladder(desk.region_id)
    stages = {s.id: f"{s.number}. {s.name}" for s in ladder.stages}
    name = Pupil.first_name + " " + Pupil.last_name
    at_school = Pupil.school_id == school_id
    signals = (
        select(StoredSignal.datum, name, StoredSignal.code)
        .join(Pupil, Pupil.id == StoredSignal.pupil_id)
        .where(at_school, StoredSignal.datum > since, StoredSignal.code.in_(settings.signal_codes))
    )
    moves = (
        select(CaseEvent.occurred_on, name, CaseEvent.to_stage_id)
        .join(Case, Case.id == CaseEvent.case_id)
        .join(Pupil, Pupil.id == Case.pupil_id)
        .where(
            at_school,
            CaseEvent.kind == "stage_change",
            CaseEvent.occurred_on > since,
            CaseEvent.deleted_at.is_(None),
        )
    )
    opened = (
        select(Case.opened_on, name, Case.number)
        .join(Pupil, Pupil.id == Case.pupil_id)
        .where(at_school, Case.opened_on > since)
    )
    closed = (
        select(Case.closed_on, name, Case.number)
        .join(Pupil, Pupil.id == Case.pupil_id)
        .where(at_school, Case.closed_on > since)
    )
    texts = {
        "signalen": lambda v: f"Nieuw signaal: {signal_name(desk, v[0])}",
        "stappen": lambda v: f"Naar stap {stages.get(v[0] or '', v[0])}",
        "geopend": lambda v: f"Casus geopend ({v[0]})",
        "gesloten": lambda v: f"Casus gesloten ({v[0]})",
    }
    out: list[ChangeItem] = []
    counts: dict[str, int] = {}
    for key, query in (("signalen", signals), ("stappen", moves), ("geopend", opened),
                       ("gesloten", closed)):  # fmt: skip
        date_column = query.selected_columns[0]
        rows = session.execute(query.order_by(date_column.desc()).limit(CHANGES_SHOWN)).all()
        if len(rows) < CHANGES_SHOWN:
            counts[key] = len(rows)
        else:
            counts[key] = int(
                session.scalar(select(func.count()).select_from(query.subquery())) or 0
            )
        out.extend(ChangeItem(on, who, texts[key]((value,))) for on, who, value in rows)
    out.sort(key=lambda c: (c.on, c.pupil_name), reverse=True)
    return out[:CHANGES_SHOWN], counts

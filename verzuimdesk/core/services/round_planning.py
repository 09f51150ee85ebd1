"""Planning the quarterly phone round (*Nieuwe belronde*): which schools, which pupils.

A pupil is on the round of a quarter when (issue 10; the region may change the categories
and signals through ``RoundSettings``):

- the pupil has an open case;
- one of the round's signals (``RoundSettings.signal_codes``) fell in the quarter;
- a case of the pupil had one of the round's inspectie categories during the quarter
  (:func:`verzuimdesk.core.services.round_categories.pupil_categories`);
- the pupil was on the previous round and did not get a *final* status there (back at
  school, a place found).

Schools are proposed when they have such pupils or were on the previous round; the user
edits the list before the round is made. Pupils are placed at their current school
(``Pupil.school_id``); a pupil without a school (absoluut verzuim) has no school to call
and is left to the leerplichtambtenaar.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from verzuimdesk.core.models import AuditEntry, Case, Pupil, School, StoredSignal
from verzuimdesk.core.models_round import CallRound, RoundPupil, RoundSchool
from verzuimdesk.core.round_spec import Quarter, RoundSettings
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.core.services.region_deadlines import ensure_quarter_deadlines, round_settings
from verzuimdesk.core.services.round_categories import pupil_categories

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

REASON_CASE = "open casus"
REASON_PREVIOUS = "vorige belronde"


@dataclass
class _Candidate:
    reasons: list[str] = field(default_factory=list)
    case_id: int | None = None

    def add(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)


@dataclass(frozen=True)
class ProposedSchool:
    """A school in the *Nieuwe belronde* list: proposed or not, and why."""

    school_id: int
    name: str
    brin: str
    sector: str
    pupils: int
    reasons: tuple[str, ...]
    on_previous: bool

    @property
    def proposed(self) -> bool:
        """True when the desk proposes calling the school."""
        return bool(self.pupils) or self.on_previous


def parse_quarter(text: str) -> Quarter:
    """A quarter typed by the user; :class:`ValidationError` (Dutch) when it is none."""
    try:
        return Quarter.parse(text)
    except ValueError as exc:
        raise ValidationError({"quarter": str(exc)}) from None


def previous_round(session: Session, quarter: Quarter) -> CallRound | None:
    """The latest round before ``quarter`` (quarters sort as text: ``2026Q3`` < ``2026Q4``)."""
    return session.scalar(
        select(CallRound)
        .where(CallRound.quarter < str(quarter))
        .order_by(CallRound.quarter.desc())
        .limit(1)
    )


#: Short Dutch names of the national signals, for the round's "why" column.
SHORT_SIGNAL_NAMES: dict[str, str] = {
    "duo-16h": "16 uur",
    "duo-lrv": "LRV",
    "thuiszitter-b2a": "thuiszitter B2a",
    "thuiszitter-b2b": "thuiszitter B2b",
    "absoluut-verzuim": "absoluut verzuim",
    "duo-luxe": "luxe verzuim",
    "sick-7-days": "7 dagen ziek",
    "sick-4-in-12": "4e ziekmelding in 12 weken",
    "sick-po-5-reports": "5e ziekmelding dit jaar",
    "sick-po-10-days": "10 ziektedagen dit jaar",
}


def _signal_reason(desk: Desk, code: str) -> str:
    from verzuimdesk.core.services.absences import signal_name

    return f"signaal: {SHORT_SIGNAL_NAMES.get(code) or signal_name(desk, code)}"


def candidates(
    desk: Desk, session: Session, quarter: Quarter, settings: RoundSettings
) -> tuple[dict[int, dict[int, _Candidate]], set[int]]:
    """school id -> pupil id -> why the pupil is on the round; and the previous round's
    schools."""
    pupils: dict[int, _Candidate] = defaultdict(_Candidate)
    for case_id, pupil_id in session.execute(
        select(Case.id, Case.pupil_id).where(Case.closed_on.is_(None))
    ):
        pupils[pupil_id].add(REASON_CASE)
        pupils[pupil_id].case_id = case_id
    end = min(quarter.end, max(today(desk), quarter.start))
    if settings.signal_codes:
        for pupil_id, code in session.execute(
            select(StoredSignal.pupil_id, StoredSignal.code)
            .where(
                StoredSignal.code.in_(settings.signal_codes),
                StoredSignal.datum >= quarter.start,
                StoredSignal.datum <= end,
            )
            .distinct()
        ):
            pupils[pupil_id].add(_signal_reason(desk, code))
    wanted = set(settings.categories)
    for pupil_id, category in pupil_categories(session, quarter.start, end).items():
        if category in wanted:
            pupils[pupil_id].add(f"categorie {category}")
    previous_schools: set[int] = set()
    previous = previous_round(session, quarter)
    if previous is not None:
        final = {s.id for s in settings.statuses if s.final}
        for school_id, pupil_id, status in session.execute(
            select(RoundSchool.school_id, RoundPupil.pupil_id, RoundPupil.status)
            .join(RoundPupil, RoundPupil.round_school_id == RoundSchool.id, isouter=True)
            .where(RoundSchool.round_id == previous.id)
        ):
            previous_schools.add(school_id)
            if pupil_id is not None and status not in final:
                pupils[pupil_id].add(REASON_PREVIOUS)
    # Open cases that closed meanwhile no longer count; the case id of a still-open one.
    school_of: dict[int, int | None] = {}
    ids = sorted(pupils)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        school_of.update(
            session.execute(select(Pupil.id, Pupil.school_id).where(Pupil.id.in_(chunk))).all()
        )
    by_school: dict[int, dict[int, _Candidate]] = defaultdict(dict)
    for pupil_id, candidate in pupils.items():
        at = school_of.get(pupil_id)
        if at is not None:
            by_school[at][pupil_id] = candidate
    return by_school, previous_schools


def propose_round(desk: Desk, quarter: Quarter | str) -> list[ProposedSchool]:
    """Every school, the proposed ones first (most pupils first), then the rest by name."""
    quarter = parse_quarter(quarter) if isinstance(quarter, str) else quarter
    settings = round_settings(desk)
    with desk.case_base.sessions() as session:
        by_school, previous = candidates(desk, session, quarter, settings)
        schools = session.execute(
            select(School.id, School.name, School.brin, School.sector).order_by(
                func.lower(School.name)
            )
        ).all()
    out = []
    for school_id, name, brin, sector in schools:
        pupils = by_school.get(school_id, {})
        counts: dict[str, int] = defaultdict(int)
        for candidate in pupils.values():
            for reason in candidate.reasons:
                counts[reason.split(":")[0]] += 1
        reasons = tuple(f"{n}× {r}" for r, n in sorted(counts.items(), key=lambda i: -i[1]))
        if school_id in previous:
            reasons += ("op de vorige belronde",)
        out.append(
            ProposedSchool(
                school_id, name, brin or "", sector, len(pupils), reasons, school_id in previous
            )
        )
    out.sort(key=lambda s: (not s.proposed, -s.pupils, s.name.casefold()))
    return out


def create_round(desk: Desk, quarter: Quarter | str, school_ids: list[int]) -> int:
    """Make the round of ``quarter`` with ``school_ids`` in that order; returns its id.

    The schools' pupils are put on it (:func:`candidates`), and the quarter's region
    deadlines are made. Raises :class:`ValidationError` when the quarter already has a
    round or no school is chosen.
    """
    quarter = parse_quarter(quarter) if isinstance(quarter, str) else quarter
    if not school_ids:
        raise ValidationError({"schools": "Kies ten minste één school om te bellen."})
    settings = round_settings(desk)
    try:
        with desk.case_base.transaction(desk.user) as session:
            existing = session.scalar(select(CallRound.id).where(CallRound.quarter == str(quarter)))
            if existing is not None:
                raise ValidationError(
                    {"quarter": f"Er is al een belronde voor {quarter}; ga daarmee verder."}
                )
            by_school, _previous = candidates(desk, session, quarter, settings)
            call_round = CallRound(
                quarter=str(quarter), started_on=today(desk), created_by=desk.user
            )
            session.add(call_round)
            entries: list[tuple[RoundSchool, dict[int, _Candidate]]] = []
            for position, school_id in enumerate(dict.fromkeys(school_ids)):
                pupils = by_school.get(school_id, {})
                reasons = sorted({r.split(":")[0] for c in pupils.values() for r in c.reasons})
                entry = RoundSchool(
                    round=call_round,
                    school_id=school_id,
                    position=position,
                    state="todo",
                    reason=", ".join(reasons),
                )
                session.add(entry)
                entries.append((entry, pupils))
            session.flush()
            # The pupils in one bulk insert (a region's round holds thousands), audited as one
            # entry: the round and its schools are audited row by row above.
            rows = [
                {
                    "round_school_id": entry.id,
                    "pupil_id": pupil_id,
                    "case_id": candidate.case_id,
                    "reason": "; ".join(candidate.reasons),
                    "note": "",
                }
                for entry, pupils in entries
                for pupil_id, candidate in sorted(pupils.items())
            ]
            if rows:
                session.execute(insert(RoundPupil), rows)
            session.add(
                AuditEntry(
                    user=desk.user,
                    action="insert",
                    table_name="call_round_pupil",
                    record_id=f"belronde:{quarter}",
                    after={"leerlingen": len(rows), "scholen": len(entries)},
                )
            )
            session.flush()
            round_id = call_round.id
    except IntegrityError:
        raise ServiceError(
            f"Een collega heeft zojuist de belronde voor {quarter} gemaakt; ga daarmee verder."
        ) from None
    ensure_quarter_deadlines(desk, quarter)
    changes.publish(desk, "round", case_ids=())
    return round_id


def add_school_to_round(desk: Desk, round_id: int, school_id: int) -> int:
    """Put one more school (with its pupils) at the end of a round; returns its entry id."""
    settings = round_settings(desk)
    with desk.case_base.transaction(desk.user) as session:
        call_round = session.get(CallRound, round_id)
        if call_round is None:
            raise ServiceError("Deze belronde bestaat niet meer.")
        existing = session.scalar(
            select(RoundSchool.id).where(
                RoundSchool.round_id == round_id, RoundSchool.school_id == school_id
            )
        )
        if existing is not None:
            return int(existing)
        quarter = Quarter.parse(call_round.quarter)
        by_school, _previous = candidates(desk, session, quarter, settings)
        last = session.scalar(
            select(func.max(RoundSchool.position)).where(RoundSchool.round_id == round_id)
        )
        pupils = by_school.get(school_id, {})
        entry = RoundSchool(
            round_id=round_id,
            school_id=school_id,
            position=(last or 0) + 1,
            state="todo",
            reason="toegevoegd",
        )
        session.add(entry)
        for pupil_id, candidate in sorted(pupils.items()):
            session.add(
                RoundPupil(
                    round_school=entry,
                    pupil_id=pupil_id,
                    case_id=candidate.case_id,
                    reason="; ".join(candidate.reasons),
                    note="",
                )
            )
        if call_round.finished_on is not None:
            call_round.finished_on = None  # there is work again
        session.flush()
        entry_id = entry.id
    changes.publish(desk, "round", case_ids=())
    return entry_id

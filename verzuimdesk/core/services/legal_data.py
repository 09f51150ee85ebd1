"""Services for a pupil's legal data: enrolments, exemptions and excused gaps (rules.md §7–§8).

Every change is one transaction that also keeps ``Pupil.school_id`` (the current school)
in step with the enrolments and recomputes the pupil's signals, so an ``absoluut-verzuim``
signal, an LRV that ends at unenrolment and the inspectie category follow at once.
Replacing the lists returns the previous ones, which makes undo a second call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, Enrolment, ExcusedGap, Pupil, PupilExemption, School
from verzuimdesk.core.rules.legal_record import ExemptionKind, absoluut_verzuim_periods
from verzuimdesk.core.services import absences, changes, rules_gateway
from verzuimdesk.core.services.common import clean, today
from verzuimdesk.core.services.conflicts import on_stale
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "EXEMPTION_KINDS",
    "EnrolmentData",
    "ExemptionData",
    "GapItem",
    "LegalOverview",
    "excuse_gap",
    "legal_overview",
    "set_enrolments",
    "set_exemptions",
    "unexcuse_gap",
    "validate_enrolments",
    "validate_exemptions",
]

#: The exemption kinds in the order the pupil dialog offers them, with their Dutch labels.
EXEMPTION_KINDS: tuple[tuple[str, str], ...] = tuple((k.value, k.label) for k in ExemptionKind)

_NL = "%d-%m-%Y"


@dataclass(frozen=True)
class EnrolmentData:
    """An enrolment as the user enters it: school, first and last enrolled day (None: open)."""

    school_id: int | None
    start: dt.date | None
    end: dt.date | None = None


@dataclass(frozen=True)
class ExemptionData:
    """An exemption as the user enters it: kind (``5a`` … ``11g``), first and last day."""

    kind: str | None
    start: dt.date | None
    end: dt.date | None = None


def _dates(
    what: str, number: int, start: dt.date | None, end: dt.date | None, birth: dt.date | None
) -> str | None:
    if start is None:
        return f"{what} {number}: vul de begindatum in."
    if end is not None and end < start:
        return f"{what} {number}: de einddatum ligt vóór de begindatum."
    if birth is not None and start < birth:
        return f"{what} {number}: de begindatum ligt vóór de geboortedatum ({birth:{_NL}})."
    return None


def validate_enrolments(
    session: Session, birth: dt.date | None, items: Sequence[EnrolmentData]
) -> str | None:
    """A Dutch message about the first problem in *items* (None: all fine)."""
    problems: list[str] = []
    for number, item in enumerate(items, 1):
        message = _dates("Inschrijving", number, item.start, item.end, birth)
        if (
            message is None
            and item.school_id is not None
            and session.get(School, item.school_id) is None
        ):
            message = f"Inschrijving {number}: deze school bestaat niet (meer)."
        if message:
            problems.append(message)
    if not problems:
        ordered = sorted(enumerate(items, 1), key=lambda pair: pair[1].start or dt.date.min)
        for (a, first), (b, second) in pairwise(ordered):
            assert second.start is not None
            if first.end is None or first.end >= second.start:
                problems.append(
                    f"Inschrijving {min(a, b)} en {max(a, b)} overlappen: een leerling is op "
                    "één school tegelijk ingeschreven. Vul bij de eerste een einddatum in."
                )
                break
    return " ".join(problems) or None


def validate_exemptions(birth: dt.date | None, items: Sequence[ExemptionData]) -> str | None:
    """A Dutch message about the problems in *items* (None: all fine)."""
    known = {k.value for k in ExemptionKind}
    problems: list[str] = []
    for number, item in enumerate(items, 1):
        message = _dates("Vrijstelling", number, item.start, item.end, birth)
        if item.kind not in known:
            message = (
                f"Vrijstelling {number}: kies de soort (art. 5 onder a, b of c, art. 15 of "
                "art. 11g)."
            )
        if message:
            problems.append(message)
    return " ".join(problems) or None


def current_school_id(pupil: Pupil, on: dt.date) -> int | None:
    """The school of the enrolment that covers *on* (None: not enrolled that day)."""
    for enrolment in pupil.enrolments:
        if enrolment.start <= on and (enrolment.end is None or on <= enrolment.end):
            return enrolment.school_id
    return None


def replace_in_session(
    desk: Desk,
    session: Session,
    pupil: Pupil,
    enrolments: Sequence[EnrolmentData] | None,
    exemptions: Sequence[ExemptionData] | None,
) -> None:
    """Replace the pupil's enrolments and/or exemptions (None: leave as they are).

    The caller validated them; ``Pupil.school_id`` follows the enrolments.
    """
    if enrolments is not None:
        pupil.enrolments = [
            Enrolment(school_id=e.school_id, start=e.start, end=e.end)
            for e in sorted(enrolments, key=lambda e: e.start or dt.date.min)
        ]
    if exemptions is not None:
        pupil.exemptions = [
            PupilExemption(kind=e.kind, start=e.start, end=e.end)
            for e in sorted(exemptions, key=lambda e: e.start or dt.date.min)
        ]
    session.flush()
    pupil.school_id = current_school_id(pupil, today(desk))


def enrolments_of(pupil: Pupil) -> tuple[EnrolmentData, ...]:
    """The pupil's enrolments as :class:`EnrolmentData`, by start."""
    return tuple(EnrolmentData(e.school_id, e.start, e.end) for e in pupil.enrolments)


def exemptions_of(pupil: Pupil) -> tuple[ExemptionData, ...]:
    """The pupil's exemptions as :class:`ExemptionData`, by start."""
    return tuple(ExemptionData(e.kind, e.start, e.end) for e in pupil.exemptions)


def _pupil(session: Session, pupil_id: int) -> Pupil:
    pupil = session.get(Pupil, pupil_id)
    if pupil is None:
        raise NotFoundError("Deze leerling bestaat niet meer.")
    return pupil


def _after_change(desk: Desk, session: Session, pupil_id: int) -> list[int]:
    absences.recompute_in_session(desk, session, pupil_id)
    return list(session.scalars(select(Case.id).where(Case.pupil_id == pupil_id)))


@on_stale("deze leerling")
def set_enrolments(
    desk: Desk, pupil_id: int, items: Sequence[EnrolmentData]
) -> tuple[EnrolmentData, ...]:
    """Replace the pupil's enrolments (add, edit and remove in one); returns the previous
    ones, so undo is ``set_enrolments(desk, pupil_id, previous)``."""
    with desk.case_base.transaction(desk.user) as session:
        pupil = _pupil(session, pupil_id)
        message = validate_enrolments(session, pupil.birth_date, items)
        if message:
            raise ValidationError({"enrolments": message})
        previous = enrolments_of(pupil)
        replace_in_session(desk, session, pupil, items, None)
        case_ids = _after_change(desk, session, pupil_id)
    changes.publish(desk, "pupil", case_ids=case_ids, pupil_ids=(pupil_id,))
    return previous


@on_stale("deze leerling")
def set_exemptions(
    desk: Desk, pupil_id: int, items: Sequence[ExemptionData]
) -> tuple[ExemptionData, ...]:
    """Replace the pupil's exemptions; returns the previous ones (for undo)."""
    with desk.case_base.transaction(desk.user) as session:
        pupil = _pupil(session, pupil_id)
        message = validate_exemptions(pupil.birth_date, items)
        if message:
            raise ValidationError({"exemptions": message})
        previous = exemptions_of(pupil)
        replace_in_session(desk, session, pupil, None, items)
        case_ids = _after_change(desk, session, pupil_id)
    changes.publish(desk, "pupil", case_ids=case_ids, pupil_ids=(pupil_id,))
    return previous


@on_stale("deze leerling")
def excuse_gap(
    desk: Desk, pupil_id: int, start: dt.date, end: dt.date | None, note: str = ""
) -> int:
    """Mark a period without enrolment as an *administratieve onvolkomenheid* (seed 001
    §1.1): it is no longer absoluut verzuim. Returns the mark's id (to undo it)."""
    if end is not None and end < start:
        raise ValidationError({"gap": "De einddatum ligt vóór de begindatum."})
    with desk.case_base.transaction(desk.user) as session:
        _pupil(session, pupil_id)
        gap = ExcusedGap(pupil_id=pupil_id, start=start, end=end, note=clean(note) or "")
        session.add(gap)
        session.flush()
        gap_id = gap.id
        case_ids = _after_change(desk, session, pupil_id)
    changes.publish(desk, "pupil", case_ids=case_ids, pupil_ids=(pupil_id,))
    return gap_id


@on_stale("deze leerling")
def unexcuse_gap(desk: Desk, gap_id: int) -> None:
    """Take the *administratieve onvolkomenheid* mark off again (the undo of excusing)."""
    with desk.case_base.transaction(desk.user) as session:
        gap = session.get(ExcusedGap, gap_id)
        if gap is None:
            raise NotFoundError("Deze markering bestaat niet meer.")
        pupil_id = gap.pupil_id
        session.delete(gap)
        session.flush()
        session.expire_all()
        case_ids = _after_change(desk, session, pupil_id)
    changes.publish(desk, "pupil", case_ids=case_ids, pupil_ids=(pupil_id,))


# --------------------------------------------------------------------------- the pupil page


@dataclass(frozen=True)
class EnrolmentItem:
    """An enrolment as the case file shows it."""

    school: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class ExemptionItem:
    """An exemption as the case file shows it."""

    kind: str
    label: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class GapItem:
    """A period without enrolment: absoluut verzuim, or excused (``excused_id`` set)."""

    start: dt.date
    end: dt.date | None
    excused_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class LegalOverview:
    """The pupil's legal data for the *Leerling* page of the case file."""

    pupil_id: int
    municipality: str
    leerplicht: str
    startkwalificatie_on: dt.date | None
    enrolments: tuple[EnrolmentItem, ...]
    exemptions: tuple[ExemptionItem, ...]
    gaps: tuple[GapItem, ...]


def legal_overview(desk: Desk, pupil_id: int) -> LegalOverview:
    """Everything the *Leerling* page shows, with the open absoluut-verzuim periods."""
    now = today(desk)
    with desk.case_base.sessions() as session:
        pupil = _pupil(session, pupil_id)
        record = rules_gateway.legal_record(pupil)
        calendar = rules_gateway.school_calendar(desk, rules_gateway.legal_school(pupil))
        open_gaps = [
            GapItem(start, end) for start, end in absoluut_verzuim_periods(record, now, calendar)
        ]
        excused = [GapItem(g.start, g.end, g.id, g.note or "") for g in pupil.excused_gaps]
        return LegalOverview(
            pupil_id=pupil.id,
            municipality=pupil.municipality or "",
            leerplicht=rules_gateway.leerplicht_text(pupil, now),
            startkwalificatie_on=pupil.startkwalificatie_on,
            enrolments=tuple(
                EnrolmentItem(e.school.name if e.school else "(onbekende school)", e.start, e.end)
                for e in pupil.enrolments
            ),
            exemptions=tuple(
                ExemptionItem(e.kind, _kind_label(e.kind), e.start, e.end) for e in pupil.exemptions
            ),
            gaps=tuple(sorted(open_gaps + excused, key=lambda g: g.start)),
        )


def _kind_label(kind: str) -> str:
    try:
        return ExemptionKind(kind).label
    except ValueError:
        return kind

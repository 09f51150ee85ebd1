"""Services for absence records, and the recompute of a pupil's signals after each change.

Every change to a pupil's records recomputes that pupil's signals (delete +
insert of ``signal`` rows, keeping what was already reported), then brings the
pupil's open case up to date: signal deadlines, first absence day and inspectie
category. All in the same transaction as the change itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import AbsenceRecord, Case, Deadline, Pupil, StoredSignal
from verzuimdesk.core.rules.signal_codes import NATIONAL_SIGNAL_CODES, signal_label
from verzuimdesk.core.rules.types import AbsenceKind, Signal
from verzuimdesk.core.services import changes, rules_gateway
from verzuimdesk.core.services.common import clean, today
from verzuimdesk.core.services.conflicts import ConflictError, last_change, on_stale
from verzuimdesk.core.services.errors import NotFoundError, ValidationError
from verzuimdesk.core.validation import check_absence_day

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.region_spec import DeadlineRule

#: The absence kinds in the order the month grid shows them.
GRID_ORDER: tuple[AbsenceKind, ...] = (
    AbsenceKind.ONGEOORLOOFD,
    AbsenceKind.LUXE,
    AbsenceKind.ZIEK,
    AbsenceKind.TE_LAAT,
    AbsenceKind.GEOORLOOFD,
    AbsenceKind.SCHORSING,
)
#: Dutch names of the absence kinds, in the order the grid shows them.
KIND_NAMES: dict[str, str] = {kind.value: kind.label for kind in GRID_ORDER}

#: A case's signal deadlines reach back this far before its first absence day / opening.
SIGNAL_LOOKBACK = dt.timedelta(days=28)
#: When the case has no first absence day, records this far before the opening count.
FIRST_ABSENCE_LOOKBACK = dt.timedelta(days=90)
#: The kinds whose records make a case's first absence day.
FIRST_ABSENCE_KINDS: tuple[str, ...] = (
    AbsenceKind.ONGEOORLOOFD,
    AbsenceKind.LUXE,
    AbsenceKind.ZIEK,
)
#: Most hours one record can have (the school's day length caps a day's total too).
MAX_HOURS = 12
#: Hours are stored with this many decimals: enough to keep every whole second of a record
#: (rules.md §2). A non-zero amount that rounds to 0 there would be a 0-hour record, which
#: counts for nothing and is refused.
HOURS_DECIMALS = 4


def signal_name(desk: Desk, code: str) -> str:
    """The Dutch description of a national or regional signal code."""
    if code in NATIONAL_SIGNAL_CODES:
        return signal_label(code)
    for definition in desk.registry.regional_signals(desk.region_id):
        if definition.code == code:
            return definition.name
    return code


@dataclass(frozen=True)
class AbsenceEntry:
    """One (date, kind) cell: its hours (None: no record) and note."""

    date: dt.date
    kind: str
    hours: float | None
    note: str | None = None
    #: The cell's record version as the user saw it (0: no record then); a colleague's
    #: change since is a :class:`ConflictError`. None: no check (undo, import, CLI).
    version: int | None = None


def _cell_text(hours: float | Decimal | None, note: str | None) -> str:
    text = f"{dutch_hours(float(hours))} uur" if hours else ""
    return f"{text} ({note})" if text and note else text


def _cells_conflict(
    desk: Desk, stale: Sequence[tuple[AbsenceEntry, AbsenceRecord | None]]
) -> ConflictError:
    """The conflict of cells a colleague changed after the user saw them; ``stored`` holds
    the versions to save again with (keep mine)."""
    labels = {
        entry_key(e.date, e.kind): f"{KIND_NAMES.get(e.kind, e.kind)} op {e.date:%d-%m-%Y}"
        for e, _ in stale
    }
    mine = {entry_key(e.date, e.kind): _cell_text(e.hours, e.note) for e, _ in stale}
    theirs = {entry_key(e.date, e.kind): _cell_text(r.hours, r.note) if r else "" for e, r in stale}
    changed = [r for _, r in stale if r is not None]
    who, when = last_change(desk, "absence_record", changed[0].id) if changed else (None, None)
    return ConflictError(
        "het verzuim van deze leerling",
        mine=mine,
        theirs=theirs,
        labels=labels,
        their_version=max((r.version for r in changed), default=0),
        changed_by=who,
        changed_at=when,
        stored={entry_key(e.date, e.kind): r.version if r else 0 for e, r in stale},
    )


def entry_key(date: dt.date, kind: str) -> str:
    """The ``ValidationError.errors`` key of one (date, kind) cell."""
    return f"{date.isoformat()}/{kind}"


def dutch_hours(value: float) -> str:
    """``5.5`` → ``"5,5"``; ``6.0`` → ``"6"`` (hours in a Dutch message)."""
    return f"{round(value, HOURS_DECIMALS):g}".replace(".", ",")


def _validate(entries: Sequence[AbsenceEntry], now: dt.date) -> None:
    errors: dict[str, str] = {}
    for entry in entries:
        key = entry_key(entry.date, entry.kind)
        if entry.kind not in KIND_NAMES:
            errors[key] = "Onbekende soort verzuim."
        elif entry.hours is not None and not 0 <= entry.hours <= MAX_HOURS:
            errors[key] = f"Vul een aantal uren tussen 0 en {MAX_HOURS} in."
        elif entry.hours and round(entry.hours, HOURS_DECIMALS) == 0:
            # Stored it would be a 0-hour record: it counts for nothing (rules.md §2).
            errors[key] = (
                "Minder dan een seconde kan niet worden bewaard. Vul 0 in of laat de cel leeg "
                "om het verzuim te verwijderen."
            )
        elif entry.hours and entry.date > now:
            errors[key] = "Verzuim kan niet in de toekomst worden ingevoerd."
    if errors:
        raise ValidationError(errors)


def _validate_day_totals(
    session: Session, pupil: Pupil, entries: Sequence[AbsenceEntry], day_hours: float
) -> None:
    """Refuse a change that puts more hours on a day than the school's day length.

    rules.md §2: the hours of all kinds on one day are at most the day length. Only the
    days being changed are checked, so a day that is already too full (old data) can
    still be corrected downwards.
    """
    days = {entry.date for entry in entries if entry.hours}
    if not days:
        return
    totals: dict[dt.date, dict[str, float]] = {day: {} for day in days}
    for date, kind, hours in session.execute(
        select(AbsenceRecord.date, AbsenceRecord.kind, AbsenceRecord.hours).where(
            AbsenceRecord.pupil_id == pupil.id, AbsenceRecord.date.in_(days)
        )
    ):
        totals[date][kind] = float(hours)
    for entry in entries:
        if entry.date in totals:
            totals[entry.date][entry.kind] = entry.hours or 0.0
    errors: dict[str, str] = {}
    for entry in entries:
        if not entry.hours or entry.date not in totals:
            continue
        total = sum(totals[entry.date].values())
        if round(total, HOURS_DECIMALS) > day_hours:
            others = total - entry.hours
            message = (
                f"Op {entry.date:%d-%m-%Y} kan niet meer dan {dutch_hours(day_hours)} uur "
                "verzuim staan: zoveel lesuren heeft een schooldag van deze school."
            )
            if others:
                room = max(day_hours - others, 0.0)
                message += f" Er staat al {dutch_hours(others)} uur bij een andere soort" + (
                    f"; er is nog ruimte voor {dutch_hours(room)} uur." if room else "."
                )
            errors[entry_key(entry.date, entry.kind)] = message
    if errors:
        raise ValidationError(errors)


@on_stale("het verzuim van deze leerling")
def set_absences(desk: Desk, pupil_id: int, entries: Iterable[AbsenceEntry]) -> list[AbsenceEntry]:
    """Set the hours of (date, kind) cells of one pupil in one transaction.

    ``hours`` None or 0 deletes the record. Returns the previous state of every
    cell, so that ``set_absences(desk, pupil_id, previous)`` undoes the change.

    An entry with a ``version`` that a colleague's change made outdated raises a
    :class:`ConflictError` listing those cells (hours now and the user's); nothing is
    saved. Its ``stored`` maps :func:`entry_key` to the version to save again with.
    """
    entries = list(entries)
    _validate(entries, today(desk))
    previous: list[AbsenceEntry] = []
    days = DayChanges()
    with desk.case_base.transaction(desk.user) as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        _validate_day_totals(session, pupil, entries, rules_gateway.day_hours_of(pupil.school))
        # Not before birth or 2000, not in a weekend, on a public holiday or in a vacation
        # of the school's calendar (issue 11).
        holiday = rules_gateway.holiday_names(pupil.school)
        vacation = rules_gateway.vacation_names(desk, pupil.school)
        wrong_days = {
            entry_key(e.date, e.kind): problem
            for e in entries
            if e.hours
            and (problem := check_absence_day(e.date, pupil.birth_date, holiday, vacation))
        }
        if wrong_days:
            raise ValidationError(wrong_days)
        stale: list[tuple[AbsenceEntry, AbsenceRecord | None]] = []
        for entry in entries:
            record = session.scalar(
                select(AbsenceRecord).where(
                    AbsenceRecord.pupil_id == pupil_id,
                    AbsenceRecord.date == entry.date,
                    AbsenceRecord.kind == entry.kind,
                )
            )
            if entry.version is not None and entry.version != (record.version if record else 0):
                stale.append((entry, record))
                continue
            previous.append(
                AbsenceEntry(
                    entry.date,
                    entry.kind,
                    float(record.hours) if record else None,
                    record.note if record else None,
                )
            )
            if entry.kind in FIRST_ABSENCE_KINDS:
                if not entry.hours and record is not None:
                    days.removed.add(entry.date)
                elif entry.hours and record is None:
                    days.added.add(entry.date)
            if not entry.hours:
                if record is not None:
                    session.delete(record)
            elif record is None:
                session.add(
                    AbsenceRecord(
                        pupil_id=pupil_id,
                        date=entry.date,
                        kind=entry.kind,
                        hours=Decimal(str(entry.hours)),
                        note=clean(entry.note),
                    )
                )
            else:
                record.hours = Decimal(str(entry.hours))
                record.note = clean(entry.note)
        if stale:
            raise _cells_conflict(desk, stale)
        session.flush()
        case_ids = recompute_in_session(desk, session, pupil_id, days)
    changes.publish(desk, "absence", case_ids=case_ids, pupil_ids=(pupil_id,))
    return previous


def school_days(desk: Desk, pupil_id: int, days: Iterable[dt.date]) -> list[dt.date]:
    """The days of ``days`` that are schooldagen at the pupil's school (no weekend, public
    holiday or vacation): the days on which :func:`set_absences` accepts absence, for
    entering a period ("ziek van … tot …") in one go."""
    with desk.case_base.sessions() as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        holiday = rules_gateway.holiday_names(pupil.school)
        vacation = rules_gateway.vacation_names(desk, pupil.school)
        birth = pupil.birth_date
    return [d for d in days if check_absence_day(d, birth, holiday, vacation) is None]


def record_absence(
    desk: Desk, pupil_id: int, date: dt.date, kind: str, hours: float, note: str | None = None
) -> AbsenceEntry:
    """Record (or correct) one absence; returns the previous state of that cell for undo."""
    return set_absences(desk, pupil_id, [AbsenceEntry(date, kind, hours, note)])[0]


def delete_absence(desk: Desk, record_id: int) -> tuple[int, AbsenceEntry]:
    """Delete one absence record; returns (pupil id, the deleted entry) to restore it."""
    with desk.case_base.sessions() as session:
        record = session.get(AbsenceRecord, record_id)
        if record is None:
            raise NotFoundError("Dit verzuim bestaat niet meer.")
        pupil_id, date, kind = record.pupil_id, record.date, record.kind
    previous = set_absences(desk, pupil_id, [AbsenceEntry(date, kind, None)])[0]
    return pupil_id, previous


def restore_absences(desk: Desk, pupil_id: int, previous: Sequence[AbsenceEntry]) -> None:
    """Put cells back as they were (the undo of :func:`set_absences`)."""
    set_absences(desk, pupil_id, previous)


def recompute_signals(desk: Desk, pupil_id: int) -> list[int]:
    """Recompute one pupil's signals in their own transaction; returns the touched case ids."""
    with desk.case_base.transaction(desk.user) as session:
        case_ids = recompute_in_session(desk, session, pupil_id)
    changes.publish(desk, "absence", case_ids=case_ids, pupil_ids=(pupil_id,))
    return case_ids


def unauthorised_days(
    session: Session,
    pupil_ids: Iterable[int],
    until: dt.date,
    kinds: Iterable[str] | None = None,
) -> dict[int, list[dt.date]]:
    """Per pupil, the dates up to ``until`` of records that make continued absence.

    Records with hours of ``kinds`` — the region's ``Region.counted_absence_kinds``
    (:func:`week_absence_kinds`); None: the national
    :data:`~verzuimdesk.core.ladder.CONTINUED_ABSENCE_KINDS`. See
    :func:`rules_gateway.continued_absence`.
    """
    from verzuimdesk.core.ladder import CONTINUED_ABSENCE_KINDS

    counted = sorted(CONTINUED_ABSENCE_KINDS if kinds is None else set(kinds))
    out: dict[int, list[dt.date]] = {}
    ids = sorted(set(pupil_ids))
    for i in range(0, len(ids), 900):
        for pupil_id, date in session.execute(
            select(AbsenceRecord.pupil_id, AbsenceRecord.date).where(
                AbsenceRecord.pupil_id.in_(ids[i : i + 900]),
                AbsenceRecord.kind.in_(counted),
                AbsenceRecord.hours > 0,
                AbsenceRecord.date <= until,
            )
        ):
            out.setdefault(pupil_id, []).append(date)
    return out


def week_absence_kinds(desk: Desk) -> frozenset[str]:
    """The absence kinds that count for the weeks of ``desk``'s region (API 1.5).

    ``Region.week_absence_kinds``, or the national unauthorised kinds when the region
    leaves it empty; an unknown region (its plugin missing) counts the national kinds.
    """
    try:
        return desk.region.counted_absence_kinds
    except LookupError:  # the registry's RegionNotInstalled
        from verzuimdesk.core.ladder import CONTINUED_ABSENCE_KINDS

        return CONTINUED_ABSENCE_KINDS


def compute_for_pupil(desk: Desk, session: Session, pupil: Pupil) -> list[Signal]:
    """Compute (without storing) the signals of ``pupil`` up to the desk's today."""
    rows = session.execute(
        select(AbsenceRecord.date, AbsenceRecord.hours, AbsenceRecord.kind).where(
            AbsenceRecord.pupil_id == pupil.id
        )
    ).all()
    records = rules_gateway.to_absences(str(pupil.id), rows)
    signals = (
        rules_gateway.compute_signals(desk, str(pupil.id), records, pupil.school, today(desk))
        if records
        else []
    )
    # The legal record (enrolments, exemptions) ends LRVs and adds absoluut verzuim.
    return rules_gateway.with_legal_signals(desk, pupil, signals, today(desk))


@dataclass
class DayChanges:
    """Days on which a record of a :data:`FIRST_ABSENCE_KINDS` kind was added or removed."""

    added: set[dt.date] = field(default_factory=set)
    removed: set[dt.date] = field(default_factory=set)


def recompute_in_session(
    desk: Desk, session: Session, pupil_id: int, days: DayChanges | None = None
) -> list[int]:
    """Replace the pupil's stored signals and update their open case; returns case ids.

    ``days`` (what a change to the records did) keeps the open case's first absence day
    in step with the records: see :func:`_keep_first_absence_day`.
    """
    pupil = session.get(Pupil, pupil_id)
    if pupil is None:
        return []
    signals = compute_for_pupil(desk, session, pupil)
    reported = {
        (s.code, s.datum): s.reported_on
        for s in session.scalars(
            select(StoredSignal).where(
                StoredSignal.pupil_id == pupil_id, StoredSignal.reported_on.is_not(None)
            )
        )
    }
    session.execute(delete(StoredSignal).where(StoredSignal.pupil_id == pupil_id))
    session.add_all(
        StoredSignal(
            pupil_id=pupil_id,
            code=s.code,
            datum=s.datum,
            start=s.start,
            eind=s.eind,
            uren=None if s.uren is None else Decimal(str(round(s.uren, 2))),
            deadline_on=s.deadline,
            reported_on=reported.get((s.code, s.datum)),
        )
        for s in signals
    )
    case_ids = []
    for case in session.scalars(
        select(Case).where(Case.pupil_id == pupil_id, Case.closed_on.is_(None))
    ):
        _keep_first_absence_day(session, case, days or DayChanges())
        _refresh_case(desk, session, case, pupil, signals)
        case_ids.append(case.id)
    return case_ids


def refresh_case_from_signals(desk: Desk, session: Session, case: Case) -> None:
    """Bring a (new) case up to date with its pupil's stored signals."""
    pupil = case.pupil
    signals = compute_for_pupil(desk, session, pupil)
    _refresh_case(desk, session, case, pupil, signals)


def _counted_absence(session: Session, case: Case) -> Select[dt.date]:
    """Dates of the records that make the case's absence, from a little before the opening."""
    return (
        select(AbsenceRecord.date)
        .where(
            AbsenceRecord.pupil_id == case.pupil_id,
            AbsenceRecord.date >= case.opened_on - FIRST_ABSENCE_LOOKBACK,
            AbsenceRecord.kind.in_(FIRST_ABSENCE_KINDS),
            AbsenceRecord.hours > 0,
        )
        .order_by(AbsenceRecord.date)
        .limit(1)
    )


def _earliest_absence(session: Session, case: Case) -> dt.date | None:
    return session.scalar(_counted_absence(session, case))


def _keep_first_absence_day(session: Session, case: Case, days: DayChanges) -> None:
    """Keep ``case.first_absence_on`` in step with the absence records that exist.

    Issue 9, defect 2: the first absence day is the earliest record of
    :data:`FIRST_ABSENCE_KINDS` from :data:`FIRST_ABSENCE_LOOKBACK` before the opening.
    When the record it came from is removed it moves on to the next record (or back to
    none); a record entered before it (within the window) moves it back. A date given at
    the opening without a record on it stays until records say otherwise.
    """
    first = case.first_absence_on
    if first is None:
        return  # derived in _refresh_case
    if first in days.removed:
        remaining = session.scalar(
            _counted_absence(session, case).where(AbsenceRecord.date == first)
        )
        if remaining is None:
            case.first_absence_on = _earliest_absence(session, case)
            return
    window = case.opened_on - FIRST_ABSENCE_LOOKBACK
    earlier = [d for d in days.added if window <= d < first]
    if earlier:
        case.first_absence_on = min(earlier)


def signal_rule_id(code: str, datum: dt.date, rule_id: str | None = None) -> str:
    """The ``Deadline.rule_id`` of a signal's deadline (or of a regional rule anchored on it)."""
    if rule_id:
        return f"rule:{rule_id}@{datum.isoformat()}"[:64]
    return f"signal:{code}@{datum.isoformat()}"[:64]


def _is_signal_deadline(rule_id: str | None) -> bool:
    return rule_id is not None and "@" in rule_id and rule_id.startswith(("signal:", "rule:"))


def _refresh_case(
    desk: Desk, session: Session, case: Case, pupil: Pupil, signals: Sequence[Signal]
) -> None:
    if case.first_absence_on is None:
        case.first_absence_on = _earliest_absence(session, case)
    since = (case.first_absence_on or case.opened_on) - SIGNAL_LOOKBACK
    wanted: dict[str, tuple[dt.date, str, str | None]] = {}
    calendar = None
    signal_rules = _signal_rules(desk)
    for s in signals:
        if s.datum < since:
            continue
        if s.deadline is not None:
            wanted[signal_rule_id(s.code, s.datum)] = (
                s.deadline,
                signal_deadline_text(desk, s),
                None,
            )
        for rule in signal_rules.get(s.code, ()):
            if calendar is None:
                calendar = rules_gateway.school_calendar(desk, pupil.school)
            wanted[signal_rule_id(s.code, s.datum, rule.id)] = (
                rules_gateway.due_date(rule, s.datum, calendar),
                rule.what,
                rule.role_id,
            )
    existing = session.scalars(select(Deadline).where(Deadline.case_id == case.id)).all()
    have = set()
    for deadline in existing:
        if not _is_signal_deadline(deadline.rule_id):
            continue
        have.add(deadline.rule_id)
        if deadline.rule_id not in wanted and deadline.done_on is None:
            session.delete(deadline)
        elif deadline.rule_id in wanted and deadline.done_on is None:
            due, _what, _role = wanted[deadline.rule_id]
            if deadline.due_on != due:
                deadline.due_on = due
    for rule_id, (due, what, role_id) in wanted.items():
        if rule_id not in have:
            session.add(
                Deadline(case_id=case.id, due_on=due, what=what, role_id=role_id, rule_id=rule_id)
            )
    category = rules_gateway.inspectie_category(desk, pupil, case, signals, today(desk))
    if category != case.inspectie_category:
        # Today's category, cleared when none applies: a pupil back at school is no longer
        # B2a/B2b (issue 10). What the desk shows is computed from the history for the day
        # (services.inspectie_history); this column keeps a manual C and feeds the filters.
        case.inspectie_category = category


def signal_deadline_text(desk: Desk, s: Signal) -> str:
    """What a signal's deadline asks, in Dutch, with the signal's dates."""
    name = signal_name(desk, s.code)
    if s.start and s.eind and s.start != s.eind:
        return f"{name} ({s.start:%d-%m} t/m {s.eind:%d-%m})"
    return f"{name} ({s.datum:%d-%m-%Y})"


def _signal_rules(desk: Desk) -> dict[str, list[DeadlineRule]]:
    result: dict[str, list[DeadlineRule]] = {}
    for rule in desk.registry.deadline_rules(desk.region_id):
        if rule.anchor.startswith("signal:"):
            result.setdefault(rule.anchor.split(":", 1)[1], []).append(rule)
    return result


def mark_signal_reported(
    session: Session, pupil_id: int, rule_id: str, reported_on: dt.date | None
) -> None:
    """Mark the stored signal behind a signal deadline reported (or not) on a date."""
    if not rule_id.startswith("signal:") or "@" not in rule_id:
        return
    code, _, iso = rule_id[len("signal:") :].partition("@")
    try:
        datum = dt.date.fromisoformat(iso)
    except ValueError:
        return
    for stored in session.scalars(
        select(StoredSignal).where(
            StoredSignal.pupil_id == pupil_id,
            StoredSignal.code == code,
            StoredSignal.datum == datum,
        )
    ):
        stored.reported_on = reported_on

"""The services' one door to the rules engine and the ladder evaluator.

Everything the services need from :mod:`verzuimdesk.core.rules` and
:mod:`verzuimdesk.core.ladder` goes through here, with small caches (a school
calendar is built once per calendar definition), so that the services and the
GUI never depend on those modules' details.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import (
    DEFAULT_DAY_HOURS,
    Absence,
    AbsenceKind,
    Sector,
    Signal,
)

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.ladder import CaseState, LadderView, SignalLike
    from verzuimdesk.core.models import Case, CaseEvent, Pupil, School
    from verzuimdesk.core.region_spec import DeadlineRule, Stage
    from verzuimdesk.core.rules.calendar import SchoolCalendar
    from verzuimdesk.core.rules.legal_record import LegalRecord


@dataclass(frozen=True)
class CalendarKey:
    """Everything that defines a school's calendar (hashable, so calendars are cached)."""

    vacation_region: str
    goede_vrijdag_free: bool = False
    bevrijdingsdag_free: bool = False
    explicit: bool = False
    #: (start, end, name, kind) of the school's own free periods.
    periods: tuple[tuple[dt.date, dt.date, str, str], ...] = ()


def calendar_key(school: School | None, default_region: str = "midden") -> CalendarKey:
    """Return the :class:`CalendarKey` of a ``School`` row (None: the default calendar)."""
    if school is None:
        return CalendarKey(default_region)
    return CalendarKey(
        school.vacation_region or default_region,
        bool(school.goede_vrijdag_free),
        bool(school.bevrijdingsdag_free),
        bool(school.explicit_calendar),
        tuple((p.start, p.end, p.name or "", p.kind or "extra") for p in school.free_periods),
    )


@functools.lru_cache(maxsize=256)
def calendar_for(key: CalendarKey) -> SchoolCalendar:
    """Return the rules engine's ``SchoolCalendar`` for ``key`` (cached)."""
    from verzuimdesk.core.rules.calendar import FreeRange, SchoolCalendar, VacationOverride

    if key.explicit:
        return SchoolCalendar.explicit([FreeRange(s, e, n) for s, e, n, _ in key.periods])
    return SchoolCalendar.for_region(
        key.vacation_region,
        extra_free=[FreeRange(s, e, n) for s, e, n, kind in key.periods if kind != "vacation"],
        vacation_overrides=[
            VacationOverride(n, s, e) for s, e, n, kind in key.periods if kind == "vacation"
        ],
        goede_vrijdag=key.goede_vrijdag_free,
        bevrijdingsdag=key.bevrijdingsdag_free,
    )


def school_calendar(desk: Desk, school: School | None) -> SchoolCalendar:
    """The calendar of ``school`` (the region's default calendar when None)."""
    return calendar_for(calendar_key(school, _default_vacation(desk)))


def holiday_names(school: School | None) -> Callable[[dt.date], str | None]:
    """The public holiday's Dutch name on a date for ``school`` (Goede Vrijdag and
    Bevrijdingsdag only when the school is free then); None on other days."""
    from verzuimdesk.core.rules.official_holidays import public_holidays

    goede = bool(school is not None and school.goede_vrijdag_free)
    bevrijding = bool(school is not None and school.bevrijdingsdag_free)

    def name(day: dt.date) -> str | None:
        return public_holidays(day.year, goede, bevrijding).get(day.toordinal())

    return name


def vacation_names(desk: Desk, school: School | None) -> Callable[[dt.date], str | None]:
    """The name of the free day of ``school``'s calendar on a weekday that is no schooldag
    (a vacation, a study day); None on a schooldag, a weekend or outside the calendar's years.
    """
    calendar = school_calendar(desk, school)

    def name(day: dt.date) -> str | None:
        try:
            if day.weekday() >= 5 or calendar.is_schooldag(day):
                return None
            return calendar.free_day_name(day) or "vrij"
        except ValueError:  # a year the calendar does not cover
            return None

    return name


def sector_of(school: School | None) -> Sector:
    """The school's sector (VO when unknown)."""
    try:
        return Sector(school.sector) if school is not None else Sector.VO
    except ValueError:
        return Sector.VO


def day_hours_of(school: School | None) -> float:
    """Lesson hours of a schooldag at ``school`` (rules.md §1)."""
    if school is not None and school.day_hours is not None:
        return float(school.day_hours)
    return DEFAULT_DAY_HOURS[sector_of(school)]


def to_absences(
    pupil_key: str, rows: Sequence[tuple[dt.date, Decimal | float, str]]
) -> list[Absence]:
    """Turn (date, hours, kind) rows into the rules' :class:`Absence` values, sorted."""
    result = []
    for date, hours, kind in rows:
        try:
            result.append(Absence(pupil_key, date, float(hours), AbsenceKind(kind)))
        except ValueError:
            continue
    result.sort(key=lambda a: (a.date, a.kind))
    return result


def compute_signals(
    desk: Desk, pupil_key: str, records: list[Absence], school: School | None, until: dt.date
) -> list[Signal]:
    """National signals plus the region's own signals for one pupil, by date and code."""
    from verzuimdesk.core.rules.signals import compute_pupil_signals, regional_signals_for_pupil

    calendar = school_calendar(desk, school)
    sector = sector_of(school)
    hours = day_hours_of(school)
    national = compute_pupil_signals(
        pupil_key, records, calendar, sector=sector, day_hours=hours, until=until
    )
    result = list(national)
    regional = desk.registry.regional_signals(desk.region_id)
    if regional:
        result.extend(
            regional_signals_for_pupil(
                pupil_key,
                records,
                national,
                calendar,
                regional,
                sector=sector,
                day_hours=hours,
                until=until,
            )
        )
    result.sort(key=lambda s: (s.datum, s.code))
    return result


def regional_for_pupil(
    desk: Desk,
    pupil_key: str,
    records: list[Absence],
    national: Sequence[Signal],
    school: School | None,
    until: dt.date,
) -> list[Signal]:
    """The region's own signals of one pupil (what :func:`compute_signals` adds)."""
    from verzuimdesk.core.rules.signals import regional_signals_for_pupil

    regional = desk.registry.regional_signals(desk.region_id)
    if not regional:
        return []
    return regional_signals_for_pupil(
        pupil_key,
        records,
        national,
        school_calendar(desk, school),
        regional,
        sector=sector_of(school),
        day_hours=day_hours_of(school),
        until=until,
    )


def _default_vacation(desk: Desk) -> str:
    return desk.region.vacation_region


# --------------------------------------------------------------------------- ladder


def case_state(
    case: Case,
    *,
    signals: Sequence[SignalLike],
    events: Sequence[CaseEvent],
    lesweken: int | None,
    municipality: str | None,
    sector: str | None,
    pupil_age: int | None,
) -> CaseState:
    """Build the ladder evaluator's ``CaseState`` from a ``Case`` row and its facts."""
    from verzuimdesk.core.ladder import CaseState

    return CaseState(
        stage_id=case.stage_id,
        stage_entered_on=case.stage_entered_on,
        signals=tuple(signals),
        events=tuple(e for e in events if e.deleted_at is None),
        lesweken=lesweken,
        first_absence_on=case.first_absence_on,
        opened_on=case.opened_on,
        actions_done=frozenset(case.actions_done or ()),
        checklist_answers=dict(case.checklists or {}),
        municipality=municipality,
        sector=sector,
        pupil_age=pupil_age,
        closed=case.closed_on is not None,
        form_answers=latest_form_answers(case),
    )


def latest_form_answers(case: Case) -> dict[str, dict[str, Any]]:
    """Form id -> the stored values of the case's latest (newest) submission of that form."""
    latest: dict[str, Any] = {}
    for submission in sorted(case.forms, key=lambda f: f.id or 0):
        latest[submission.form_id] = submission
    return {form_id: dict(s.values or {}) for form_id, s in latest.items()}


def evaluate(
    desk: Desk, state: CaseState, *, today: dt.date, calendar: SchoolCalendar | None
) -> LadderView:
    """Evaluate ``state`` on the region's ladder: a ``LadderView``."""
    from verzuimdesk.core.ladder import evaluate_ladder

    registry = desk.registry
    region = desk.region_id
    return evaluate_ladder(
        registry.ladder(region),
        state,
        today=today,
        calendar=calendar,
        region_rules=registry.deadline_rules(region),
        checklists=registry.checklists(region),
        signal_names={s.code: s.name for s in registry.regional_signals(region)},
    )


def lesweken(
    calendar: SchoolCalendar | None, first_absence_on: dt.date | None, on: dt.date
) -> int | None:
    """The lesweek number of ``on`` counted from the first absence day (week 1), or None."""
    if first_absence_on is None or calendar is None or on < first_absence_on:
        return None
    return calendar.lesweek_index(on) - calendar.lesweek_index(first_absence_on) + 1


def continued_absence(
    calendar: SchoolCalendar | None, days: Sequence[dt.date], on: dt.date
) -> int | None:
    """Today's week number in the pupil's run of continued absence (issue 9, defect 7).

    ``days``: the dates of the pupil's unauthorised records with hours
    (:func:`~verzuimdesk.core.services.absences.unauthorised_days`). 0 when the pupil is
    back at school, None when there was no unauthorised absence up to ``on``. The header's
    "lesweek N", the case list's week, the ladder's week triggers and the timeline's bands
    all go by this number (see :mod:`verzuimdesk.core.ladder.weeks`).
    """
    from verzuimdesk.core.ladder import absence_lesweken, continued_absence_week

    if calendar is None:
        return None
    absent = absence_lesweken(
        (d for d in days if d <= on), calendar.lesweek_index, calendar.is_schooldag
    )
    if not absent:
        return None
    current = calendar.lesweek_index(on)
    return continued_absence_week(absent, current, current)


def continued_absence_by_monday(
    calendar: SchoolCalendar, days: Sequence[dt.date], on: dt.date, start: dt.date, end: dt.date
) -> dict[dt.date, int]:
    """The week number of continued absence of every week from ``start`` to ``end``.

    Keyed by Monday; a week without schooldagen gets the number of the lesweek before it.
    Weeks after ``on`` are projected (see :func:`continued_absence_week`).
    """
    from verzuimdesk.core.ladder import absence_lesweken, continued_absence_week

    absent = absence_lesweken(
        (d for d in days if d <= on), calendar.lesweek_index, calendar.is_schooldag
    )
    current = calendar.lesweek_index(on)
    out: dict[dt.date, int] = {}
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        out[monday] = continued_absence_week(absent, calendar.lesweek_index(monday), current)
        monday += dt.timedelta(days=7)
    return out


def stage_of(desk: Desk, stage_id: str) -> Stage | None:
    """The region's stage ``stage_id`` (None when the ladder does not know it)."""
    try:
        return desk.registry.ladder(desk.region_id).stage(stage_id)
    except KeyError:
        return None


def due_date(rule: DeadlineRule, anchor: dt.date, calendar: SchoolCalendar | None) -> dt.date:
    """The due date of a ``DeadlineRule`` counted from ``anchor`` (the evaluator's rule)."""
    from verzuimdesk.core.ladder import due_date as ladder_due_date

    return ladder_due_date(rule, anchor, calendar)


# --------------------------------------------------------------------------- leerplicht


#: Sickness signal codes: a case whose recent signals are only these is sick-dominant (A1).
SICK_CODES: frozenset[str] = frozenset(
    {
        SignalCode.SICK_7_DAYS,
        SignalCode.SICK_4_IN_12,
        SignalCode.SICK_PO_5_REPORTS,
        SignalCode.SICK_PO_10_DAYS,
    }
)
#: How far back "recent" reaches for the sick-dominant reading.
RECENT = dt.timedelta(days=28)


def legal_record(pupil: Pupil) -> LegalRecord:
    """The rules' :class:`LegalRecord` of a ``Pupil`` row (enrolments, exemptions, gaps)."""
    from verzuimdesk.core.rules.legal_record import (
        EnrolmentPeriod,
        ExemptionKind,
        ExemptionPeriod,
        LegalRecord,
    )

    known = {k.value for k in ExemptionKind}
    return LegalRecord(
        birth_date=pupil.birth_date,
        enrolments=tuple(EnrolmentPeriod(e.start, e.end, e.school_id) for e in pupil.enrolments),
        exemptions=tuple(
            ExemptionPeriod(ExemptionKind(e.kind), e.start, e.end)
            for e in pupil.exemptions
            if e.kind in known
        ),
        startkwalificatie_on=pupil.startkwalificatie_on,
        exit_certificate=pupil.exit_certificate,
        twelve_years_completed=pupil.full_school_years_done_on,
        excused_gaps=tuple((g.start, g.end) for g in pupil.excused_gaps),
    )


def legal_school(pupil: Pupil) -> School | None:
    """The school whose calendar counts for the pupil's legal signals: the current one,
    else the school of the latest enrolment (None: the region's default calendar)."""
    if pupil.school is not None:
        return pupil.school
    schools = [e.school for e in pupil.enrolments if e.school is not None]
    return schools[-1] if schools else None


def with_legal_signals(
    desk: Desk, pupil: Pupil, signals: Sequence[Signal], until: dt.date
) -> list[Signal]:
    """*signals* with the legal record applied: LRVs end at unenrolment, and the
    ``absoluut-verzuim`` signals of the periods without enrolment are added."""
    from verzuimdesk.core.rules.legal_record import legal_signals

    calendar = school_calendar(desk, legal_school(pupil))
    return legal_signals(str(pupil.id), legal_record(pupil), signals, calendar, until)


def inspectie_category(
    desk: Desk, pupil: Pupil, case: Case, signals: Sequence[Signal], on: dt.date
) -> str | None:
    """The inspectie category (A1 … C) of ``case`` on ``on`` (None when none applies)."""
    from verzuimdesk.core.rules.inspectie import category_on

    recent = [s for s in signals if on - RECENT <= s.datum <= on]
    sick_dominant = bool(recent) and all(s.code in SICK_CODES for s in recent)
    result = category_on(
        legal_record(pupil),
        on,
        sick_dominant=sick_dominant,
        manual_c=case.inspectie_category == "C",
        signals=signals,
    )
    return None if result is None else result.value


def leerplicht_text(pupil: Pupil, on: dt.date) -> str:
    """A short Dutch description of the pupil's leerplicht status on ``on``."""
    from verzuimdesk.core.rules.leerplicht import status_text
    from verzuimdesk.core.rules.legal_record import enrolment_exemption_on

    exemption = enrolment_exemption_on(legal_record(pupil), on)
    facts = _StatusFacts(
        birth_date=pupil.birth_date,
        exemption=None if exemption is None else exemption.kind.value,
        startkwalificatie_on=pupil.startkwalificatie_on,
        exit_certificate=pupil.exit_certificate,
        full_school_years_done_on=pupil.full_school_years_done_on,
    )
    return status_text(facts, on)


@dataclass(frozen=True)
class _StatusFacts:
    """What ``leerplicht.status_text`` reads, with the exemption that applies on the day."""

    birth_date: dt.date
    exemption: str | None
    startkwalificatie_on: dt.date | None
    exit_certificate: str | None
    full_school_years_done_on: dt.date | None

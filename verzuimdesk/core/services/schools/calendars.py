"""Services for the school calendars: view and change a school's free days (rules.md §1, §8).

One function per user action, each one transaction. A school's calendar is
the built-in calendar of its vacation region (official vacations and public
holidays from the ``holidays`` package) plus the school's own rows in
``school_free_period``:

* ``extra`` — an extra free day or period (*studiedag*);
* ``vacation`` — the school's own dates of a built-in vacation (an override,
  e.g. its own Herfstvakantie: the package's Herfst- and Voorjaarsvakantie are
  only the advised dates and its Meivakantie is only the binding week);
* ``file`` — a range of an imported calendar file (rules.md §8). With
  ``School.explicit_calendar`` set, the built-in vacations and holidays are gone
  and only the rows count (the ``extra`` rows stay: they are the school's own).

Every calendar change recomputes the signals (and signal deadlines) of every
pupil of the school in the same transaction, with the per-pupil recompute of
:mod:`verzuimdesk.core.services.absences`, and publishes a ``school`` change.
Every calendar change returns the calendar as it was before
(:class:`CalendarSnapshot`), so that :func:`restore_calendar` undoes it.

:mod:`verzuimdesk.core.rules.calendar` is imported inside the functions: it loads the
``holidays`` package, which the desk should not pay for at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Pupil, School, SchoolFreePeriod
from verzuimdesk.core.services import changes, rules_gateway
from verzuimdesk.core.services.common import clean, today
from verzuimdesk.core.services.errors import NotFoundError, ValidationError
from verzuimdesk.core.services.schools.calendar_file import (
    parse_calendar_ranges,
)
from verzuimdesk.core.services.schools.details import Progress, get_school, recompute_school

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: The built-in vacations a school can give its own dates (names as the calendar uses them).
VACATION_NAMES = (
    "Herfstvakantie",
    "Kerstvakantie",
    "Voorjaarsvakantie",
    "Meivakantie",
    "Zomervakantie",
)
#: What the built-in dates of each vacation are (the ``holidays`` package has only these).
VACATION_NOTES: dict[str, str] = {
    "Herfstvakantie": "Adviesdata van OCW: scholen mogen afwijken.",
    "Voorjaarsvakantie": "Adviesdata van OCW: scholen mogen afwijken.",
    "Meivakantie": "Alleen de vaste week; veel scholen geven twee weken vrij.",
    "Kerstvakantie": "Vastgestelde data voor de regio.",
    "Zomervakantie": "Vastgestelde data voor de regio.",
}

#: ``SchoolFreePeriod.kind`` values.
ROW_EXTRA, ROW_VACATION, ROW_FILE = "extra", "vacation", "file"

#: Kinds of a :class:`CalendarEntry` (what the free period is), with their Dutch labels.
KIND_VACATION = "vakantie"
KIND_FEESTDAG = "feestdag"
KIND_STUDIEDAG = "studiedag"
KIND_OVERRIDE = "eigen-vakantie"
KIND_FILE = "bestand"
KIND_LABELS: dict[str, str] = {
    KIND_VACATION: "Vakantie",
    KIND_FEESTDAG: "Feestdag",
    KIND_STUDIEDAG: "Studiedag / eigen vrije dag",
    KIND_OVERRIDE: "Vakantie (eigen data)",
    KIND_FILE: "Uit kalenderbestand",
}
_ROW_KIND = {ROW_EXTRA: KIND_STUDIEDAG, ROW_VACATION: KIND_OVERRIDE, ROW_FILE: KIND_FILE}

#: Longest own free period (*studiedag* or a few days); a vacation gets its own dates instead.
MAX_EXTRA_DAYS = 31
#: Longest vacation with the school's own dates (a summer vacation with its weekends).
MAX_VACATION_DAYS = 70
#: Dates a school's own calendar may use.
FIRST_YEAR, LAST_YEAR = 2000, 2100


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True)
class PeriodData:
    """One of the school's own rows: an inclusive range, a name and a row kind."""

    start: dt.date
    end: dt.date
    name: str
    kind: str = ROW_EXTRA


@dataclass(frozen=True)
class CalendarSnapshot:
    """A school's whole calendar definition (what :func:`restore_calendar` puts back)."""

    school_id: int
    explicit: bool
    goede_vrijdag: bool
    bevrijdingsdag: bool
    periods: tuple[PeriodData, ...]


@dataclass(frozen=True)
class CalendarChange:
    """The outcome of a calendar change."""

    #: The calendar before the change (to undo it) and after it (to redo it).
    before: CalendarSnapshot
    after: CalendarSnapshot
    #: Pupils of the school whose signals were recomputed.
    recomputed: int
    #: The id of the row the change added or changed (None when not applicable).
    period_id: int | None = None


@dataclass(frozen=True)
class CalendarEntry:
    """A free period of a school's calendar in one school year."""

    start: dt.date
    end: dt.date
    name: str
    #: One of ``KIND_*``.
    kind: str
    #: Free weekdays (Monday–Friday that are no schooldag) in the period.
    free_days: int
    #: The school's own row behind the entry (None for built-in vacations and holidays).
    period_id: int | None = None
    note: str = ""
    #: The whole period when it runs over the school year's ends (a summer vacation).
    full_start: dt.date | None = None
    full_end: dt.date | None = None

    @property
    def whole(self) -> tuple[dt.date, dt.date]:
        """First and last day of the whole period (also beyond the school year)."""
        return self.full_start or self.start, self.full_end or self.end

    @property
    def kind_label(self) -> str:
        """The Dutch name of the entry's kind."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def editable(self) -> bool:
        """True for the school's own rows (they can be changed and deleted)."""
        return self.period_id is not None


@dataclass(frozen=True)
class SchoolCalendarView:
    """A school's calendar for one school year (1 August to 31 July)."""

    school_id: int
    school_name: str
    year: int
    start: dt.date
    end: dt.date
    vacation_region: str
    explicit: bool
    goede_vrijdag: bool
    bevrijdingsdag: bool
    entries: tuple[CalendarEntry, ...]
    #: Every free date of the year that has a name (weekdays and named weekend days).
    day_names: dict[dt.date, str] = field(default_factory=dict)
    #: The entry kind of every date in ``day_names``.
    day_kinds: dict[dt.date, str] = field(default_factory=dict)
    schooldagen: int = 0
    lesweken: int = 0
    pupils: int = 0
    warning: str = ""

    @property
    def label(self) -> str:
        """``2024-2025``."""
        return f"{self.year}-{self.year + 1}"

    def is_schooldag(self, day: dt.date) -> bool:
        """True when ``day`` is a Monday–Friday without a free-day name."""
        return day.weekday() < 5 and day not in self.day_names


# --------------------------------------------------------------------------- calendar view


def school_years(
    desk: Desk, around: int | None = None, *, before: int = 2, after: int = 2
) -> list[int]:
    """School years (as their first calendar year) to choose from, around today's."""
    from verzuimdesk.core.rules.calendar import school_year_of

    middle = around if around is not None else school_year_of(today(desk))
    return list(range(middle - before, middle + after + 1))


def current_school_year(desk: Desk) -> int:
    """The school year of the desk's today (1 August–31 July)."""
    from verzuimdesk.core.rules.calendar import school_year_of

    return school_year_of(today(desk))


def school_calendar(desk: Desk, school_id: int, year: int | None = None) -> SchoolCalendarView:
    """The calendar of a school for school year ``year`` (default: today's school year).

    Every free period (built-in vacations and holidays with their Dutch names, the
    school's own vacation dates and studiedagen, or the imported calendar), with
    the number of schooldagen and lesweken of the year.
    """
    from verzuimdesk.core.rules.calendar import school_year_end, school_year_start

    if year is None:
        year = current_school_year(desk)
    start, end = school_year_start(year), school_year_end(year)
    with desk.case_base.sessions() as session:
        school = get_school(session, school_id)
        calendar = rules_gateway.school_calendar(desk, school)
        rows = [
            (p.id, p.start, p.end, p.name or "", p.kind or ROW_EXTRA)
            for p in school.free_periods
            if p.start <= end and p.end >= start
        ]
        pupils = session.scalar(select(func.count(Pupil.id)).where(Pupil.school_id == school_id))
        name, region = school.name, school.vacation_region
        explicit = bool(school.explicit_calendar)
        goede, bevrijding = bool(school.goede_vrijdag_free), bool(school.bevrijdingsdag_free)
    # Days that each own row makes free (the name of a free day shows which rule made it).
    own_day: dict[dt.date, tuple[int, str]] = {}
    for pid, s, e, pname, kind in sorted(rows, key=lambda r: (r[1], r[0])):
        for day in _days(max(s, start), min(e, end)):
            if calendar.free_day_name(day) == pname:
                own_day.setdefault(day, (pid, _ROW_KIND.get(kind, KIND_STUDIEDAG)))
    day_names: dict[dt.date, str] = {}
    day_kinds: dict[dt.date, str] = {}
    for day in _days(start, end):
        dname = calendar.free_day_name(day)
        if dname is None or (dname == _weekend_name() and day.weekday() >= 5):
            continue
        day_names[day] = dname
        own = own_day.get(day)
        if own is not None:
            day_kinds[day] = own[1]
        elif explicit:
            day_kinds[day] = KIND_FILE
        else:
            day_kinds[day] = KIND_VACATION if dname in VACATION_NAMES else KIND_FEESTDAG
    entries: list[CalendarEntry] = []
    # The school's own rows, one entry each (also when a built-in free day covers them).
    for pid, s, e, pname, kind in rows:
        entry_kind = _ROW_KIND.get(kind, KIND_STUDIEDAG)
        s2, e2 = max(s, start), min(e, end)
        free = sum(1 for d in _days(s2, e2) if d.weekday() < 5 and d in day_names)
        note = ""
        if entry_kind == KIND_STUDIEDAG:
            mine = sum(1 for d in _days(s2, e2) if own_day.get(d, (None,))[0] == pid)
            weekdays = sum(1 for d in _days(s2, e2) if d.weekday() < 5)
            if weekdays and mine < weekdays:
                note = "Valt (deels) samen met een andere vrije dag."
        elif entry_kind == KIND_OVERRIDE:
            note = "Vervangt de ingebouwde data van de regio."
        entries.append(CalendarEntry(s2, e2, pname, entry_kind, free, pid, note, s, e))
    # Built-in (or imported) periods that no own row accounts for (looked up a little
    # beyond the year, so that a summer vacation is known whole).
    margin = dt.timedelta(days=MAX_VACATION_DAYS)
    for period in calendar.free_periods(start - margin, end + margin):
        if period.end < start or period.start > end:
            continue
        s2, e2 = max(period.start, start), min(period.end, end)
        free_weekdays = [d for d in _days(s2, e2) if d.weekday() < 5 and d in day_names]
        if not free_weekdays:
            continue
        if all(d in own_day for d in free_weekdays):
            continue
        if explicit:
            kind = KIND_FILE
        else:
            kind = KIND_VACATION if period.name in VACATION_NAMES else KIND_FEESTDAG
        note = VACATION_NOTES.get(period.name, "") if kind == KIND_VACATION else ""
        entries.append(
            CalendarEntry(
                s2, e2, period.name, kind, len(free_weekdays), None, note, period.start, period.end
            )
        )
    entries.sort(key=lambda e: (e.start, e.end, e.name))
    schooldagen = calendar.schooldagen(start, end)
    lesweken = len({calendar.lesweek_index(d) for d in schooldagen})
    warning = ""
    if explicit:
        warning = (
            "Deze school gebruikt een ingelezen kalenderbestand: de vakanties en feestdagen "
            "van de regio tellen niet mee."
        )
    elif not any(e.kind in (KIND_VACATION, KIND_OVERRIDE) for e in entries):
        warning = (
            "Voor dit schooljaar kent VerzuimDesk geen officiële vakanties; voer de eigen data "
            "van de school in of lees een kalenderbestand in."
        )
    return SchoolCalendarView(
        school_id=school_id,
        school_name=name,
        year=year,
        start=start,
        end=end,
        vacation_region=region,
        explicit=explicit,
        goede_vrijdag=goede,
        bevrijdingsdag=bevrijding,
        entries=tuple(entries),
        day_names=day_names,
        day_kinds=day_kinds,
        schooldagen=len(schooldagen),
        lesweken=lesweken,
        pupils=int(pupils or 0),
        warning=warning,
    )


def _weekend_name() -> str:
    from verzuimdesk.core.rules.calendar import WEEKEND_NAME

    return WEEKEND_NAME


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    for o in range(start.toordinal(), end.toordinal() + 1):
        yield dt.date.fromordinal(o)


# --------------------------------------------------------------------------- calendar changes


def calendar_snapshot(desk: Desk, school_id: int) -> CalendarSnapshot:
    """The school's whole calendar definition as it is now."""
    with desk.case_base.sessions() as session:
        return _snapshot(get_school(session, school_id))


def _snapshot(school: School) -> CalendarSnapshot:
    return CalendarSnapshot(
        school.id,
        bool(school.explicit_calendar),
        bool(school.goede_vrijdag_free),
        bool(school.bevrijdingsdag_free),
        tuple(
            sorted(
                (
                    PeriodData(p.start, p.end, p.name or "", p.kind or ROW_EXTRA)
                    for p in school.free_periods
                ),
                key=lambda p: (p.start, p.end, p.kind, p.name),
            )
        ),
    )


def _check_period(
    start: dt.date | None, end: dt.date | None, name: str | None, *, max_days: int
) -> tuple[dt.date, dt.date, str, dict[str, str]]:
    errors: dict[str, str] = {}
    if start is None:
        errors["start"] = "Vul de eerste vrije dag in."
    if end is None:
        end = start
    text = clean(name) or ""
    if len(text) > 200:
        errors["name"] = "De naam is te lang (hoogstens 200 tekens)."
    if start is not None and end is not None:
        if not (FIRST_YEAR <= start.year <= LAST_YEAR and FIRST_YEAR <= end.year <= LAST_YEAR):
            errors["start"] = f"Kies een datum tussen {FIRST_YEAR} en {LAST_YEAR}."
        elif end < start:
            errors["end"] = "De laatste vrije dag ligt vóór de eerste."
        elif (end - start).days + 1 > max_days:
            errors["end"] = f"Een periode duurt hoogstens {max_days} dagen."
        elif all(d.weekday() >= 5 for d in _days(start, end)):
            errors["start"] = "Deze periode valt helemaal in het weekend."
    # start and end are None only with a message in errors, and every caller raises on
    # errors before it uses them; the type cannot say that.
    return start, end, text, errors  # type: ignore[return-value]


def add_studiedag(
    desk: Desk,
    school_id: int,
    start: dt.date,
    end: dt.date | None = None,
    name: str = "Studiedag",
    *,
    progress: Progress | None = None,
) -> CalendarChange:
    """Add an extra free day or period (*studiedag*) to a school's calendar.

    Raises :class:`ValidationError` with Dutch messages for ``start``, ``end`` and ``name``.
    """
    start, end, text, errors = _check_period(start, end, name, max_days=MAX_EXTRA_DAYS)
    text = text or "Studiedag"

    def change(session: Session, school: School) -> int | None:
        return _add_own_row(session, school, start, end, text, ROW_EXTRA, errors)

    return _calendar_action(desk, school_id, change, progress)


def add_vacation_override(
    desk: Desk,
    school_id: int,
    name: str,
    start: dt.date,
    end: dt.date,
    *,
    progress: Progress | None = None,
) -> CalendarChange:
    """Give a built-in vacation (e.g. the Herfstvakantie) the school's own dates.

    The own dates replace the region's run of that vacation that they overlap or
    that starts within about three months of them (rules engine:
    ``OVERRIDE_MATCH_MAX_DAYS``). Replaces an earlier own date range of the same
    vacation in the same school year. Raises :class:`ValidationError`.
    """
    start, end, _text, errors = _check_period(start, end, name, max_days=MAX_VACATION_DAYS)
    vacation = clean(name) or ""
    if vacation not in VACATION_NAMES:
        errors["name"] = "Kies een vakantie: " + ", ".join(VACATION_NAMES) + "."

    def change(session: Session, school: School) -> int | None:
        if school.explicit_calendar:
            errors["name"] = (
                "Deze school gebruikt een ingelezen kalenderbestand; lees een nieuw bestand in "
                "of herstel eerst de ingebouwde kalender."
            )
        if errors:
            raise ValidationError(errors)
        from verzuimdesk.core.rules.calendar import school_year_of

        for row in list(school.free_periods):
            if (
                row.kind == ROW_VACATION
                and row.name == vacation
                and school_year_of(row.start) == school_year_of(start)
            ):
                school.free_periods.remove(row)
        return _add_own_row(session, school, start, end, vacation, ROW_VACATION, errors)

    return _calendar_action(desk, school_id, change, progress)


def update_free_period(
    desk: Desk,
    period_id: int,
    start: dt.date,
    end: dt.date | None,
    name: str,
    *,
    progress: Progress | None = None,
) -> CalendarChange:
    """Change the dates or name of one of the school's own rows. Raises :class:`ValidationError`."""
    with desk.case_base.sessions() as session:
        row = session.get(SchoolFreePeriod, period_id)
        if row is None:
            raise NotFoundError("Deze vrije periode bestaat niet meer.")
        school_id, kind = row.school_id, row.kind or ROW_EXTRA
    limit = MAX_VACATION_DAYS if kind != ROW_EXTRA else MAX_EXTRA_DAYS
    start, end, text, errors = _check_period(start, end, name, max_days=limit)
    if kind == ROW_VACATION and text not in VACATION_NAMES:
        errors["name"] = "Kies een vakantie: " + ", ".join(VACATION_NAMES) + "."
    text = text or ("Studiedag" if kind == ROW_EXTRA else "Vrije dag")

    def change(session: Session, school: School) -> int | None:
        row = next((p for p in school.free_periods if p.id == period_id), None)
        if row is None:
            raise NotFoundError("Deze vrije periode bestaat niet meer.")
        _no_overlap(school, start, end, kind, period_id, errors)
        if errors:
            raise ValidationError(errors)
        row.start, row.end, row.name = start, end, text
        return row.id

    return _calendar_action(desk, school_id, change, progress)


def delete_free_period(
    desk: Desk, period_id: int, *, progress: Progress | None = None
) -> CalendarChange:
    """Delete one of the school's own rows (a studiedag, own vacation dates, a file range)."""
    with desk.case_base.sessions() as session:
        row = session.get(SchoolFreePeriod, period_id)
        if row is None:
            raise NotFoundError("Deze vrije periode bestaat niet meer.")
        school_id = row.school_id

    def change(session: Session, school: School) -> int | None:
        row = next((p for p in school.free_periods if p.id == period_id), None)
        if row is None:
            raise NotFoundError("Deze vrije periode bestaat niet meer.")
        school.free_periods.remove(row)
        return None

    return _calendar_action(desk, school_id, change, progress)


def set_holidays_free(
    desk: Desk,
    school_id: int,
    *,
    goede_vrijdag: bool | None = None,
    bevrijdingsdag: bool | None = None,
    progress: Progress | None = None,
) -> CalendarChange:
    """Make Goede Vrijdag and/or Bevrijdingsdag free days of the school (or not)."""

    def change(session: Session, school: School) -> int | None:
        if school.explicit_calendar:
            raise ValidationError(
                {
                    "holidays": "Deze school gebruikt een ingelezen kalenderbestand: daarin "
                    "staan de vrije feestdagen."
                }
            )
        if goede_vrijdag is not None:
            school.goede_vrijdag_free = bool(goede_vrijdag)
        if bevrijdingsdag is not None:
            school.bevrijdingsdag_free = bool(bevrijdingsdag)
        return None

    return _calendar_action(desk, school_id, change, progress)


def parse_calendar_text(text: str) -> list[PeriodData]:
    """The ranges of a calendar CSV as the school's rows; see :func:`parse_calendar_ranges`."""
    return [PeriodData(r.start, r.end, r.name[:200], ROW_FILE) for r in parse_calendar_ranges(text)]


def _replace_file_calendar(
    ranges: Sequence[PeriodData], *, explicit: bool
) -> Callable[[Session, School], int | None]:
    """The change that replaces the school's calendar file and own vacation dates by
    *ranges* (file rows); the studiedagen stay. *explicit*: the school's calendar is then
    its own rather than the region's built-in one.
    """

    def change(session: Session, school: School) -> int | None:
        for row in list(school.free_periods):
            if row.kind in (ROW_FILE, ROW_VACATION):
                school.free_periods.remove(row)
        for r in ranges:
            school.free_periods.append(
                SchoolFreePeriod(start=r.start, end=r.end, name=r.name, kind=ROW_FILE)
            )
        school.explicit_calendar = explicit
        return None

    return change


def import_calendar_csv(
    desk: Desk, school_id: int, text: str, *, progress: Progress | None = None
) -> CalendarChange:
    """Replace a school's vacations and holidays by a calendar file (rules.md §8).

    The file's ranges become the school's calendar (``explicit_calendar``); the
    school's own vacation dates and an earlier file go, its studiedagen stay. A
    bad file changes nothing: :class:`ValidationError` (field ``file``) names the line.
    """
    change = _replace_file_calendar(parse_calendar_text(text), explicit=True)
    return _calendar_action(desk, school_id, change, progress)


def revert_to_builtin(
    desk: Desk, school_id: int, *, progress: Progress | None = None
) -> CalendarChange:
    """Back to the built-in calendar of the school's region.

    Removes an imported calendar file and the school's own vacation dates; the
    studiedagen stay.
    """
    return _calendar_action(desk, school_id, _replace_file_calendar((), explicit=False), progress)


def restore_calendar(
    desk: Desk, snapshot: CalendarSnapshot, *, progress: Progress | None = None
) -> CalendarChange:
    """Put a school's calendar back as ``snapshot`` (the undo of every calendar change)."""

    def change(session: Session, school: School) -> int | None:
        wanted = list(snapshot.periods)
        for row in list(school.free_periods):
            data = PeriodData(row.start, row.end, row.name or "", row.kind or ROW_EXTRA)
            if data in wanted:
                wanted.remove(data)
            else:
                school.free_periods.remove(row)
        for data in wanted:
            school.free_periods.append(
                SchoolFreePeriod(start=data.start, end=data.end, name=data.name, kind=data.kind)
            )
        school.explicit_calendar = snapshot.explicit
        school.goede_vrijdag_free = snapshot.goede_vrijdag
        school.bevrijdingsdag_free = snapshot.bevrijdingsdag
        return None

    return _calendar_action(desk, snapshot.school_id, change, progress)


def _add_own_row(
    session: Session,
    school: School,
    start: dt.date,
    end: dt.date,
    name: str,
    kind: str,
    errors: dict[str, str],
) -> int:
    """Add one of the school's own rows unless it overlaps another or errors were found."""
    _no_overlap(school, start, end, kind, None, errors)
    if errors:
        raise ValidationError(errors)
    row = SchoolFreePeriod(start=start, end=end, name=name, kind=kind)
    school.free_periods.append(row)
    session.flush()
    return row.id


def _no_overlap(
    school: School,
    start: dt.date,
    end: dt.date,
    kind: str,
    except_id: int | None,
    errors: dict[str, str],
) -> None:
    """Refuse a row that overlaps another own row of the same kind."""
    for row in school.free_periods:
        if row.id is not None and row.id == except_id:
            continue
        if (row.kind or ROW_EXTRA) == kind and row.start <= end and row.end >= start:
            when = (
                f"{row.start:%d-%m-%Y}"
                if row.start == row.end
                else f"{row.start:%d-%m-%Y} t/m {row.end:%d-%m-%Y}"
            )
            errors["start"] = f"Overlapt met ‘{row.name}’ ({when})."
            return


def _calendar_action(
    desk: Desk,
    school_id: int,
    change: Callable[[Session, School], int | None],
    progress: Progress | None,
) -> CalendarChange:
    """Run one calendar change and the recompute of the school's pupils in one transaction."""
    with desk.case_base.transaction(desk.user) as session:
        school = get_school(session, school_id)
        before = _snapshot(school)
        period_id = change(session, school)
        session.flush()
        after = _snapshot(school)
        recomputed, case_ids = 0, list[int]()
        if after != before:
            recomputed, case_ids = recompute_school(desk, session, school, progress)
    if after != before:
        changes.publish(desk, "school", case_ids=case_ids)
    return CalendarChange(before, after, recomputed, period_id)

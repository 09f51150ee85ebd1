"""The school calendar: schooldagen, lesweken and free days (rules.md §1).

A :class:`SchoolCalendar` answers, in O(1) per date, whether a date is a
*schooldag*, which *lesweek* it belongs to and how schooldagen are counted.
It is built either from a vacation region (``noord``/``midden``/``zuid``) with
the official school vacations and public holidays of the ``holidays`` package
plus the school's own free days and vacation overrides, or explicitly from a
list of free ranges (the calendar file of rules.md §8, which replaces the
built-in vacations and holidays entirely).

The ``holidays`` package (0.109) has the official school vacations for 2014–2030; for
other years a region calendar has only the public holidays and the school's own free
days, so schools must enter their vacations themselves there.

Internally the calendar keeps flat arrays indexed by ``ordinal - lo`` over a
whole-week-aligned range of years that grows on demand. Every array is
*anchored*: extending the range never changes the index of a schooldag or a
lesweek that was handed out before, so ``lesweek_index`` values stay stable
for the lifetime of the calendar.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from verzuimdesk.core.rules.official_holidays import (
    BUILTIN_PUBLIC_HOLIDAYS,
    public_holidays,
    school_vacations,
)
from verzuimdesk.core.rules.school_years import (
    MUNICIPALITY_VACATION_REGION,
    VacationRegion,
    school_year_end,
    school_year_label,
    school_year_of,
    school_year_start,
    vacation_region_for_municipality,
)

__all__ = [
    "BUILTIN_PUBLIC_HOLIDAYS",
    "MAX_YEAR",
    "MIN_YEAR",
    "MUNICIPALITY_VACATION_REGION",
    "OVERRIDE_MATCH_MAX_DAYS",
    "WEEKEND_NAME",
    "CalendarFileError",
    "FreeRange",
    "SchoolCalendar",
    "VacationOverride",
    "VacationRegion",
    "parse_calendar_csv",
    "school_year_end",
    "school_year_label",
    "school_year_of",
    "school_year_start",
    "vacation_region_for_municipality",
]


#: Name reported by :meth:`SchoolCalendar.free_day_name` for an ordinary Saturday/Sunday.
WEEKEND_NAME = "Weekend"

#: A vacation override replaces the built-in vacation run with the same name that
#: overlaps it or, failing that, whose first day lies at most this many calendar
#: days from the override's first day (our reading: "the same vacation, moved").
OVERRIDE_MATCH_MAX_DAYS = 92

#: Years the calendar supports; dates outside raise ``ValueError`` (guards the
#: lazily grown arrays against absurd inputs such as the year 1 or 9999).
MIN_YEAR = 1900
MAX_YEAR = 2199

#: Extra years built on each side when the range has to grow (fewer rebuilds).
_GROW_MARGIN_YEARS = 1


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True, slots=True)
class FreeRange:
    """An inclusive range of free days with a Dutch name (a studiedag, a vacation)."""

    start: dt.date
    end: dt.date
    name: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("eind ligt vóór start")


@dataclass(frozen=True, slots=True)
class VacationOverride:
    """A school's own dates for a named built-in vacation (e.g. its Herfstvakantie)."""

    name: str
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("eind ligt vóór start")


class CalendarFileError(ValueError):
    """A calendar CSV that cannot be used; ``str()`` is a Dutch one-line message."""


#: A free range as callers may give it: a :class:`FreeRange`, (start, end), (start, end,
#: name) or one date.
FreeRangeLike = FreeRange | tuple[dt.date, dt.date] | tuple[dt.date, dt.date, str] | dt.date
#: A vacation override as callers may give it: the value or (name, start, end).
VacationOverrideLike = VacationOverride | tuple[str, dt.date, dt.date]


def _as_free_range(item: FreeRangeLike) -> FreeRange:
    if isinstance(item, FreeRange):
        return item
    if isinstance(item, dt.date):
        return FreeRange(item, item, "Vrije dag")
    if len(item) == 2:
        return FreeRange(item[0], item[1], "Vrije dag")
    return FreeRange(item[0], item[1], item[2])


def _as_override(item: VacationOverrideLike) -> VacationOverride:
    if isinstance(item, VacationOverride):
        return item
    return VacationOverride(item[0], item[1], item[2])


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"datum buiten het ondersteunde bereik ({MIN_YEAR}–{MAX_YEAR})")


def _runs(days: Mapping[int, str], name: str) -> list[tuple[int, int]]:
    """Maximal runs of consecutive ordinals carrying *name*."""
    ords = sorted(o for o, n in days.items() if n == name)
    runs: list[tuple[int, int]] = []
    for o in ords:
        if runs and runs[-1][1] == o - 1:
            runs[-1] = (runs[-1][0], o)
        else:
            runs.append((o, o))
    return runs


# --------------------------------------------------------------------------- the arrays


@dataclass(slots=True, eq=False)
class _Arrays:
    """Flat lookup arrays over the ordinals ``[lo, hi)`` (whole weeks, Monday first).

    * ``school[o - lo]``: 1 on a schooldag;
    * ``sdb[o - lo]``: the number (anchored index) of the first schooldag on or after
      ``o`` — equal to the index of ``o`` itself on a schooldag;
    * ``lw[o - lo]``: the lesweek index of ``o`` (a week without schooldagen gets the
      index of the last lesweek before it);
    * ``sdi[o - lo]``: the index of ``o`` on a schooldag, None on a free day (one lookup
      for the hot path);
    * ``sd_ords[i - sd_base]``: the ordinal of schooldag ``i``;
    * ``lw_monday[w - lw_base]``: the Monday ordinal of lesweek ``w``.
    """

    lo: int
    hi: int
    school: bytearray
    sdb: list[int]
    lw: list[int]
    sd_ords: list[int]
    sd_base: int
    lw_monday: list[int]
    lw_base: int
    sdi: list[int | None] = field(default_factory=list)

    def finish(self) -> None:
        """Derive ``sdi`` from ``sdb`` and ``school`` (after any anchoring shift)."""
        self.sdi = [v if s else None for v, s in zip(self.sdb, self.school, strict=True)]


def _monday_on_or_before(o: int) -> int:
    # date.fromordinal(1) is a Monday, so (o - 1) % 7 is the weekday (0 = Monday).
    return o - (o - 1) % 7


class SchoolCalendar:
    """A school's calendar: which weekdays are schooldagen, and how lesweken count.

    Build one with :meth:`for_region` or :meth:`explicit`. Instances are
    immutable from the outside and safe to share between threads.
    """

    def __init__(self, free_days_for_year: Callable[[int], Mapping[int, str]], description: str):
        """Create a calendar from a function ``year -> {ordinal: name}`` of free days.

        Prefer the constructors :meth:`for_region` and :meth:`explicit`.
        """
        self._free_for_year_fn = free_days_for_year
        self._free_cache: dict[int, Mapping[int, str]] = {}
        self._arrays: _Arrays | None = None
        self._years: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self.description = description

    def __repr__(self) -> str:
        return f"SchoolCalendar({self.description})"

    # ------------------------------------------------------------------ constructors

    @classmethod
    def for_region(
        cls,
        vacation_region: VacationRegion | str,
        *,
        extra_free: Iterable[FreeRangeLike] = (),
        vacation_overrides: Iterable[VacationOverrideLike] = (),
        goede_vrijdag: bool = False,
        bevrijdingsdag: bool = False,
    ) -> SchoolCalendar:
        """Calendar of a school in *vacation_region* (``noord``/``midden``/``zuid``).

        Free days: the official school vacations of the region, the public holidays of
        rules.md §1 (Goede Vrijdag and Bevrijdingsdag only when their flag is set), the
        school's ``extra_free`` days/ranges (*studiedagen*), with every
        ``vacation_overrides`` entry replacing the built-in vacation of the same name
        (see :data:`OVERRIDE_MATCH_MAX_DAYS`).
        """
        region = VacationRegion(str(vacation_region).strip().lower())
        extras = [_as_free_range(x) for x in extra_free]
        overrides = [_as_override(x) for x in vacation_overrides]

        removed: set[int] = set()
        added: dict[int, str] = {}
        for ov in overrides:
            s, e = ov.start.toordinal(), ov.end.toordinal()
            _check_year(ov.start.year)
            _check_year(ov.end.year)
            builtin: dict[int, str] = {}
            for y in range(ov.start.year - 1, ov.end.year + 2):
                builtin.update(school_vacations(region, y))
            candidates = _runs(builtin, ov.name)
            overlapping = [r for r in candidates if r[0] <= e and r[1] >= s]
            if overlapping:
                chosen = overlapping
            else:
                near = [r for r in candidates if abs(r[0] - s) <= OVERRIDE_MATCH_MAX_DAYS]
                chosen = [min(near, key=lambda r: abs(r[0] - s))] if near else []
            for r0, r1 in chosen:
                removed.update(range(r0, r1 + 1))
            for o in range(s, e + 1):
                added[o] = ov.name
        extra_days: dict[int, str] = {}
        for fr in extras:
            for o in range(fr.start.toordinal(), fr.end.toordinal() + 1):
                extra_days.setdefault(o, fr.name)

        def free_for_year(year: int) -> dict[int, str]:
            out = {o: n for o, n in school_vacations(region, year).items() if o not in removed}
            first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
            for o, n in added.items():
                if first <= o <= last:
                    out[o] = n
            for o, n in public_holidays(year, goede_vrijdag, bevrijdingsdag).items():
                out.setdefault(o, n)
            for o, n in extra_days.items():
                if first <= o <= last:
                    out.setdefault(o, n)
            return out

        flags = []
        if goede_vrijdag:
            flags.append("goede_vrijdag")
        if bevrijdingsdag:
            flags.append("bevrijdingsdag")
        desc = f"regio {region.value}" + (f", {', '.join(flags)}" if flags else "")
        if extras:
            desc += f", {len(extras)} eigen vrije periode(s)"
        if overrides:
            desc += f", {len(overrides)} eigen vakantie(s)"
        return cls(free_for_year, desc)

    @classmethod
    def explicit(cls, free_ranges: Iterable[FreeRangeLike]) -> SchoolCalendar:
        """Calendar with exactly *free_ranges* as free days besides weekends (rules.md §8).

        Replaces the built-in vacations and public holidays entirely.
        """
        days: dict[int, dict[int, str]] = {}
        for fr in (_as_free_range(x) for x in free_ranges):
            _check_year(fr.start.year)
            _check_year(fr.end.year)
            for o in range(fr.start.toordinal(), fr.end.toordinal() + 1):
                days.setdefault(dt.date.fromordinal(o).year, {}).setdefault(o, fr.name)

        def free_for_year(year: int) -> Mapping[int, str]:
            return days.get(year, {})

        return cls(
            free_for_year, f"expliciete kalender ({sum(map(len, days.values()))} vrije dagen)"
        )

    @classmethod
    def from_csv(cls, text: str) -> SchoolCalendar:
        """Explicit calendar from the text of a ``start,eind,naam`` CSV (rules.md §8)."""
        return cls.explicit(parse_calendar_csv(text))

    # ------------------------------------------------------------------ internals

    def _free_for_year(self, year: int) -> Mapping[int, str]:
        got = self._free_cache.get(year)
        if got is None:
            got = self._free_for_year_fn(year)
            self._free_cache[year] = got
        return got

    def _cover(self, lo_ord: int, hi_ord: int) -> _Arrays:
        """Return arrays covering the ordinals ``[lo_ord, hi_ord]`` (growing if needed)."""
        arr = self._arrays
        if arr is not None and arr.lo <= lo_ord and hi_ord < arr.hi:
            return arr
        with self._lock:
            arr = self._arrays
            if arr is not None and arr.lo <= lo_ord and hi_ord < arr.hi:
                return arr
            y_lo = dt.date.fromordinal(max(lo_ord, 1)).year
            y_hi = dt.date.fromordinal(min(hi_ord, dt.date.max.toordinal())).year
            _check_year(y_lo)
            _check_year(y_hi)
            y_lo = max(MIN_YEAR, y_lo - _GROW_MARGIN_YEARS)
            y_hi = min(MAX_YEAR, y_hi + _GROW_MARGIN_YEARS)
            if self._years is not None:
                y_lo = min(y_lo, self._years[0])
                y_hi = max(y_hi, self._years[1])
            new = self._build(y_lo, y_hi)
            if arr is not None:
                # Anchor: values at the old ``lo`` stay what they were.
                off = arr.lo - new.lo
                d_sd = arr.sdb[0] - new.sdb[off]
                d_lw = arr.lw[0] - new.lw[off]
                if d_sd:
                    new.sdb = [v + d_sd for v in new.sdb]
                    new.sd_base += d_sd
                if d_lw:
                    new.lw = [v + d_lw for v in new.lw]
                    new.lw_base += d_lw
            new.finish()
            self._arrays = new
            self._years = (y_lo, y_hi)
            return new

    def _build(self, y_lo: int, y_hi: int) -> _Arrays:
        lo = _monday_on_or_before(dt.date(y_lo, 1, 1).toordinal())
        hi = _monday_on_or_before(dt.date(y_hi, 12, 31).toordinal()) + 7
        free: dict[int, str] = {}
        for y in range(max(MIN_YEAR, y_lo - 1), min(MAX_YEAR, y_hi + 1) + 1):
            free.update(self._free_for_year(y))
        n = hi - lo
        school = bytearray(n)
        sdb = [0] * n
        lw = [0] * n
        sd_ords: list[int] = []
        lw_monday: list[int] = []
        count_sd = 0
        count_lw = 0
        for week in range(lo, hi, 7):
            has = False
            base = week - lo
            for k in range(7):
                o = week + k
                sdb[base + k] = count_sd
                if k < 5 and o not in free:
                    school[base + k] = 1
                    sd_ords.append(o)
                    count_sd += 1
                    has = True
            if has:
                lw_monday.append(week)
                idx = count_lw
                count_lw += 1
            else:
                idx = count_lw - 1
            lw[base : base + 7] = [idx] * 7
        return _Arrays(lo, hi, school, sdb, lw, sd_ords, 0, lw_monday, 0)

    def _arr_for(self, o: int) -> _Arrays:
        arr = self._arrays
        if arr is not None and arr.lo <= o < arr.hi:
            return arr
        return self._cover(o, o)

    def _sd_ord(self, index: int, near: int) -> int:
        """Ordinal of schooldag *index*, growing the range (around *near*) when needed."""
        arr = self._arr_for(near)
        for _ in range(MAX_YEAR - MIN_YEAR):
            pos = index - arr.sd_base
            if 0 <= pos < len(arr.sd_ords):
                return arr.sd_ords[pos]
            if self._years is None or self._years == (MIN_YEAR, MAX_YEAR):
                break
            lo_y, hi_y = self._years
            if pos < 0:
                if lo_y <= MIN_YEAR:
                    break
                arr = self._cover(dt.date(max(MIN_YEAR, lo_y - 5), 1, 1).toordinal(), arr.lo)
            else:
                if hi_y >= MAX_YEAR:
                    break
                arr = self._cover(arr.lo, dt.date(min(MAX_YEAR, hi_y + 5), 12, 31).toordinal())
        raise ValueError("geen schooldag binnen het ondersteunde bereik")

    def _lw_monday(self, week: int, near: int) -> int | None:
        """Monday ordinal of lesweek *week*, or None when it lies outside the supported range."""
        arr = self._arr_for(near)
        for _ in range(MAX_YEAR - MIN_YEAR):
            pos = week - arr.lw_base
            if 0 <= pos < len(arr.lw_monday):
                return arr.lw_monday[pos]
            if self._years is None:
                return None
            lo_y, hi_y = self._years
            if pos < 0:
                if lo_y <= MIN_YEAR:
                    return None
                arr = self._cover(dt.date(max(MIN_YEAR, lo_y - 5), 1, 1).toordinal(), arr.lo)
            else:
                if hi_y >= MAX_YEAR:
                    return None
                arr = self._cover(arr.lo, dt.date(min(MAX_YEAR, hi_y + 5), 12, 31).toordinal())
        return None

    # ------------------------------------------------------------------ public API

    def is_schooldag(self, d: dt.date) -> bool:
        """True when *d* is a Monday–Friday that is not a free day of this calendar."""
        o = d.toordinal()
        arr = self._arr_for(o)
        return arr.school[o - arr.lo] == 1

    def free_day_name(self, d: dt.date) -> str | None:
        """Dutch name of the free day *d* (``Kerstvakantie``, ``Koningsdag``, ``Weekend``, ...).

        None when *d* is a schooldag.
        """
        o = d.toordinal()
        _check_year(d.year)
        name = self._free_for_year(d.year).get(o)
        if name is not None:
            return name
        if d.weekday() >= 5:
            return WEEKEND_NAME
        return None

    def lesweek_index(self, d: dt.date) -> int:
        """Index of *d*'s lesweek: consecutive integers over lesweken.

        Weeks without schooldagen are skipped: a date in such a week gets the index
        of the last lesweek before it. Indices are stable for the calendar's lifetime.
        """
        o = d.toordinal()
        arr = self._arr_for(o)
        return arr.lw[o - arr.lo]

    def lesweken_between(self, a: dt.date, b: dt.date) -> int:
        """Lesweek number of *b* counted from *a*'s lesweek as 1 (0 or less when b is earlier)."""
        return self.lesweek_index(b) - self.lesweek_index(a) + 1

    def lesweek_monday(self, index: int, *, near: dt.date | None = None) -> dt.date | None:
        """Monday of lesweek *index*, or None when it lies outside the supported years."""
        o = self._lw_monday(index, (near or dt.date.today()).toordinal())
        return None if o is None else dt.date.fromordinal(o)

    def schooldag_index(self, d: dt.date) -> int:
        """Index of the first schooldag on or after *d* (consecutive over schooldagen)."""
        o = d.toordinal()
        arr = self._arr_for(o)
        return arr.sdb[o - arr.lo]

    def schooldag_at(self, index: int, *, near: dt.date | None = None) -> dt.date:
        """The schooldag with index *index* (see :meth:`schooldag_index`)."""
        return dt.date.fromordinal(self._sd_ord(index, (near or dt.date.today()).toordinal()))

    def schooldagen(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every schooldag from *start* to *end*, both inclusive."""
        if end < start:
            return []
        s, e = start.toordinal(), end.toordinal()
        arr = self._cover(s, e)
        i0 = arr.sdb[s - arr.lo] - arr.sd_base
        i1 = arr.sdb[e - arr.lo] - arr.sd_base + (1 if arr.school[e - arr.lo] else 0)
        return [dt.date.fromordinal(o) for o in arr.sd_ords[i0:i1]]

    def count_schooldagen(self, start: dt.date, end: dt.date) -> int:
        """Number of schooldagen from *start* to *end*, both inclusive."""
        if end < start:
            return 0
        s, e = start.toordinal(), end.toordinal()
        arr = self._cover(s, e)
        return arr.sdb[e - arr.lo] + (1 if arr.school[e - arr.lo] else 0) - arr.sdb[s - arr.lo]

    def add_schooldays(self, d: dt.date, n: int) -> dt.date:
        """The *n*-th schooldag after *d* (before it for negative *n*).

        ``n == 0`` gives *d* itself when it is a schooldag, else the next schooldag.
        """
        o = d.toordinal()
        arr = self._arr_for(o)
        first = arr.sdb[o - arr.lo]  # first schooldag on or after d
        is_sd = arr.school[o - arr.lo] == 1
        if n > 0:
            idx = first + n if is_sd else first + n - 1
        elif n < 0:
            idx = first + n
        else:
            idx = first
        return dt.date.fromordinal(self._sd_ord(idx, o))

    def next_schooldag(self, d: dt.date) -> dt.date:
        """The first schooldag strictly after *d*."""
        return self.add_schooldays(d, 1)

    def previous_schooldag(self, d: dt.date) -> dt.date:
        """The last schooldag strictly before *d*."""
        return self.add_schooldays(d, -1)

    def schooldag_on_or_after(self, d: dt.date) -> dt.date:
        """*d* when it is a schooldag, else the next schooldag."""
        return self.add_schooldays(d, 0)

    def school_year(self, d: dt.date) -> int:
        """School year of *d* (1 Aug–31 Jul) as the calendar year it starts in."""
        return school_year_of(d)

    def free_periods(self, start: dt.date, end: dt.date) -> list[FreeRange]:
        """Named free periods overlapping ``[start, end]`` (plain weekends left out).

        Consecutive days with the same name form one period; useful to show or edit a
        school's calendar.
        """
        out: list[FreeRange] = []
        cur: FreeRange | None = None
        for o in range(start.toordinal(), end.toordinal() + 1):
            d = dt.date.fromordinal(o)
            name = self._free_for_year(d.year).get(o)
            if name is None:
                if d.weekday() >= 5 and cur:
                    continue  # a weekend does not break a named period
                if cur:
                    out.append(cur)
                    cur = None
                continue
            if cur and cur.name == name:
                cur = FreeRange(cur.start, d, name)
            else:
                if cur:
                    out.append(cur)
                cur = FreeRange(d, d, name)
        if cur:
            out.append(cur)
        return out


# --------------------------------------------------------------------------- calendar CSV


def _csv_date(cell: str, what: str, line: int) -> dt.date:
    """The ISO date in *cell*; a :class:`CalendarFileError` naming *what* and *line* if not."""
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise CalendarFileError(
            f"kalenderbestand regel {line}: ongeldige {what} '{cell}'"
        ) from None


def parse_calendar_csv(text: str) -> list[FreeRange]:
    """Parse a ``start,eind,naam`` calendar CSV (``,`` or ``;``; UTF-8 BOM tolerated).

    Raises :class:`CalendarFileError` with a Dutch message naming the line.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    header_line = next((ln for ln in lines if ln.strip()), None)
    if header_line is None:
        raise CalendarFileError("kalenderbestand is leeg")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    ranges: list[FreeRange] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            missing = [c for c in ("start", "eind") if c not in header]
            if missing:
                raise CalendarFileError(
                    "kalenderbestand: kopregel moet 'start,eind,naam' zijn"
                    f" (ontbreekt: {', '.join(missing)})"
                )
            continue
        line = reader.line_num
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        if len(row) < len(header):
            raise CalendarFileError(f"kalenderbestand regel {line}: te weinig kolommen")
        start = _csv_date(cells["start"], "startdatum", line)
        end = _csv_date(cells["eind"], "einddatum", line)
        if end < start:
            raise CalendarFileError(f"kalenderbestand regel {line}: eind ligt vóór start")
        if not (MIN_YEAR <= start.year <= MAX_YEAR and MIN_YEAR <= end.year <= MAX_YEAR):
            raise CalendarFileError(
                f"kalenderbestand regel {line}: datum buiten {MIN_YEAR}–{MAX_YEAR}"
            )
        ranges.append(FreeRange(start, end, cells.get("naam") or "Vrije dag"))
    if header is None:
        raise CalendarFileError("kalenderbestand is leeg")
    return ranges

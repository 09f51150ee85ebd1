"""Schooldag lookups for the signal rules: one calendar over one pupil's dates.

The rules count in schooldag *indices* (anchored, see
:class:`~verzuimdesk.core.rules.calendar.SchoolCalendar`), and turn an index back into
a date only when a signal is emitted. Shared by the national signal steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.calendar import _Arrays as CalendarArrays

__all__ = ["SchooldagLookup", "consecutive_runs"]


def consecutive_runs(idx: list[int]) -> list[tuple[int, int]]:
    """Group sorted schooldag indices into runs of consecutive indices (first, last)."""
    runs: list[tuple[int, int]] = []
    if not idx:
        return runs
    start = prev = idx[0]
    for i in idx[1:]:
        if i != prev + 1:
            runs.append((start, prev))
            start = i
        prev = i
    runs.append((start, prev))
    return runs


class SchooldagLookup:
    """One calendar's schooldag lookups over one pupil's dates, in O(1) on the hot path.

    Schooldagen are handled as anchored indices (see :class:`SchoolCalendar`); the
    lookups are closures over the calendar's flat arrays because a closure call is the
    cheapest lookup Python has, and every signal step makes many of them.
    """

    __slots__ = ("arr", "cal", "first_sd_on_or_after", "lo", "lw", "sd_ord", "sdi", "until_ord")

    @classmethod
    def over(cls, cal: SchoolCalendar, first_ord: int, until_ord: int) -> SchooldagLookup:
        """The lookups of *cal* from ordinal *first_ord* to well past *until_ord*.

        Pupils of one school share a calendar and an evaluation date, so the last
        lookup is reused while the calendar's arrays are the same (they are anchored:
        an index handed out stays valid when the arrays grow).
        """
        global _last
        arr = cal._cover(first_ord, until_ord + 400)
        last = _last
        if last is not None and last.arr is arr and last.until_ord == until_ord:
            return last
        _last = lookup = cls(cal, arr, until_ord)
        return lookup

    def __init__(self, cal: SchoolCalendar, arr: CalendarArrays, until_ord: int) -> None:
        lo = arr.lo
        sdb = arr.sdb
        sd_ords = arr.sd_ords
        sd_base = arr.sd_base
        n_sd = len(sd_ords)

        def sd_ord(i: int) -> int:
            """The ordinal of schooldag *i*."""
            p = i - sd_base
            if 0 <= p < n_sd:
                return sd_ords[p]
            return cal._sd_ord(i, until_ord)

        def first_sd_on_or_after(o: int) -> int:
            """The index of the first schooldag on or after ordinal *o*."""
            p = o - lo
            if 0 <= p < len(sdb):
                return sdb[p]
            return cal.schooldag_index(dt.date.fromordinal(o))

        self.arr = arr
        self.cal = cal
        self.lo = lo
        self.lw = arr.lw
        self.sdi = arr.sdi
        self.until_ord = until_ord
        self.sd_ord: Callable[[int], int] = sd_ord
        self.first_sd_on_or_after: Callable[[int], int] = first_sd_on_or_after

    def date(self, i: int) -> dt.date:
        """The date of schooldag *i*."""
        return dt.date.fromordinal(self.sd_ord(i))

    def lesweek(self, i: int) -> int:
        """The lesweek index of schooldag *i*."""
        return self.lw[self.sd_ord(i) - self.lo]


#: The lookup :meth:`SchooldagLookup.over` made last (one entry: pupils come school by school).
_last: SchooldagLookup | None = None

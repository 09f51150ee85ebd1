"""Weeks of continued absence: the lesweek number week triggers and timeline bands go by.

Den Haag's routeboek (seed 000) has a *thuiszittersproces* in "week 5–12" and a
*doorbraakproces* "vanaf week 13". Counted from the case's first absence day, a pupil who
came back to school after two weeks still reached week 5 and week 13 — the case kept
counting weeks after the pupil was back (issue 9, defect 7). The weeks count a run of
**continued absence** instead (``docs/readings.md``):

* a **lesweek with absence** is a lesweek with at least one schooldag with unauthorised
  absence: hours > 0 of a kind in :data:`CONTINUED_ABSENCE_KINDS` (partial absence counts:
  Den Haag's own forms ask for the "lesweken (gedeeltelijk) thuis");
* a **run** is a series of consecutive lesweken with absence; weeks without schooldagen
  (vacations) are not lesweken, so they neither count nor break a run;
* the **week number** of a lesweek is its place in the run it belongs to (week 1 is the
  run's first lesweek); a completed lesweek without absence ends the run: week 0, the
  pupil is at school;
* the current lesweek, while it lasts, continues the run of the lesweek before it (this
  week's records may not have been entered yet); later lesweken are projected: they
  continue the current run, or stay 0 when the pupil is at school.

Pure functions on lesweek indices (``SchoolCalendar.lesweek_index``), no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable

#: The kinds whose hours make a lesweek one of continued absence: unauthorised absence.
#: Sickness is authorised and a sick pupil is no thuiszitter (rules.md §4, §6);
#: ``te_laat`` is lateness, ``geoorloofd`` and ``schorsing`` are not verzuim.
CONTINUED_ABSENCE_KINDS: frozenset[str] = frozenset({"ongeoorloofd", "luxe"})


def absence_lesweken(
    days: Iterable[dt.date],
    lesweek_index: Callable[[dt.date], int],
    is_schooldag: Callable[[dt.date], bool],
) -> frozenset[int]:
    """The lesweek indices with absence, from the dates of unauthorised records (> 0 h).

    Records on days that are not schooldagen are ignored (rules.md §2).
    """
    return frozenset(lesweek_index(day) for day in days if is_schooldag(day))


def _run_start(absent: Collection[int], end: int) -> int:
    start = end
    while start - 1 in absent:
        start -= 1
    return start


def continued_absence_week(absent: Collection[int], week: int, current: int) -> int:
    """The week number of lesweek ``week`` in its run of continued absence (0: at school).

    :param absent: the lesweek indices with absence (:func:`absence_lesweken`).
    :param week: the lesweek index asked about.
    :param current: the lesweek index of today; it continues the run of the week before
        while it lasts, and lesweken after it are projected from it.
    """
    if week > current:
        now = continued_absence_week(absent, current, current)
        return now + (week - current) if now else 0
    if week in absent:
        end = week
    elif week == current and week - 1 in absent:
        end = week - 1
    else:
        return 0
    return week - _run_start(absent, end) + 1


def continued_absence_weeks(
    absent: Collection[int], weeks: Iterable[int], current: int
) -> dict[int, int]:
    """:func:`continued_absence_week` of each lesweek index in ``weeks``."""
    return {week: continued_absence_week(absent, week, current) for week in weeks}

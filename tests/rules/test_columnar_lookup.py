"""The fast path's schooldag lookup answers as the engine's own, inside its arrays and past."""

from __future__ import annotations

import datetime as dt

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.columnar import _DatedLookup
from verzuimdesk.core.rules.schooldag_lookup import SchooldagLookup


def test_dated_lookup_gives_the_same_ordinals_and_dates_everywhere() -> None:
    calendar = SchoolCalendar.for_region("midden")
    start = dt.date(2025, 8, 1).toordinal()
    until = dt.date(2026, 11, 30).toordinal()
    days = SchooldagLookup.over(calendar, start, until)
    dated = _DatedLookup.of(days)
    first = days.first_sd_on_or_after(start)
    last = days.first_sd_on_or_after(until)
    # well past the arrays too (they cover until + 400 days): the calendar is asked
    for i in [*range(first - 5, last + 5), last + 400, last + 900]:
        assert dated.sd_ord(i) == days.sd_ord(i), i
        assert dated.date(i) == days.date(i) == dt.date.fromordinal(days.sd_ord(i))
    assert dated.date(last) is dated.date(last)  # made once


def test_negative_schooldag_indices_give_the_same_signals() -> None:
    """A calendar first used for later years and then grown back keeps its old indices
    (anchored), so the earlier schooldagen get negative indices. The fast path packed
    (pupil, index) into one integer and broke on them: a studiedag test failed only
    after other tests had used the same cached calendar for later dates."""
    from tests.rules.test_fast_path_equality import as_arrays, generated
    from verzuimdesk.core.rules.columnar import national_signals
    from verzuimdesk.core.rules.signals import compute_pupil_signals_columns
    from verzuimdesk.core.rules.types import Sector

    until = dt.date(2026, 7, 10)
    for sector in (Sector.VO, Sector.PO):
        calendar = SchoolCalendar.for_region("noord")
        later = dt.date(2034, 3, 1).toordinal()
        calendar._cover(later, later + 30)  # built for later years first
        days = SchooldagLookup.over(calendar, dt.date(2025, 8, 1).toordinal(), until.toordinal())
        assert days.first_sd_on_or_after(dt.date(2025, 9, 1).toordinal()) < 0
        pupils = generated(300, seed=11)
        keys, (pos, ords, units, kinds) = as_arrays(pupils)
        fast = national_signals(keys, pos, ords, units, kinds, calendar, sector=sector, until=until)
        expected = {}
        for i, (key, cols) in enumerate(pupils.items()):
            sigs = compute_pupil_signals_columns(key, cols, calendar, sector=sector, until=until)
            if sigs:
                expected[i] = sigs
        assert fast == expected
        assert {s.code for sigs in expected.values() for s in sigs} >= {"duo-16h", "duo-lrv"}

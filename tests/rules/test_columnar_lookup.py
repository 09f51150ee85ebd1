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

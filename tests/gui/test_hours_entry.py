"""Hours in the month grid: decimals or hours and minutes, shown the way they were meant."""

from __future__ import annotations

import pytest

from verzuimdesk.gui.absences_view import parse_hours
from verzuimdesk.gui.formatting import hours


def test_hours_and_minutes_are_entered_and_shown_as_such() -> None:
    assert parse_hours("5:20") == pytest.approx(5 + 20 / 60)
    assert parse_hours(":45") == pytest.approx(0.75)
    assert hours(5 + 20 / 60) == "5:20"
    assert hours(1.5) == "1,5"
    assert hours(6.0) == "6"


@pytest.mark.parametrize("text", ["5:75", "5:2x", "a:20", "5,5:10"])
def test_an_unreadable_time_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hours(text)

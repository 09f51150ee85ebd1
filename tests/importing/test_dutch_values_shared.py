"""One reader of Dutch values for the import and ``verzuimdesk signals`` (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest

from verzuimdesk.core.importing import absences, common, mapping, roster
from verzuimdesk.core.tabular import absence_csv, dutch_values
from verzuimdesk.core.tabular.dutch_values import (
    map_kind,
    parse_clock,
    parse_date,
    parse_kind,
    parse_number,
)


def test_one_module_reads_the_values_for_both_paths() -> None:
    """The import's modules and the signals reader use the same functions."""
    assert absences.map_kind is absence_csv.parse_kind.__globals__["map_kind"]
    assert (
        common.parse_date
        is dutch_values.parse_date
        is absence_csv.parse_dutch_date.__globals__["parse_date"]
    )
    assert mapping.normalise is roster.normalise is dutch_values.normalise
    with pytest.raises(ModuleNotFoundError):
        __import__("verzuimdesk.core.importing.values")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02-11-2026 08:30", dt.date(2026, 11, 2)),
        ("2026-11-02T08:30:00", dt.date(2026, 11, 2)),
        ("2-11-26", dt.date(2026, 11, 2)),
    ],
)
def test_an_exports_timestamp_is_a_date(text: str, expected: dt.date) -> None:
    assert common.read_date(text) == expected
    if " " in text or "T" in text:
        with pytest.raises(ValueError):
            parse_date(text)  # a cell of the signals CSV holds a date alone


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-2026", "geen bestaande datum"),
        ("01-01-1850", "buiten 1900–2100"),
        ("morgen", "geen datum"),
    ],
)
def test_dutch_messages(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        common.read_date(text)


def test_numbers() -> None:
    assert common.read_number("1.234,5") == 1234.5  # Excel's thousands dot, in an import
    assert common.read_number("1:30:00") == 1.5
    with pytest.raises(ValueError):
        parse_number("1.234,5")  # never an amount of hours in the signals CSV
    assert parse_number("5:20") == pytest.approx(5 + 1 / 3)
    for text in ("inf", "nan", "1e3", "5:75"):
        with pytest.raises(ValueError):
            common.read_number(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("8:30", 510), ("08:30:30", 510.5), ("8.30", 510), ("2024-11-11 13:05", 785)],
)
def test_clock_times(text: str, minutes: float) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["", "25:00", "8:75", "half negen", "830"])
def test_what_is_no_clock_time(text: str) -> None:
    with pytest.raises(ValueError, match="geen tijd"):
        parse_clock(text)


def test_kinds() -> None:
    """The kinds' own spellings for both; a school's words only through the import."""
    assert parse_kind("Te-laat") == map_kind("Te-laat", {}) == "te_laat"
    assert parse_kind("Ongeoorloofd verzuim") == map_kind("ongeoorloofd_verzuim", {})
    assert map_kind("Spijbelen", {}) == "ongeoorloofd"
    assert map_kind("Spijbelen", {"spijbelen": "negeren"}) == "negeren"
    assert map_kind("Kwijtgeraakt", {}) is None
    with pytest.raises(ValueError):
        parse_kind("spijbelen")

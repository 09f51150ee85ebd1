"""The cell parsers the signals command and the import share (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest

from verzuimdesk.core.tabular.dutch_values import (
    decode_text,
    parse_dutch_date,
    parse_hours,
    parse_kind,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02-11-2026", dt.date(2026, 11, 2)),
        ("2-11-26", dt.date(2026, 11, 2)),
        ("2/11/2026", dt.date(2026, 11, 2)),
        ("02.11.2026", dt.date(2026, 11, 2)),
        (" 2026-11-02 ", dt.date(2026, 11, 2)),
        ("1-3-85", dt.date(1985, 3, 1)),  # two-digit years from 70 are 19xx
        ("1-3-69", dt.date(2069, 3, 1)),
    ],
)
def test_dutch_dates(text: str, expected: dt.date) -> None:
    assert parse_dutch_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "31-02-2026", "2026/11/02", "11-2026", "morgen", "2-11-2026x"]
)
def test_what_is_no_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_dutch_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6", 6.0), ("5,5", 5.5), ("5.5", 5.5), (",5", 0.5), ("5:20", 5 + 20 / 60), ("-1", -1.0)],
)
def test_hours(text: str, expected: float) -> None:
    assert parse_hours(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "zes", "1.000,5", "5:75", "inf", "nan", "1e3"])
def test_what_is_no_number_of_hours(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hours(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("te laat", "te_laat"),
        ("Te-Laat", "te_laat"),
        ("TE_LAAT", "te_laat"),
        ("Luxe verzuim", "luxe"),
        ("ongeoorloofd verzuim", "ongeoorloofd"),
        ("Ziek", "ziek"),
    ],
)
def test_kinds_as_users_spell_them(text: str, kind: str) -> None:
    assert parse_kind(text) == kind


def test_a_schools_own_words_are_not_guessed() -> None:
    with pytest.raises(ValueError):
        parse_kind("spijbelen")  # the import maps a school's words, per school


def test_encodings() -> None:
    assert decode_text("José".encode()) == ("José", "UTF-8")
    assert decode_text("\ufeffJosé".encode()) == ("José", "UTF-8")
    assert decode_text("José € 5".encode("cp1252")) == ("José € 5", "Windows-1252")
    # a byte Windows-1252 leaves undefined still decodes (as Latin-1)
    text, encoding = decode_text(b"Jos\xe9 \x81")
    assert encoding == "Windows-1252" and text == "José \x81"

"""Parsers for the values Dutch users and school systems write, one cell at a time.

Shared by ``verzuimdesk signals`` and the import: dates as ``02-11-2026``, ``2-11-26``,
``2/11/2026`` or ISO ``2026-11-02``; hours with a decimal comma (``5,5``) or as hours and
minutes (``5:20``); the absence kinds as users spell them (``te laat``, ``Te-laat``,
``luxe verzuim``); and text in UTF-8 (with or without BOM) or Windows-1252, the encoding
Excel uses on Dutch Windows when it saves a CSV.

Every parser raises :class:`ValueError` for a value it cannot read; the caller turns that
into a Dutch message with the line number. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re

__all__ = [
    "KIND_SPELLINGS",
    "TWO_DIGIT_YEAR_PIVOT",
    "decode_text",
    "parse_dutch_date",
    "parse_hours",
    "parse_kind",
]

#: Two-digit years below this are 20xx, the rest 19xx (``2-11-26`` is 2 November 2026;
#: ``1-3-85`` is 1985), as POSIX ``%y`` reads them.
TWO_DIGIT_YEAR_PIVOT = 69

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_HOURS = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_HOURS_MINUTES = re.compile(r"(\d{1,2}):([0-5]\d)")


def parse_dutch_date(text: str) -> dt.date:
    """The date in *text*: ``dd-mm-jjjj``, ``d-m-jj`` (also with ``/`` or ``.``) or ISO.

    Raises ValueError when it is no date or no existing day (``31-02-2026``).
    """
    value = text.strip()
    m = _ISO.fullmatch(value)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DUTCH.fullmatch(value)
        if not m:
            raise ValueError(text)
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
    return dt.date(year, month, day)


def parse_hours(text: str) -> float:
    """Hours in *text*: ``6``, ``5.5``, ``5,5`` or hours and minutes ``5:20`` (= 5.3333…).

    Raises ValueError for anything else (also for thousands separators, ``1.000,5``).
    Negative values are returned as they are: whether they are allowed is the caller's rule.
    """
    value = text.strip()
    m = _HOURS_MINUTES.fullmatch(value)
    if m:
        return int(m[1]) + int(m[2]) / 60
    if not _HOURS.fullmatch(value):
        raise ValueError(text)
    hours = float(value.replace(",", "."))
    if not math.isfinite(hours):
        raise ValueError(text)
    return hours


#: The spellings of the absence kinds users and school systems write, folded (lower case,
#: spaces, hyphens and underscores removed), mapped to the desk's kinds (rules.md §2).
#: Only spellings of the kinds themselves: a school's own words (*spijbelen*, *verlof*)
#: are mapped per school by the import, never guessed here.
KIND_SPELLINGS: dict[str, str] = {
    "ongeoorloofd": "ongeoorloofd",
    "ongeoorloofdverzuim": "ongeoorloofd",
    "ongeoorloofdafwezig": "ongeoorloofd",
    "ziek": "ziek",
    "telaat": "te_laat",
    "telaatkomen": "te_laat",
    "luxe": "luxe",
    "luxeverzuim": "luxe",
    "geoorloofd": "geoorloofd",
    "geoorloofdverzuim": "geoorloofd",
    "geoorloofdafwezig": "geoorloofd",
    "schorsing": "schorsing",
}

_FOLD = re.compile(r"[\s_\-]+")


def parse_kind(text: str) -> str:
    """The desk's absence kind for *text* (``te laat``, ``Te_Laat`` → ``te_laat``).

    Raises ValueError for a spelling the desk does not know.
    """
    kind = KIND_SPELLINGS.get(_FOLD.sub("", text.strip().lower()))
    if kind is None:
        raise ValueError(text)
    return kind


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes: UTF-8 (a BOM is dropped), else Windows-1252.

    Returns the text and the encoding's Dutch-readable name (``UTF-8``, ``Windows-1252``).
    The five bytes Windows-1252 leaves undefined are read as Latin-1, so every byte
    sequence decodes: an Excel file is never refused for its encoding.
    """
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="_verzuimdesk_latin1"), "Windows-1252"


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: an undefined Windows-1252 byte as its Latin-1 character."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("_verzuimdesk_latin1", _latin1_fallback)

"""The one reader of the values Dutch users and school systems write, one cell at a time.

Shared by ``verzuimdesk signals``/``recompute`` (through :mod:`.absence_csv`) and the
import (:mod:`verzuimdesk.core.importing`): dates as ``02-11-2026``, ``2-11-26``,
``2/11/2026`` or ISO ``2026-11-02``; numbers with a decimal comma (``5,5``) or hours and
minutes (``5:20``); clock times (``08:30``); the absence kinds as users spell them
(``te laat``, ``Te-laat``, ``luxe verzuim``) and as a school's own words map to them
(*spijbelen*); and text in UTF-8 (with or without BOM) or Windows-1252, the encoding
Excel uses on Dutch Windows when it saves a CSV.

Every parser raises :class:`ValueError` with a short Dutch message for a value it cannot
read; a caller with its own wording adds the line number or replaces the message.
Pure Python: no Qt, no database.
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re
import unicodedata

__all__ = [
    "DEFAULT_KIND_VALUES",
    "DESK_KINDS",
    "IGNORE",
    "KIND_SPELLINGS",
    "TWO_DIGIT_YEAR_PIVOT",
    "decode_text",
    "map_kind",
    "normalise",
    "parse_clock",
    "parse_date",
    "parse_dutch_date",
    "parse_hours",
    "parse_kind",
    "parse_number",
    "short",
]

#: Two-digit years up to this are 20xx, the rest 19xx (``2-11-26`` is 2 November 2026;
#: ``1-3-85`` is 1985), as POSIX ``%y`` reads them.
TWO_DIGIT_YEAR_PIVOT = 69

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](.*))?", re.ASCII)
_DUTCH = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T](.*))?", re.ASCII)
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", re.ASCII)
_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?", re.ASCII)
#: A time of day, after an optional date: ``08:30``, ``8.30``, ``2026-11-02T08:30:00``.
_TIME = re.compile(r"(?:\S+[ T])?(\d{1,2})[:.]([0-5]\d)(?::([0-5]\d))?", re.ASCII)


def parse_date(
    text: str, *, with_time: bool = False, years: tuple[int, int] | None = None
) -> dt.date:
    """The date in *text*: ``dd-mm-jjjj``, ``d-m-jj`` (also with ``/`` or ``.``) or ISO.

    :param with_time: accept a time after the date (``02-11-2026 08:30``, an export's
        timestamp) and ignore it; without it such a cell is no date.
    :param years: the first and last year allowed (an import refuses 1800 and 2400).
    :raises ValueError: no date, no existing day (``31-02-2026``) or outside ``years``;
        the message is Dutch.
    """
    value = text.strip()
    m = _ISO.fullmatch(value)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DUTCH.fullmatch(value)
        if not m:
            raise ValueError(f"'{short(value)}' is geen datum (dd-mm-jjjj)")
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
    if m[4] is not None and not with_time:
        raise ValueError(f"'{short(value)}' is geen datum (dd-mm-jjjj)")
    if years is not None and not years[0] <= year <= years[1]:
        raise ValueError(f"'{short(value)}' ligt buiten {years[0]}–{years[1]}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{short(value)}' is geen bestaande datum") from None


def parse_dutch_date(text: str) -> dt.date:
    """:func:`parse_date` of a cell that holds a date alone (the signals CSV, options)."""
    return parse_date(text)


def parse_number(text: str, *, grouped: bool = False) -> float:
    """A number: ``6``, ``5.5``, ``5,5``, ``,5`` or hours and minutes ``5:20`` (= 5.333…).

    :param grouped: also read Dutch Excel's thousands (``1.234,5``, ``1 234``); without it
        those are refused, as an amount of hours never has them.
    :raises ValueError: anything else (``inf``, ``1e3``, ``5:75``); the message is Dutch.
    Negative values are returned as they are: whether they are allowed is the caller's rule.
    """
    value = text.strip()
    if grouped:
        value = value.replace(" ", "")
    clock = _CLOCK.fullmatch(value)
    if clock:
        return int(clock[1]) + int(clock[2]) / 60 + int(clock[3] or 0) / 3600
    if grouped and "," in value and "." in value:
        value = value.replace(".", "")  # 1.234,5 (thousands dot): Dutch Excel
    if not _NUMBER.fullmatch(value):
        raise ValueError(f"'{short(value)}' is geen getal")
    number = float(value.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(f"'{short(value)}' is geen getal")
    return number


def parse_hours(text: str) -> float:
    """Hours in *text*: :func:`parse_number` without thousands separators."""
    return parse_number(text)


def parse_clock(text: str) -> float:
    """A time of day (``8:30``, ``08:30:00``, ``8.30``) as minutes after midnight.

    A date before the time (``02-11-2026 08:30``, a timestamp) is ignored.
    :raises ValueError: no time of day; the message is Dutch.
    """
    value = text.strip()
    m = _TIME.fullmatch(value)
    if m is None or int(m[1]) > 23:
        raise ValueError(f"'{short(value)}' is geen tijd (uu:mm)")
    return int(m[1]) * 60 + int(m[2]) + int(m[3] or 0) / 60


# --------------------------------------------------------------------------- kinds


def normalise(text: str) -> str:
    """A file value as a key: lower case, accents removed, ``_``/``-``/spaces as one space."""
    folded = unicodedata.normalize("NFKD", text.strip().lower())
    if not folded.isascii():
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", " ", folded)


#: The desk's kinds (``AbsenceRecord.kind``).
DESK_KINDS = ("ongeoorloofd", "luxe", "ziek", "te_laat", "geoorloofd", "schorsing")
#: A value mapped to this is skipped on purpose (e.g. *aanwezig*, *stage*).
IGNORE = "negeren"

#: The spellings of the absence kinds themselves (folded: :func:`normalise` without
#: spaces), mapped to the desk's kinds (rules.md §2). ``verzuimdesk signals`` reads only
#: these: a school's own words (*spijbelen*, *verlof*) are mapped per school by the
#: import (:data:`DEFAULT_KIND_VALUES`, a mapping's ``kinds``), never guessed there.
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

#: What school systems write for each desk kind (normalised), as an import's starting
#: mapping; the spellings of :data:`KIND_SPELLINGS` count too.
DEFAULT_KIND_VALUES: dict[str, str] = {
    "spijbelen": "ongeoorloofd",
    "gespijbeld": "ongeoorloofd",
    "absent": "ongeoorloofd",
    "afwezig": "ongeoorloofd",
    "afwezig zonder bericht": "ongeoorloofd",
    "onbekend": "ongeoorloofd",
    "uitgestuurd": "ongeoorloofd",
    "verwijderd uit les": "ongeoorloofd",
    "vakantie": "luxe",
    "extra vakantie": "luxe",
    "ziekte": "ziek",
    "ziekgemeld": "ziek",
    "ziek gemeld": "ziek",
    "ziek naar huis": "ziek",
    "laat": "te_laat",
    "tandarts": "geoorloofd",
    "dokter": "geoorloofd",
    "tandarts/dokter": "geoorloofd",
    "huisarts": "geoorloofd",
    "bijzonder verlof": "geoorloofd",
    "verlof": "geoorloofd",
    "begrafenis": "geoorloofd",
    "geschorst": "schorsing",
}


def parse_kind(text: str) -> str:
    """The desk's absence kind for a spelling of it (``te laat``, ``Te_Laat`` → ``te_laat``).

    :raises ValueError: a spelling the desk does not know (a school's own word included).
    """
    kind = KIND_SPELLINGS.get(normalise(text).replace(" ", ""))
    if kind is None:
        raise ValueError(f"'{short(text.strip())}' is geen soort verzuim")
    return kind


def map_kind(value: str, value_map: dict[str, str]) -> str | None:
    """The desk kind of an import's file value: the mapping's own choice first, then the
    school systems' usual words, then the spellings of the kinds themselves.

    Returns None for an unknown value and :data:`IGNORE` for a value to skip.
    """
    key = normalise(value)
    if key in value_map:
        return value_map[key]
    if key in DEFAULT_KIND_VALUES:
        return DEFAULT_KIND_VALUES[key]
    return KIND_SPELLINGS.get(key.replace(" ", ""))


# --------------------------------------------------------------------------- text


def short(value: str, limit: int = 40) -> str:
    """A cell quoted in a Dutch message: at most ``limit`` characters, on one line."""
    value = value.replace("\n", " ").replace("\r", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


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

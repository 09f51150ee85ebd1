"""The values of a Dutch export: dates, numbers with a decimal comma, kinds of absence.

Pure functions, shared by the import and ``verzuimdesk signals``. Each parser returns the
value or raises :class:`ValueError` with a Dutch message that names what was wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

#: ``dd-mm-jjjj``, ``d-m-jj``, with ``-``, ``/`` or ``.``; an optional time is ignored.
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ T].*)?$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$", re.ASCII)
#: A two-digit year up to this is 20jj, above it 19jj (a birth date of 1998 is "98").
TWO_DIGIT_PIVOT = 69
#: Latest year a date in an export may have.
MAX_YEAR = 2100
MIN_YEAR = 1900


def parse_date(text: str) -> dt.date:
    """``02-11-2026``, ``2-11-26``, ``02/11/2026``, ``2026-11-02`` (a time part is ignored)."""
    value = text.strip()
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DUTCH_DATE.match(value)
        if not match:
            raise ValueError(f"'{_short(value)}' is geen datum (dd-mm-jjjj)")
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year <= TWO_DIGIT_PIVOT else 1900
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"'{_short(value)}' ligt buiten {MIN_YEAR}–{MAX_YEAR}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{_short(value)}' is geen bestaande datum") from None


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$", re.ASCII)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$", re.ASCII)


def parse_number(text: str) -> float:
    """``1,5`` / ``1.5`` / ``2`` → a float; ``1:30`` (hours and minutes) → 1.5."""
    value = text.strip().replace(" ", "")
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds = clock.groups()
        if int(minutes) >= 60 or (seconds and int(seconds) >= 60):
            raise ValueError(f"'{_short(value)}' is geen tijdsduur (u:mm)")
        return int(hours) + int(minutes) / 60 + int(seconds or 0) / 3600
    if "," in value and "." in value:
        # 1.234,5 (thousands dot) — Dutch Excel.
        value = value.replace(".", "")
    if not _NUMBER.match(value):
        raise ValueError(f"'{_short(value)}' is geen getal")
    return float(value.replace(",", "."))


def normalise(text: str) -> str:
    """A file value as a mapping key: lower case, accents and extra spaces removed."""
    folded = unicodedata.normalize("NFKD", text.strip().lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", " ", folded)


#: What school systems write for each desk kind (normalised), as a starting mapping.
DEFAULT_KIND_VALUES: dict[str, str] = {
    "ongeoorloofd": "ongeoorloofd",
    "ongeoorloofd afwezig": "ongeoorloofd",
    "ongeoorloofd verzuim": "ongeoorloofd",
    "spijbelen": "ongeoorloofd",
    "gespijbeld": "ongeoorloofd",
    "absent": "ongeoorloofd",
    "afwezig": "ongeoorloofd",
    "afwezig zonder bericht": "ongeoorloofd",
    "onbekend": "ongeoorloofd",
    "uitgestuurd": "ongeoorloofd",
    "verwijderd uit les": "ongeoorloofd",
    "luxe": "luxe",
    "luxe verzuim": "luxe",
    "vakantie": "luxe",
    "extra vakantie": "luxe",
    "ziek": "ziek",
    "ziekte": "ziek",
    "ziekgemeld": "ziek",
    "ziek gemeld": "ziek",
    "ziek naar huis": "ziek",
    "te laat": "te_laat",
    "telaat": "te_laat",
    "laat": "te_laat",
    "geoorloofd": "geoorloofd",
    "geoorloofd afwezig": "geoorloofd",
    "tandarts": "geoorloofd",
    "dokter": "geoorloofd",
    "tandarts/dokter": "geoorloofd",
    "huisarts": "geoorloofd",
    "bijzonder verlof": "geoorloofd",
    "verlof": "geoorloofd",
    "begrafenis": "geoorloofd",
    "schorsing": "schorsing",
    "geschorst": "schorsing",
}

#: The desk's kinds (``AbsenceRecord.kind``).
DESK_KINDS = ("ongeoorloofd", "luxe", "ziek", "te_laat", "geoorloofd", "schorsing")
#: A value mapped to this is skipped on purpose (e.g. *aanwezig*, *stage*).
IGNORE = "negeren"


def map_kind(value: str, value_map: dict[str, str]) -> str | None:
    """The desk kind of a file value: the mapping's own choice first, then the defaults.

    Returns None for an unknown value and :data:`IGNORE` for a value to skip.
    """
    key = normalise(value)
    if key in value_map:
        return value_map[key]
    if key in DEFAULT_KIND_VALUES:
        return DEFAULT_KIND_VALUES[key]
    # "te_laat" written as the desk writes it, or a kind in capitals.
    desk = key.replace(" ", "_")
    return desk if desk in DESK_KINDS else None


def _short(value: str, limit: int = 40) -> str:
    """A cell shown in a message: at most ``limit`` characters, on one line."""
    value = value.replace("\n", " ").replace("\r", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def short(value: str, limit: int = 40) -> str:
    """Public :func:`_short`: a cell quoted in a Dutch message."""
    return _short(value, limit)

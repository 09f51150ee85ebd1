"""The one set of value checks for BSN, postcode, e-mail and phone, with Dutch messages.

The pupil and school dialogs (through the services), the regional forms, the
command line and the import all use these functions, so a value accepted in one
place is accepted everywhere:

- **BSN**: 9 digits (8 with a leading zero left off) passing the elfproef, checked with
  python-stdnum; spaces, dots and dashes are ignored.
- **postcode**: four digits not starting with 0 and two letters (not SA, SD or SS),
  normalised to ``1234 AB``.
- **e-mail**: ``name@domain.tld`` where the top-level domain has letters only
  (``jan@school.n1`` is refused).
- **phone**: a Dutch number (ten digits starting with 0; ``+31``/``0031`` allowed;
  0800/0900/0906/0909 numbers of 8 or 11 digits), or an international number
  written with ``+`` or ``00`` and a country code (8 to 15 digits, as E.164 allows).
- **text** (issue 11): at most the column's length (a ``String(100)`` holds 100
  characters; long texts :data:`MAX_TEXT_LENGTH`), no NUL or other control characters
  (tabs and line breaks only in long texts), no lone surrogates or non-characters
  (:func:`check_text`, :func:`record_problems` for any model row).
- **absence day**: not before the pupil's birth, not before :data:`EARLIEST_YEAR`,
  not on a Saturday, Sunday or public holiday (:func:`check_absence_day`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

__all__ = [
    "EARLIEST_YEAR",
    "MAX_TEXT_LENGTH",
    "MESSAGES",
    "check_absence_day",
    "check_bsn",
    "check_email",
    "check_phone",
    "check_postcode",
    "check_text",
    "clean",
    "is_dutch_phone",
    "is_phone",
    "normalize_bsn",
    "normalize_email",
    "normalize_phone",
    "normalize_postcode",
    "record_problems",
]

#: The Dutch messages for a value that does not pass.
MESSAGES: dict[str, str] = {
    "bsn": "Dit BSN is ongeldig: het moet uit 9 cijfers bestaan en de elfproef doorstaan.",
    "postcode": "Vul een postcode in als 1234 AB.",
    "email": "Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.",
    "phone": "Vul een geldig telefoonnummer in, bijvoorbeeld 070 123 4567 of +32 2 123 45 67.",
}

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# Dutch postcodes: four digits not starting with 0, two letters; SA, SD and SS are not issued.
_POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
_POSTCODE_FORBIDDEN = frozenset({"SA", "SD", "SS"})
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_INFO_PREFIXES = frozenset({"0800", "0900", "0906", "0909"})


def clean(text: str | None) -> str | None:
    """Strip ``text``; None for empty."""
    if text is None:
        return None
    text = str(text).strip()
    return text or None


def normalize_bsn(value: str) -> str | None:
    """Return the BSN as 9 digits, or None when it is not a valid BSN."""
    digits = re.sub(r"[\s.\-]", "", value)
    if not digits.isdigit() or len(digits) not in (8, 9):
        return None
    digits = digits.zfill(9)
    # Imported on first use: the desk's start-up never checks a BSN.
    from stdnum.nl import bsn as stdnum_bsn

    return digits if stdnum_bsn.is_valid(digits) else None


def normalize_postcode(value: str) -> str | None:
    """Return the postcode as ``1234 AB``, or None when it is not a Dutch postcode."""
    match = _POSTCODE_RE.match(value.strip())
    if not match:
        return None
    letters = match.group(2).upper()
    if letters in _POSTCODE_FORBIDDEN:
        return None
    return f"{match.group(1)} {letters}"


def normalize_email(value: str) -> str | None:
    """Return the stripped address, or None when it is not an e-mail address."""
    text = value.strip()
    return text if _EMAIL_RE.match(text) else None


def _dutch_digits(value: str) -> str:
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    # "+31 (0)70 ..." leaves a doubled zero.
    if digits.startswith("00") and len(digits) == 11:
        digits = digits[1:]
    return digits


def is_dutch_phone(value: str) -> bool:
    """True for a Dutch phone number: ten digits starting with 0 (``+31``/``0031`` allowed).

    Information numbers (0800/0900/0906/0909) may have 8 or 11 digits.
    """
    digits = _dutch_digits(value)
    if not digits.isdigit():
        return False
    if digits[:4] in _INFO_PREFIXES:
        return len(digits) in (8, 11)
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def _is_international_phone(value: str) -> bool:
    compact = _PHONE_SEPARATORS.sub("", value)
    if compact.startswith("+"):
        digits = compact[1:]
    elif compact.startswith("00"):
        digits = compact[2:]
    else:
        return False
    return digits.isdigit() and not digits.startswith(("0", "31")) and 8 <= len(digits) <= 15


def is_phone(value: str) -> bool:
    """True for a Dutch or an international phone number (see the module docstring)."""
    return is_dutch_phone(value) or _is_international_phone(value)


def normalize_phone(value: str) -> str | None:
    """Return the stripped number as written, or None when it is not a phone number."""
    text = value.strip()
    return text if is_phone(text) else None


def _check(
    value: str | None, normalize: Callable[[str], str | None], kind: str
) -> tuple[str | None, str | None]:
    text = clean(value)
    if text is None:
        return None, None
    result = normalize(text)
    return (result, None) if result is not None else (None, MESSAGES[kind])


def check_bsn(value: str | None) -> tuple[str | None, str | None]:
    """Return (BSN as 9 digits, Dutch error) for an optional BSN."""
    return _check(value, normalize_bsn, "bsn")


def check_postcode(value: str | None) -> tuple[str | None, str | None]:
    """Return (postcode ``1234 AB``, Dutch error) for an optional postcode."""
    return _check(value, normalize_postcode, "postcode")


def check_email(value: str | None) -> tuple[str | None, str | None]:
    """Return (e-mail address, Dutch error) for an optional e-mail address."""
    return _check(value, normalize_email, "email")


def check_phone(value: str | None) -> tuple[str | None, str | None]:
    """Return (phone number as written, Dutch error) for an optional phone number."""
    return _check(value, normalize_phone, "phone")


#: The longest text a long-text field (notes, descriptions) takes: a long letter.
MAX_TEXT_LENGTH = 100_000
#: Absences before this year are a typing error (1900 from an empty Excel date).
EARLIEST_YEAR = 2000
_LINE_CONTROLS = frozenset("\t\n\r")


def _bad_character(text: str, multiline: bool) -> str | None:
    """A Dutch description of the first character a text may not hold, or None."""
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":
            return "het ongeldige teken (een losse helft van een emoji)"
        if category == "Cc" and not (multiline and char in _LINE_CONTROLS):
            if char == "\x00":
                return "het NUL-teken"
            if char in _LINE_CONTROLS:
                return "de tab of regelovergang"
            return "het onzichtbare stuurteken"
        if category == "Cn" and (0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE):
            return "het ongeldige teken"
    return None


def check_text(value: str | None, max_length: int | None, *, multiline: bool = False) -> str | None:
    """The Dutch reason ``value`` cannot be stored in a text field, or None when it can.

    :param max_length: the field's length (None: :data:`MAX_TEXT_LENGTH`).
    :param multiline: tabs and line breaks are allowed (notes, descriptions).
    """
    if value is None:
        return None
    limit = max_length or MAX_TEXT_LENGTH
    if len(value) > limit:
        return f"Dit veld is te lang: hooguit {limit} tekens (nu {len(value)})."
    bad = _bad_character(value, multiline)
    if bad:
        return f"Haal {bad} uit dit veld weg."
    return None


def _json_problem(value: Any) -> str | None:
    if isinstance(value, str):
        return check_text(value, None, multiline=True)
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _json_problem(key) or _json_problem(item)
            if problem:
                return problem
    if isinstance(value, (list, tuple)):
        for item in value:
            problem = _json_problem(item)
            if problem:
                return problem
    return None


def record_problems(record: Any) -> dict[str, str]:
    """Field name -> Dutch reason for every text of an ORM ``record`` that cannot be stored.

    Uses the column types: a ``String(n)`` takes n characters on one line, ``Text`` up
    to :data:`MAX_TEXT_LENGTH` with line breaks, text inside ``JSON`` likewise.
    """
    from sqlalchemy import JSON, String, Text, inspect

    problems: dict[str, str] = {}
    mapper = inspect(record).mapper
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        value = getattr(record, attr.key, None)
        if value is None:
            continue
        problem: str | None = None
        if isinstance(column.type, JSON):
            problem = _json_problem(value)
        elif isinstance(column.type, String) and isinstance(value, str):
            long_text = isinstance(column.type, Text) or column.type.length is None
            problem = check_text(
                value, None if long_text else column.type.length, multiline=long_text
            )
        if problem:
            problems[attr.key] = problem
    return problems


def check_absence_day(
    day: dt.date,
    birth_date: dt.date | None,
    holiday: Callable[[dt.date], str | None],
    vacation: Callable[[dt.date], str | None] | None = None,
) -> str | None:
    """The Dutch reason absence cannot be recorded on ``day``, or None when it can.

    :param holiday: the name of the public holiday on a date (None on other days).
    :param vacation: the name of the school's vacation or other free day on a weekday
        (``Herfstvakantie``, a study day), None on a schooldag.
    """
    if day.year < EARLIEST_YEAR:
        return f"{day:%d-%m-%Y} ligt vóór {EARLIEST_YEAR}; controleer het jaar."
    if birth_date is not None and day < birth_date:
        return f"{day:%d-%m-%Y} ligt vóór de geboortedatum van de leerling."
    free = {5: "een zaterdag", 6: "een zondag"}.get(day.weekday())
    if free is None:
        name = holiday(day)
        free = f"{name}, een feestdag" if name else None
    if free is None and vacation is not None and (name := vacation(day)):
        free = f"een vrije dag van de school ({name})"
    if free:
        return (
            f"{day:%d-%m-%Y} is {free} en geen schooldag; verzuim op die dag telt niet mee "
            "en wordt niet bewaard."
        )
    return None

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
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "MESSAGES",
    "check_bsn",
    "check_email",
    "check_phone",
    "check_postcode",
    "clean",
    "is_dutch_phone",
    "is_phone",
    "normalize_bsn",
    "normalize_email",
    "normalize_phone",
    "normalize_postcode",
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

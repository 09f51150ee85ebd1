"""Reading a school's calendar file (rules.md §8: ``start,eind,naam``) for the import.

Only reads and checks the file; ``schools.import_calendar_csv`` puts its ranges in the
case base.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from verzuimdesk.core.services.errors import ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.rules.calendar import FreeRange


def read_calendar_file(path: str | Path) -> str:
    """The text of a calendar file (UTF-8, or Windows-1252 as Excel may save it).

    Raises :class:`ValidationError` (field ``file``) when it cannot be read.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError({"file": f"Het bestand {path.name} bestaat niet."}) from None
    except OSError as exc:
        raise ValidationError(
            {"file": f"Het bestand {path.name} kan niet worden gelezen ({exc.strerror})."}
        ) from None
    if len(raw) > 2_000_000:
        raise ValidationError({"file": "Dit bestand is te groot voor een kalenderbestand."})
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError({"file": "Het bestand is geen tekstbestand (CSV)."})


def parse_calendar_ranges(text: str) -> list[FreeRange]:
    """The ranges of a calendar CSV (rules.md §8: ``start,eind,naam``).

    Raises :class:`ValidationError` (field ``file``) naming the line that is wrong.
    """
    from verzuimdesk.core.rules.calendar import CalendarFileError, parse_calendar_csv

    try:
        ranges = parse_calendar_csv(text)
    except CalendarFileError as exc:
        message = str(exc)
        raise ValidationError({"file": message[:1].upper() + message[1:] + "."}) from None
    if not ranges:
        raise ValidationError({"file": "Het kalenderbestand bevat geen vrije periodes."})
    return ranges

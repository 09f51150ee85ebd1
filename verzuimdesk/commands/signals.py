"""``verzuimdesk signals FILE``: every signal of an absence CSV, one JSON object per line.

The contract is rules.md §8:

* ``FILE``: CSV (UTF-8, BOM tolerated), header ``leerling,datum,uren,soort``, ``,`` or
  ``;`` as separator, ``.`` or ``,`` as decimal mark;
* output: one JSON object per line with ``leerling``, ``code``, ``datum`` and, where they
  apply, ``start``, ``eind``, ``uren``; sorted by pupil, date, code;
* a malformed row: ``regel N: <reden>`` on stderr, the other rows are still evaluated,
  exit 1; a second row for the same pupil, date and kind is such a row (it names the
  line of the first, which counts; the hours are never summed); a missing file, a bad
  option or an unusable header/calendar: a one-line message on stderr, exit 2; never a
  traceback.

Also runnable as ``python -m verzuimdesk.commands.signals``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROG = "verzuimdesk signals"

#: Columns the absence CSV must have (rules.md §8).
REQUIRED_COLUMNS: tuple[str, ...] = ("leerling", "datum", "uren", "soort")
#: More than this many hours on one record is a malformed row.
MAX_HOURS_PER_RECORD = 24.0

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECTORS = ("PO", "VO", "MBO")
_VACATION_REGIONS = ("noord", "midden", "zuid")


class UsageError(Exception):
    """Unusable input (exit 2); ``str()`` is the Dutch one-line message."""


# --------------------------------------------------------------------------- option types


def _parse_date(value: str) -> dt.date:
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def _date_arg(value: str) -> dt.date:
    try:
        return _parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"‘{value}’ is geen datum (JJJJ-MM-DD)") from None


def _sector_arg(value: str) -> str:
    v = value.strip().upper()
    if v not in _SECTORS:
        raise argparse.ArgumentTypeError(f"onbekende sector ‘{value}’ (kies uit PO, VO, MBO)")
    return v


def _region_arg(value: str) -> str:
    v = value.strip().lower()
    if v not in _VACATION_REGIONS:
        raise argparse.ArgumentTypeError(
            f"onbekende vakantieregio ‘{value}’ (kies uit noord, midden, zuid)"
        )
    return v


def _parse_hours(value: str) -> float:
    text = value.strip().replace(",", ".")
    if not text or text.count(".") > 1 or not re.fullmatch(r"[+-]?[0-9]*\.?[0-9]*", text):
        raise ValueError(value)
    hours = float(text)
    if not math.isfinite(hours):
        raise ValueError(value)
    return hours


def _day_hours_arg(value: str) -> float:
    try:
        hours = _parse_hours(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"‘{value}’ is geen aantal uren") from None
    if not 0 < hours <= MAX_HOURS_PER_RECORD:
        raise argparse.ArgumentTypeError(
            f"lesuren per dag moet tussen 0 en {MAX_HOURS_PER_RECORD:g} liggen"
        )
    return hours


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``verzuimdesk signals`` to *parser*."""
    parser.add_argument(
        "file", metavar="FILE", help="CSV met kopregel leerling,datum,uren,soort (UTF-8)"
    )
    parser.add_argument(
        "--sector",
        type=_sector_arg,
        default="VO",
        metavar="{PO,VO,MBO}",
        help="sector van de school (standaard VO)",
    )
    parser.add_argument(
        "--day-hours",
        type=_day_hours_arg,
        default=None,
        metavar="UREN",
        help="lesuren per schooldag (standaard 5,5 voor PO en 6 voor VO/MBO)",
    )
    parser.add_argument(
        "--calendar",
        metavar="KALENDER",
        help="CSV start,eind,naam met vrije dagen; vervangt vakanties en feestdagen",
    )
    parser.add_argument(
        "--vacation-region",
        type=_region_arg,
        default="midden",
        metavar="{noord,midden,zuid}",
        help="vakantieregio van de ingebouwde kalender (standaard midden)",
    )
    parser.add_argument(
        "--until",
        type=_date_arg,
        default=None,
        metavar="DATUM",
        help="peildatum (JJJJ-MM-DD); standaard de laatste datum in het bestand",
    )
    parser.add_argument(
        "--region", metavar="ID", default=None, help="voeg de signalen van deze regio toe"
    )


# --------------------------------------------------------------------------- input


def _read_text(path: str, what: str) -> str:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{what} niet gevonden: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{what} is een map, geen bestand: {path}") from None
    except PermissionError:
        raise UsageError(f"{what} kan niet worden gelezen (geen toegang): {path}") from None
    except OSError as exc:
        raise UsageError(f"{what} kan niet worden gelezen: {path} ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{what} is geen UTF-8-tekst: {path}") from None


def _delimiter(text: str) -> str:
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    return ";" if header.count(";") > header.count(",") else ","


def parse_absences(
    text: str,
) -> tuple[dict[str, list[tuple[dt.date, float, str]]], list[tuple[int, str]]]:
    """Parse the absence CSV text into per-pupil (date, hours, kind) rows and row errors.

    Raises :class:`UsageError` when the file has no usable header.
    """
    from verzuimdesk.core.rules.calendar import MAX_YEAR, MIN_YEAR
    from verzuimdesk.core.rules.types import AbsenceKind

    kinds = {k.value: k.value for k in AbsenceKind}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    index: dict[str, int] = {}
    rows: dict[str, list[tuple[dt.date, float, str]]] = {}
    errors: list[tuple[int, str]] = []
    #: (pupil, date, kind) -> the line it was first read on: a second row is an error.
    seen: dict[tuple[str, dt.date, str], int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [c.strip().lower() for c in row]
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise UsageError(
                        "kopregel moet ‘leerling,datum,uren,soort’ zijn"
                        f" (ontbreekt: {', '.join(missing)})"
                    )
                index = {c: header.index(c) for c in REQUIRED_COLUMNS}
                continue
            if len(row) != len(header):
                errors.append((line, f"verwacht {len(header)} kolommen, gevonden {len(row)}"))
                continue
            pupil = row[index["leerling"]].strip()
            date_s = row[index["datum"]].strip()
            hours_s = row[index["uren"]].strip()
            kind_s = row[index["soort"]].strip().lower()
            if not pupil:
                errors.append((line, "leerling ontbreekt"))
                continue
            try:
                date = _parse_date(date_s)
            except ValueError:
                errors.append((line, f"ongeldige datum ‘{date_s}’ (verwacht JJJJ-MM-DD)"))
                continue
            if not MIN_YEAR <= date.year <= MAX_YEAR:
                errors.append((line, f"datum ‘{date_s}’ buiten {MIN_YEAR}–{MAX_YEAR}"))
                continue
            kind = kinds.get(kind_s)
            if kind is None:
                errors.append(
                    (
                        line,
                        f"onbekende soort ‘{row[index['soort']].strip()}’ (kies uit "
                        + ", ".join(kinds)
                        + ")",
                    )
                )
                continue
            if not hours_s:
                if kind == AbsenceKind.TE_LAAT:
                    hours = 0.0  # te_laat counts occurrences; hours may be left empty
                else:
                    errors.append((line, "uren ontbreken"))
                    continue
            else:
                try:
                    hours = _parse_hours(hours_s)
                except ValueError:
                    errors.append((line, f"ongeldig aantal uren ‘{hours_s}’"))
                    continue
                if hours < 0:
                    errors.append((line, f"negatief aantal uren ‘{hours_s}’"))
                    continue
                if hours > MAX_HOURS_PER_RECORD:
                    errors.append(
                        (line, f"meer dan {MAX_HOURS_PER_RECORD:g} uur op één dag ‘{hours_s}’")
                    )
                    continue
            first = seen.setdefault((pupil, date, kind), line)
            if first != line:
                # One record per pupil, schooldag and kind (rules.md §2): the school's export
                # doubled a row, or two rows mean different things. Never summed.
                errors.append(
                    (
                        line,
                        f"leerling ‘{pupil}’ heeft op {date.isoformat()} al ‘{kind}’ op regel "
                        f"{first}; dubbele regels worden niet opgeteld (regel {first} telt)",
                    )
                )
                continue
            rows.setdefault(pupil, []).append((date, hours, kind))
    except csv.Error as exc:
        raise UsageError(f"bestand is geen leesbare CSV (regel {reader.line_num}): {exc}") from None
    if header is None:
        raise UsageError("bestand is leeg (kopregel leerling,datum,uren,soort ontbreekt)")
    return rows, errors


# --------------------------------------------------------------------------- output


def signal_to_json(signal: Any) -> str:
    """One output line for a signal: leerling, code, datum and start/eind/uren when set."""
    obj: dict[str, Any] = {
        "leerling": signal.pupil,
        "code": signal.code,
        "datum": signal.datum.isoformat(),
    }
    if signal.start is not None:
        obj["start"] = signal.start.isoformat()
    if signal.eind is not None:
        obj["eind"] = signal.eind.isoformat()
    if signal.uren is not None:
        uren = round(float(signal.uren), 4)
        obj["uren"] = int(uren) if uren.is_integer() else uren
    return json.dumps(obj, ensure_ascii=False)


# --------------------------------------------------------------------------- run


def _compute(args: argparse.Namespace) -> tuple[list[Any], list[tuple[int, str]]]:
    from verzuimdesk.core.rules.calendar import CalendarFileError, SchoolCalendar
    from verzuimdesk.core.rules.signals import (
        RecordColumns,
        compute_signals_columns,
        regional_signals_for_pupil,
        signal_sort_key,
    )
    from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Absence, AbsenceKind, Sector

    text = _read_text(args.file, "bestand")
    if args.calendar:
        cal_text = _read_text(args.calendar, "kalenderbestand")
        try:
            calendar = SchoolCalendar.from_csv(cal_text)
        except CalendarFileError as exc:
            raise UsageError(str(exc)) from None
    else:
        calendar = SchoolCalendar.for_region(args.vacation_region)

    regional: list[Any] = []
    if args.region:
        regional = _load_regional(args.region)

    rows, errors = parse_absences(text)
    sector = Sector(args.sector)
    day_hours = args.day_hours if args.day_hours is not None else DEFAULT_DAY_HOURS[sector]
    until = args.until
    if until is None:
        dates = [d for recs in rows.values() for d, _h, _k in recs]
        if not dates:
            return [], errors
        until = max(dates)

    pupils = []
    for pupil, recs in rows.items():
        cols = RecordColumns()
        for d, h, k in recs:
            cols.append(d, h, k)
        pupils.append((pupil, cols))
    signals = compute_signals_columns(
        pupils, calendar, sector=sector, day_hours=day_hours, until=until
    )
    if regional:
        national_by_pupil: dict[str, list[Any]] = {}
        for s in signals:
            national_by_pupil.setdefault(s.pupil, []).append(s)
        extra: list[Any] = []
        for pupil, recs in rows.items():
            absences = [Absence(pupil, d, h, AbsenceKind(k)) for d, h, k in recs]
            extra.extend(
                regional_signals_for_pupil(
                    pupil,
                    absences,
                    national_by_pupil.get(pupil, []),
                    calendar,
                    regional,
                    sector=sector,
                    day_hours=day_hours,
                    until=until,
                )
            )
        signals = sorted(signals + extra, key=signal_sort_key)
    return signals, errors


def _load_regional(region_id: str) -> list[Any]:
    try:
        from verzuimdesk.plugins.manager import create_plugin_manager
    except ImportError:
        raise UsageError(
            f"regio ‘{region_id}’ kan niet worden geladen: de pluginbeheerder ontbreekt"
        ) from None
    registry = create_plugin_manager()
    has_region = getattr(registry, "has_region", None)
    if has_region is not None and not has_region(region_id):
        raise UsageError(f"regio ‘{region_id}’ is niet geïnstalleerd")
    try:
        return list(registry.regional_signals(region_id))
    except LookupError:
        raise UsageError(f"regio ‘{region_id}’ is niet geïnstalleerd") from None


def run(args: argparse.Namespace) -> int:
    """Run ``verzuimdesk signals`` with parsed *args*; return the exit status (0, 1 or 2)."""
    try:
        signals, errors = _compute(args)
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for users
        print(f"{PROG}: onverwachte fout: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for line, reason in sorted(errors):
        print(f"regel {line}: {reason}", file=sys.stderr)
    from verzuimdesk.core.rules.plugin_guard import failures  # issue 11: name the plugin

    for failure in failures():
        print(f"{PROG}: waarschuwing: {failure.description}", file=sys.stderr)
    try:
        out = sys.stdout
        if hasattr(out, "reconfigure"):
            out.reconfigure(encoding="utf-8")
        out.write("".join(signal_to_json(s) + "\n" for s in signals))
        out.flush()
    except BrokenPipeError:
        pass
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    """The stand-alone parser (Dutch messages, errors exit 2 on one line)."""
    from verzuimdesk.commands.argparse_nl import DutchArgumentParser

    parser = DutchArgumentParser(
        prog=PROG, description="Signalen berekenen uit een CSV met verzuim (rules.md §8)."
    )
    configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m verzuimdesk.commands.signals``."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

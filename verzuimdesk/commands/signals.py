"""``verzuimdesk signals BESTAND``: every signal of an absence CSV, one JSON object per line.

The contract is docs/cli.md:

* ``BESTAND``: CSV in UTF-8 (BOM tolerated) or Windows-1252 (Excel), header
  ``leerling,datum,uren,soort``, ``,`` or ``;`` as separator, dates ``dd-mm-jjjj``,
  ``d-m-jj`` or ISO, ``.`` or ``,`` as decimal mark, kinds as users spell them
  (``te laat``);
* output: one JSON object per line with ``leerling``, ``code``, ``datum`` and, where they
  apply, ``start``, ``eind``, ``uren``; sorted by pupil, date, code; written pupil by
  pupil while the rest is still being computed (memory does not grow with the output);
* a malformed or doubled row, or a row on a day that is no schooldag: ``regel N: <reden>``
  on stderr, the other rows are still evaluated, exit 1; a missing file, a bad option or
  an unusable header/calendar: a one-line message on stderr, exit 2; never a traceback.

The rows are read columnar (:mod:`verzuimdesk.core.tabular.absence_csv`) and the signals
computed per chunk of pupils on the fast path (:mod:`verzuimdesk.core.rules.columnar`).
Also runnable as ``python -m verzuimdesk.commands.signals``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verzuimdesk.core.rules.calendar import SchoolCalendar
    from verzuimdesk.core.tabular.absence_csv import AbsenceColumns

PROG = "verzuimdesk signals"

#: More than this many hours on one record is a malformed row.
MAX_HOURS_PER_RECORD = 24.0
#: Pupils computed (and written) per chunk: memory stays flat in the number of pupils.
CHUNK_PUPILS = 4096
#: The latest evaluation date the calendar can serve (it looks 400 days past it).
_MAX_UNTIL_YEAR = 2197

_SECTORS = ("PO", "VO", "MBO")
_VACATION_REGIONS = ("noord", "midden", "zuid")


class UsageError(Exception):
    """Unusable input (exit 2); ``str()`` is the Dutch one-line message."""


# --------------------------------------------------------------------------- option types


def _date_arg(value: str) -> dt.date:
    from verzuimdesk.core.rules.calendar import MIN_YEAR
    from verzuimdesk.core.tabular.dutch_values import parse_dutch_date

    try:
        date = parse_dutch_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"‘{value}’ is geen datum (DD-MM-JJJJ of JJJJ-MM-DD)"
        ) from None
    if not MIN_YEAR <= date.year <= _MAX_UNTIL_YEAR:
        raise argparse.ArgumentTypeError(
            f"peildatum ‘{value}’ ligt buiten de jaren die de kalender kent"
            f" ({MIN_YEAR}–{_MAX_UNTIL_YEAR})"
        )
    return date


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


def _day_hours_arg(value: str) -> float:
    from verzuimdesk.core.tabular.dutch_values import parse_hours

    try:
        hours = parse_hours(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"‘{value}’ is geen aantal uren") from None
    if not 0 < hours <= MAX_HOURS_PER_RECORD:
        raise argparse.ArgumentTypeError(
            f"lesuren per dag moet meer dan 0 en hoogstens {MAX_HOURS_PER_RECORD:g} zijn"
            f" (niet ‘{value}’)"
        )
    return hours


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``verzuimdesk signals`` to *parser*."""
    parser.add_argument(
        "file",
        metavar="BESTAND",
        help="CSV met kopregel leerling,datum,uren,soort (UTF-8 of Windows-1252)",
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
        help="peildatum (DD-MM-JJJJ of JJJJ-MM-DD); standaard de laatste datum in het bestand",
    )
    parser.add_argument(
        "--region", metavar="ID", default=None, help="voeg de signalen van deze regio toe"
    )


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


_JSON_CACHE: dict[str, str] = {}


def _json_text(text: str) -> str:
    """``json.dumps(text, ensure_ascii=False)``, cached (pupil keys and codes repeat)."""
    got = _JSON_CACHE.get(text)
    if got is None:
        if len(_JSON_CACHE) > 100_000:
            _JSON_CACHE.clear()
        got = _JSON_CACHE[text] = json.dumps(text, ensure_ascii=False)
    return got


def signal_line(signal: Any) -> str:
    """:func:`signal_to_json` plus a newline, built without a dict per signal (same text)."""
    parts = [
        '{"leerling": ',
        _json_text(signal.pupil),
        ', "code": ',
        _json_text(signal.code),
        ', "datum": "',
        signal.datum.isoformat(),
        '"',
    ]
    if signal.start is not None:
        parts += (', "start": "', signal.start.isoformat(), '"')
    if signal.eind is not None:
        parts += (', "eind": "', signal.eind.isoformat(), '"')
    if signal.uren is not None:
        uren = round(float(signal.uren), 4)
        parts += (', "uren": ', repr(int(uren) if uren.is_integer() else uren))
    parts.append("}\n")
    return "".join(parts)


# --------------------------------------------------------------------------- run


def _calendar(args: argparse.Namespace) -> SchoolCalendar:
    from verzuimdesk.core.rules.calendar import CalendarFileError, SchoolCalendar
    from verzuimdesk.core.tabular.absence_csv import UnusableFile, read_file_text

    if not args.calendar:
        return SchoolCalendar.for_region(args.vacation_region)
    try:
        data, _encoding = read_file_text(args.calendar, "kalenderbestand")
        return SchoolCalendar.from_csv(data.decode("utf-8"))
    except UnusableFile as exc:
        raise UsageError(str(exc)) from None
    except CalendarFileError as exc:
        raise UsageError(str(exc)) from None


def _load_regional(region_id: str) -> list[Any]:
    try:
        from verzuimdesk.plugins.manager import create_plugin_manager
    except ImportError:
        raise UsageError(
            f"regio ‘{region_id}’ kan niet worden geladen: de pluginbeheerder ontbreekt"
        ) from None
    registry = create_plugin_manager()

    def not_installed() -> UsageError:
        regions = getattr(registry, "regions", None)
        ids = sorted(r.id for r in regions()) if regions is not None else []
        installed = ", ".join(ids) if ids else "geen"
        return UsageError(f"regio ‘{region_id}’ is niet geïnstalleerd (geïnstalleerd: {installed})")

    has_region = getattr(registry, "has_region", None)
    if has_region is not None and not has_region(region_id):
        raise not_installed()
    try:
        return list(registry.regional_signals(region_id))
    except LookupError:
        raise not_installed() from None


def free_day_rows(columns: AbsenceColumns, calendar: SchoolCalendar) -> list[tuple[int, str]]:
    """``regel N: …`` for every row on a day that is no schooldag (weekend, vacation, holiday).

    The rules ignore such rows (rules.md §2); the user hears which ones were not counted.
    """
    import numpy as np

    if len(columns) == 0:
        return []
    distinct = np.unique(columns.ords)
    free = [o for o in distinct.tolist() if not calendar.is_schooldag(dt.date.fromordinal(o))]
    if not free:
        return []
    out: list[tuple[int, str]] = []
    for o in free:
        day = dt.date.fromordinal(o)
        name = calendar.free_day_name(day) or "vrije dag"
        what = "een weekend" if name == "Weekend" else f"geen schooldag ({name})"
        for line in columns.lines[columns.ords == o].tolist():
            out.append((line, f"{day.isoformat()} is {what}; deze regel telt niet mee"))
    return out


def _write_signals(
    args: argparse.Namespace,
    columns: AbsenceColumns,
    calendar: SchoolCalendar,
    regional: list[Any],
    out: IO[str],
) -> None:
    """Compute the signals chunk by chunk of pupils (sorted) and write each chunk's lines."""
    import numpy as np

    from verzuimdesk.core.rules.columnar import national_signals
    from verzuimdesk.core.rules.signals import regional_signals_for_pupil
    from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Absence, AbsenceKind, Sector

    if len(columns) == 0:
        return
    sector = Sector(args.sector)
    day_hours = args.day_hours if args.day_hours is not None else DEFAULT_DAY_HOURS[sector]
    until = args.until or dt.date.fromordinal(int(columns.ords.max()))
    keys = columns.pupils
    # Output order is by pupil key: rank the keys, then the records by rank.
    by_key = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int32)
    rank[by_key] = np.arange(len(keys), dtype=np.int32)
    record_rank = rank[columns.pupil]
    order = np.argsort(record_rank, kind="stable").astype(np.int32)
    sorted_rank = record_rank[order]
    del record_rank
    kinds_by_code = {code: kind for kind, code in _kind_codes().items()}
    for lo in range(0, len(keys), CHUNK_PUPILS):
        a, b = np.searchsorted(sorted_rank, [lo, lo + CHUNK_PUPILS])
        if a == b:
            continue
        rows = order[a:b]
        pupil = columns.pupil[rows]
        national = national_signals(
            keys,
            pupil,
            columns.ords[rows],
            columns.units[rows],
            columns.kinds[rows],
            calendar,
            sector=sector,
            day_hours=day_hours,
            until=until,
        )
        present = np.unique(pupil).tolist()
        present.sort(key=rank.__getitem__)
        records: dict[int, list[Absence]] = {}
        if regional:
            ords, hours, kinds = (
                c[rows].tolist() for c in (columns.ords, columns.hours, columns.kinds)
            )
            for p, o, h, k in zip(pupil.tolist(), ords, hours, kinds, strict=True):
                records.setdefault(p, []).append(
                    Absence(keys[p], dt.date.fromordinal(o), h, AbsenceKind(kinds_by_code[k]))
                )
        lines: list[str] = []
        for p in present:
            signals = national.get(p, [])
            if regional:
                extra = regional_signals_for_pupil(
                    keys[p],
                    records[p],
                    signals,
                    calendar,
                    regional,
                    sector=sector,
                    day_hours=day_hours,
                    until=until,
                )
                if extra:
                    signals = sorted(signals + extra, key=lambda s: (s.datum, s.code))
            lines.extend(signal_line(s) for s in signals)
        out.write("".join(lines))


def _kind_codes() -> dict[str, int]:
    from verzuimdesk.core.rules.record_columns import KIND_CODES

    return {str(kind): code for kind, code in KIND_CODES.items()}


def run(args: argparse.Namespace) -> int:
    """Run ``verzuimdesk signals`` with parsed *args*; return the exit status (0, 1 or 2)."""
    from verzuimdesk.core.tabular.absence_csv import UnusableFile, read_absence_csv

    try:
        calendar = _calendar(args)
        regional = _load_regional(args.region) if args.region else []
        columns = read_absence_csv(args.file)
        errors = sorted(columns.errors + free_day_rows(columns, calendar))
    except UnusableFile as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for users
        print(f"{PROG}: onverwachte fout: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    sys.stderr.write("".join(f"regel {line}: {reason}\n" for line, reason in errors))
    sys.stderr.flush()
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    try:
        _write_signals(args, columns, calendar, regional, out)
        out.flush()
    except BrokenPipeError:
        raise
    except Exception as exc:  # never a traceback for users
        print(f"{PROG}: onverwachte fout: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    from verzuimdesk.core.rules.plugin_guard import failures  # issue 11: name the plugin

    # (after the output: a region's signals run while the pupils are written)
    for failure in failures():
        print(f"{PROG}: waarschuwing: {failure.description}", file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    """The stand-alone parser (Dutch messages, errors exit 2 on one line)."""
    from verzuimdesk.commands.argparse_nl import DutchArgumentParser

    parser = DutchArgumentParser(
        prog=PROG, description="Signalen berekenen uit een CSV met verzuim (docs/cli.md)."
    )
    configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m verzuimdesk.commands.signals``."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return run(args)
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())

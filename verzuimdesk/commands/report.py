"""``verzuimdesk report``: write a quarter's report to a file (issue 10).

    verzuimdesk report --database URL --quarter 2026Q4 \\
        --kind inspectie|groslijst|kwartaalrapportage|<regional id> --out FILE

The format follows from the extension of FILE (``.xlsx``, ``.csv`` or ``.pdf``; the
Kwartaalrapportage only ``.pdf``). The content is built by the same core function as the
desk's *Rapportages* menu. An unknown quarter, kind or extension, or a case base that cannot
be opened: a one-line Dutch message on stderr and exit code 2. Exit code 0 only when the
file was written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROG = "verzuimdesk report"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk report``."""
    parser.add_argument(
        "--database", required=True, metavar="URL", help="het casusbestand (pad of SQLAlchemy-URL)"
    )
    parser.add_argument(
        "--quarter", required=True, metavar="KWARTAAL", help="het kwartaal, bijvoorbeeld 2026Q4"
    )
    parser.add_argument(
        "--kind",
        required=True,
        metavar="SOORT",
        help="inspectie, groslijst, kwartaalrapportage of de id van een regionale rapportage",
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="het bestand (.xlsx, .csv of .pdf)"
    )
    parser.add_argument("--today", metavar="DATUM", help="de datum 'vandaag' (JJJJ-MM-DD)")


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 only when the file was written."""
    import datetime as dt

    from verzuimdesk.commands import database_url
    from verzuimdesk.core.case_base_opening import check_region
    from verzuimdesk.core.db import CaseBaseError, open_case_base
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.reports.model import Quarter, QuarterError
    from verzuimdesk.core.reports.service import (
        UnknownKindError,
        kind_by_id,
        produce,
    )
    from verzuimdesk.core.reports.writers import ReportFormatError, format_for
    from verzuimdesk.plugins.manager import create_plugin_manager

    try:
        quarter = Quarter.parse(args.quarter)
    except QuarterError as exc:
        return _fail(str(exc))
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        return _fail(f"‘{args.today}’ is geen datum (JJJJ-MM-DD).")
    out = Path(args.out)
    if not out.parent.is_dir():
        return _fail(f"de map ‘{out.parent}’ bestaat niet.")
    if "://" not in args.database and not Path(args.database).is_file():
        return _fail(f"het casusbestand ‘{args.database}’ bestaat niet.")
    url = database_url(args.database)
    registry = create_plugin_manager()
    try:
        case_base = open_case_base(url)
        check_region(case_base, registry)
    except (CaseBaseError, LookupError) as exc:
        return _fail(str(getattr(exc, "message", exc)))
    desk = Desk(case_base, registry, today=today)
    try:
        spec = kind_by_id(desk, args.kind)
        format_for(out, spec.extensions)
        built = produce(desk, args.kind, quarter, out)
    except (UnknownKindError, QuarterError, ReportFormatError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"kan ‘{out}’ niet schrijven: {exc.strerror or exc}.")
    finally:
        case_base.close()
    rows = len(built.report.tables[0].rows)
    print(f"{out}: {built.report.title}, {quarter.label}, {rows} regels.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``verzuimdesk report`` on its own."""
    from verzuimdesk.commands.argparse_nl import DutchArgumentParser

    parser = DutchArgumentParser(prog=PROG)
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

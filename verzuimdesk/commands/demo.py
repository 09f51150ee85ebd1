"""``verzuimdesk demo``: write a synthetic demo case base (also the benchmarks' data)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk demo``."""
    parser.add_argument("--region", required=True, metavar="ID", help="regio-id, bv. den_haag")
    parser.add_argument("--pupils", type=int, default=2000, metavar="N", help="aantal leerlingen")
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="nieuw casusbestand (.sqlite), of het adres van een lege database (postgresql+psycopg://…)",
    )
    parser.add_argument("--seed", type=int, default=20261124, help="startwaarde van het toeval")
    parser.add_argument(
        "--today", metavar="DATUM", help="de datum 'vandaag' van de demo (JJJJ-MM-DD)"
    )
    parser.add_argument(
        "--stress",
        action="store_true",
        help="zware belasting voor benchmarks: veel meer verzuim, signalen en casussen "
        "dan in een echte regio",
    )


def run(args: argparse.Namespace) -> int:
    """Generate the demo case base; exit 2 with a Dutch message on bad input."""
    import datetime as dt

    from verzuimdesk.core.db import CaseBaseError, sqlite_url
    from verzuimdesk.core.demo import generate_demo
    from verzuimdesk.plugins.manager import RegionNotInstalled, create_plugin_manager

    if args.pupils < 1:
        print("verzuimdesk demo: --pupils moet minstens 1 zijn.", file=sys.stderr)
        return 2
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"verzuimdesk demo: ‘{args.today}’ is geen datum (JJJJ-MM-DD).", file=sys.stderr)
        return 2
    out = Path(args.out)
    is_url = "://" in args.out
    if not is_url and out.exists():
        print(
            f"verzuimdesk demo: ‘{out}’ bestaat al; kies een nieuwe bestandsnaam.", file=sys.stderr
        )
        return 2
    started = time.perf_counter()
    try:
        summary = generate_demo(
            args.out if is_url else sqlite_url(out.resolve()),
            args.region,
            pupils=args.pupils,
            seed=args.seed,
            today=today,
            stress=args.stress,
            registry=create_plugin_manager(),
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except (CaseBaseError, RegionNotInstalled) as exc:
        print(f"verzuimdesk demo: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    print(
        f"{args.out}: {summary.pupils} leerlingen, {summary.schools} scholen, "
        f"{summary.records} verzuimregels, {summary.signals} signalen, "
        f"{summary.open_cases} open en {summary.closed_cases} gesloten casussen "
        f"in {seconds:.1f} s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``verzuimdesk demo`` on its own."""
    parser = argparse.ArgumentParser(prog="verzuimdesk demo")
    configure(parser)
    return run(parser.parse_args(argv))

"""``verzuimdesk recompute --database URL``: every pupil's signals and deadlines written back.

Recomputes the national, regional and legal signals of every pupil of a case base on the
fast path (:mod:`verzuimdesk.core.services.bulk_recompute`), stores them and brings each
open case's signal deadlines up to date — after an upgrade of the rules, a bulk change
made outside the desk, or to check that the stored signals are current. Progress goes to
stderr; one transaction per chunk of pupils (an interrupted run is finished by running it
again). Exit 0 when done, 2 with a one-line Dutch message when the case base or the
region cannot be opened.
"""

from __future__ import annotations

import argparse
import sys
import time

PROG = "verzuimdesk recompute"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk recompute``."""
    parser.add_argument(
        "--database", required=True, metavar="URL", help="het casusbestand (SQLAlchemy-URL)"
    )
    parser.add_argument(
        "--today",
        metavar="DATUM",
        help="de peildatum 'vandaag' (DD-MM-JJJJ of JJJJ-MM-DD); standaard de datum van vandaag",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="geen voortgang tonen, alleen de samenvatting"
    )


def run(args: argparse.Namespace) -> int:
    """Recompute the case base; return the exit status."""
    from verzuimdesk.commands import open_or_say
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.services.bulk_recompute import recompute_all
    from verzuimdesk.core.tabular.dutch_values import parse_dutch_date
    from verzuimdesk.plugins.manager import RegionNotInstalled, create_plugin_manager

    try:
        today = parse_dutch_date(args.today) if args.today else None
    except ValueError:
        print(f"{PROG}: ‘{args.today}’ is geen datum (DD-MM-JJJJ of JJJJ-MM-DD).", file=sys.stderr)
        return 2
    case_base = open_or_say(PROG, args.database)
    if case_base is None:
        return 2
    try:
        registry = create_plugin_manager()
        desk = Desk(case_base, registry, user="recompute", today=today)
        try:
            desk.region  # noqa: B018 - fails here, with a Dutch message, when not installed
        except RegionNotInstalled as exc:
            print(f"{PROG}: {getattr(exc, 'message', exc)}", file=sys.stderr)
            return 2
        started = time.perf_counter()
        shown = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if args.quiet or (done < total and now - shown[0] < 0.2):
                return
            shown[0] = now
            print(
                f"\r{done:,} van {total:,} leerlingen".replace(",", "."),
                end="\n" if done == total else "",
                file=sys.stderr,
                flush=True,
            )

        summary = recompute_all(desk, progress=progress)
        seconds = time.perf_counter() - started
    finally:
        case_base.close()
    cases = len(summary.case_ids or [])
    print(
        f"{summary.pupils} leerlingen, {summary.records} verzuimregels: {summary.signals}"
        f" signalen opgeslagen en {cases} open casussen bijgewerkt in {seconds:.1f} s"
    )
    return 0

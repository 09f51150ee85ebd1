"""``verzuimdesk import``: import a school system's export into a case base.

    verzuimdesk import FILE --database URL --mapping NAME [--school BRIN]

Uses a mapping saved in the case base (by the import wizard, per school) and prints the
same report as the wizard. Unknown pupils are listed, and created only with
``--nieuwe-leerlingen``. Exit status: 0 when no row was refused, 1 when rows were
refused, 2 when the file, the mapping or the case base cannot be used (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk import``."""
    parser.add_argument("file", metavar="BESTAND", help="de export (CSV of .xlsx)")
    parser.add_argument(
        "--database",
        dest="import_database",
        metavar="URL",
        required=True,
        help="het casusbestand (.sqlite of een SQLAlchemy-URL)",
    )
    parser.add_argument(
        "--mapping", required=True, metavar="NAAM", help="naam van een opgeslagen mapping"
    )
    parser.add_argument(
        "--school", metavar="BRIN", help="de school van de leerlingnummers (BRIN-code)"
    )
    parser.add_argument(
        "--nieuwe-leerlingen",
        dest="create_pupils",
        action="store_true",
        help="onbekende leerlingen (met naam en geboortedatum in het bestand) aanmaken",
    )
    parser.add_argument(
        "--controle",
        dest="dry_run",
        action="store_true",
        help="alleen controleren: het rapport tonen zonder iets op te slaan",
    )


def _fail(message: str) -> int:
    print(f"verzuimdesk import: {message}", file=sys.stderr)
    return 2


def _terminal_progress() -> Callable[[float, str], None]:
    """Progress on one line of a terminal's stderr (not when stderr is a file or a pipe)."""

    def show(fraction: float, text: str) -> None:
        print(f"\r{text[:60]:<60} {fraction * 100:3.0f}%", end="", file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    """Run the import; the report on stdout, problems on stderr."""
    from sqlalchemy import select

    from verzuimdesk.commands import open_or_say
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.importing import (
        ImportFileError,
        MappingError,
        NewPupil,
        run_import,
    )
    from verzuimdesk.core.importing.store import load_mapping
    from verzuimdesk.core.models import School
    from verzuimdesk.core.services.errors import ServiceError
    from verzuimdesk.plugins.manager import create_plugin_manager

    case_base = open_or_say("verzuimdesk import", args.import_database)
    if case_base is None:
        return 2
    try:
        desk = Desk(case_base, create_plugin_manager())
        try:
            desk.region  # noqa: B018 - the region's plugin must be installed
        except Exception:
            return _fail(
                f"de regio ‘{case_base.region_id}’ van dit casusbestand is niet geïnstalleerd."
            )
        try:
            mapping = load_mapping(desk, args.mapping)
        except ServiceError as exc:
            return _fail(str(exc))
        if args.school:
            with case_base.sessions() as session:
                school_id = session.scalar(
                    select(School.id).where(School.brin == args.school.strip().upper())
                )
            if school_id is None:
                return _fail(f"er is geen school met BRIN ‘{args.school}’ in het casusbestand.")
            mapping.school_id = school_id
        progress = _terminal_progress() if sys.stderr.isatty() else None
        try:
            report = run_import(desk, args.file, mapping, dry_run=True, progress=progress)
            if args.create_pupils and report.not_found:
                create = [
                    NewPupil(u.key, u.by, u.first_name, u.last_name, u.birth_date)
                    for u in report.not_found
                    if u.can_create and u.birth_date is not None
                ]
            else:
                create = []
            if not args.dry_run:
                report = run_import(desk, args.file, mapping, create=create, progress=progress)
            if progress is not None:
                print(file=sys.stderr)
        except ImportFileError as exc:
            return _fail(exc.message)
        except MappingError as exc:
            return _fail("de mapping past niet bij dit bestand: " + " ".join(exc.problems))
        for line in report.summary_lines():
            print(line)
        if report.not_found:
            print("Niet gevonden leerlingen (maak ze aan met --nieuwe-leerlingen):")
            for unknown in report.not_found:
                what = "leerlingnummer" if unknown.by == "pupil_number" else "BSN"
                born = f", geboren {unknown.birth_date:%d-%m-%Y}" if unknown.birth_date else ""
                print(
                    f"  {what} {unknown.key}: {unknown.name or '(geen naam)'}{born} — "
                    f"{unknown.rows} rijen, eerste op regel {unknown.first_line}"
                )
        if report.refused_count:
            print("Geweigerde rijen:")
            for line in report.refused_lines():
                print(f"  {line}")
        return 0 if report.ok else 1
    finally:
        case_base.close()


def main(argv: list[str] | None = None) -> int:
    """Run ``verzuimdesk import`` on its own."""
    parser = argparse.ArgumentParser(prog="verzuimdesk import")
    configure(parser)
    return run(parser.parse_args(argv))

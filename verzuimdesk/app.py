"""Composition root: settings → engine → migrate → plugin manager → Qt.

The only module that wires the layers together. Everything that can go wrong
before the main window shows (a bad file, a missing regional plugin) ends in
one Dutch message and a choice of another file, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from verzuimdesk import paths
from verzuimdesk.core.db import (
    CaseBase,
    CaseBaseError,
    create_case_base,
    open_case_base,
    sqlite_url,
)

log = logging.getLogger(__name__)

#: Size of the demo case base that ``verzuimdesk --demo`` creates: big enough to
#: show every ladder step, small enough to start in a few seconds.
DEMO_PUPILS = 600

#: Region used for ``--demo`` when several are installed and none is chosen.
PREFERRED_DEMO_REGION = "den_haag"


def setup_logging() -> None:
    """Log warnings and errors to the log file in the user data folder."""
    handler = logging.FileHandler(paths.log_path(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def choose_demo_region(registry, requested: str | None) -> str:  # type: ignore[no-untyped-def]
    """Return the region for a demo case base: the requested one, or a sensible default."""
    installed = [region.id for region in registry.regions()]
    if requested:
        _require_region(registry, requested)
        return requested
    if not installed:
        raise CaseBaseError(
            "Er is geen regio geïnstalleerd. Installeer de plug-in van uw regio, "
            "bijvoorbeeld: pip install verzuimdesk-den-haag"
        )
    return PREFERRED_DEMO_REGION if PREFERRED_DEMO_REGION in installed else installed[0]


def make_demo_case_base(registry, region: str | None, progress=None) -> CaseBase:  # type: ignore[no-untyped-def]
    """Generate a fresh synthetic demo case base in a temporary folder and open it.

    :param progress: called with a Dutch line per phase (for a splash screen).
    """
    from verzuimdesk.core.demo import generate_demo

    region_id = choose_demo_region(registry, region)
    folder = Path(tempfile.mkdtemp(prefix="verzuimdesk-demo-"))
    url = sqlite_url(folder / "demo.sqlite")
    generate_demo(url, region_id, pupils=DEMO_PUPILS, registry=registry, progress=progress)
    return open_case_base(url)


def _require_region(registry, region_id: str) -> None:  # type: ignore[no-untyped-def]
    """Raise CaseBaseError (Dutch, naming the plugin to install) when a region is missing."""
    from verzuimdesk.plugins.manager import RegionNotInstalled

    try:
        registry.region(region_id)
    except RegionNotInstalled as exc:
        raise CaseBaseError(str(exc)) from exc


def check_region(case_base: CaseBase, registry) -> None:  # type: ignore[no-untyped-def]
    """Refuse a case base whose regional plugin is not installed (Dutch message)."""
    try:
        _require_region(registry, case_base.region_id)
    except CaseBaseError:
        case_base.close()
        raise


def open_requested(args: argparse.Namespace, registry, progress=None) -> CaseBase | None:  # type: ignore[no-untyped-def]
    """Open what the command line asks for; None means: the user's own file does not exist yet.

    :param progress: receives Dutch progress lines while a demo case base is generated.
    """
    if args.demo:
        case_base = make_demo_case_base(registry, args.region, progress)
    elif args.database:
        case_base = open_or_initialise(args.database, registry, args.region)
    else:
        own = paths.default_case_base_path()
        if not own.exists():
            return None
        case_base = open_case_base(sqlite_url(own))
    check_region(case_base, registry)
    return case_base


def open_or_initialise(url: str, registry, region: str | None) -> CaseBase:  # type: ignore[no-untyped-def]
    """Open the case base at ``url``; an empty database becomes a new one for ``region``.

    This is how a shared PostgreSQL case base is set up: the administrator creates an
    empty database and starts ``verzuimdesk --database URL --region ID`` once.
    """
    from verzuimdesk.core.db import is_empty_database

    if is_empty_database(url):
        if not region:
            raise CaseBaseError(
                "Deze database is leeg. Start één keer met --region ID (bijvoorbeeld "
                "--region den_haag) om er een nieuw casusbestand van te maken."
            )
        _require_region(registry, region)
        return create_case_base(url, region)
    return open_case_base(url)


def create_own_case_base(region_id: str) -> CaseBase:
    """Create the user's own case base for ``region_id`` in the user data folder."""
    return create_case_base(sqlite_url(paths.default_case_base_path()), region_id)


def run_app(args: argparse.Namespace) -> int:
    """Start the desk as the command line asks; returns the exit status."""
    setup_logging()
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager()
    for failure in registry.failures:
        log.warning("plug-in %s niet geladen: %s", failure.name, failure.reason)

    from verzuimdesk.gui import startup

    app = startup.ensure_application()
    case_base = startup.obtain_case_base(args, registry, interactive=not args.smoke)
    if case_base is None:
        return 2
    from verzuimdesk.gui.main_window import run_desk

    del app  # run_desk uses the running instance
    return run_desk(Desk(case_base, registry), sys.argv, smoke=args.smoke)

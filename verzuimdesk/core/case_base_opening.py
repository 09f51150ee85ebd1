"""Which case base the desk opens: the user's own file, a given URL, or a new demo.

Pure Python, shared by the composition root (:mod:`verzuimdesk.app`) and the start
dialogs (:mod:`verzuimdesk.gui.startup`). Every problem is a :class:`CaseBaseError` with
a Dutch message for the user; the caller decides how to show it.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from verzuimdesk import paths
from verzuimdesk.core.db import (
    CaseBase,
    CaseBaseError,
    create_case_base,
    is_empty_database,
    open_case_base,
    sqlite_url,
)
from verzuimdesk.core.region_registry import RegionRegistry

#: Size of the demo case base that ``verzuimdesk --demo`` creates: big enough to
#: show every ladder step, small enough to start in a few seconds.
DEMO_PUPILS = 600

#: Region used for ``--demo`` when several are installed and none is chosen.
PREFERRED_DEMO_REGION = "den_haag"


def choose_demo_region(registry: RegionRegistry, requested: str | None) -> str:
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


def make_demo_case_base(
    registry: RegionRegistry,
    region: str | None,
    progress: Callable[[str], None] | None = None,
) -> CaseBase:
    """Generate a fresh synthetic demo case base in a temporary folder and open it.

    :param progress: called with a Dutch line per phase (for a splash screen).
    """
    from verzuimdesk.core.demo import generate_demo

    region_id = choose_demo_region(registry, region)
    folder = Path(tempfile.mkdtemp(prefix="verzuimdesk-demo-"))
    _remember_demo_folder(folder)
    url = sqlite_url(folder / "demo.sqlite")
    try:
        generate_demo(url, region_id, pupils=DEMO_PUPILS, registry=registry, progress=progress)
        return open_case_base(url)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


#: Demo folders made by this process, removed at exit (a demo left 3.5 MB in the
#: temporary folder per start; issue 14).
_demo_folders: list[Path] = []


def _remember_demo_folder(folder: Path) -> None:
    if not _demo_folders:
        # The safety net for exits that skip the composition root's ``finally``.
        atexit.register(remove_demo_folders)
    _demo_folders.append(folder)


def remove_demo_folders() -> None:
    """Delete the demo folders this process made. Close their case bases first."""
    while _demo_folders:
        shutil.rmtree(_demo_folders.pop(), ignore_errors=True)


def _require_region(registry: RegionRegistry, region_id: str) -> None:
    """Raise CaseBaseError (Dutch, naming the plugin to install) when a region is missing."""
    try:
        registry.region(region_id)
    except LookupError as exc:  # the registry's RegionNotInstalled
        raise CaseBaseError(str(exc)) from exc


def check_region(case_base: CaseBase, registry: RegionRegistry) -> None:
    """Refuse a case base whose regional plugin is not installed (Dutch message)."""
    try:
        _require_region(registry, case_base.region_id)
    except CaseBaseError:
        case_base.close()
        raise


def open_requested(
    args: argparse.Namespace,
    registry: RegionRegistry,
    progress: Callable[[str], None] | None = None,
) -> CaseBase | None:
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


def open_or_initialise(url: str, registry: RegionRegistry, region: str | None) -> CaseBase:
    """Open the case base at ``url``; an empty database becomes a new one for ``region``.

    This is how a shared PostgreSQL case base is set up: the administrator creates an
    empty database and starts ``verzuimdesk --database URL --region ID`` once.
    """
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

"""Composition root: settings → engine → migrate → plugin manager → Qt.

The only module that wires the layers together. Everything that can go wrong
before the main window shows (a bad file, a missing regional plugin) ends in
one Dutch message and a choice of another file, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from verzuimdesk import paths

log = logging.getLogger(__name__)


def setup_logging() -> None:
    """Log warnings and errors to the log file (0600, personal data scrubbed)."""
    from verzuimdesk.core.case_base_file import create_private_file, tighten
    from verzuimdesk.core.scrub import ScrubFilter

    create_private_file(paths.log_path())
    tighten(paths.log_path())  # a log an older version created 0644
    handler = logging.FileHandler(paths.log_path(), encoding="utf-8")
    handler.addFilter(ScrubFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_app(args: argparse.Namespace) -> int:
    """Start the desk as the command line asks; returns the exit status."""
    from verzuimdesk.gui.platform_check import ensure_platform

    # Before Qt: without a screen or its xcb libraries Qt aborts or names one library in
    # English; this says in Dutch what is missing and how to install it (issue 14).
    stop = ensure_platform(os.environ)
    if stop is not None:
        return stop
    setup_logging()
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager()
    for failure in registry.failures:
        log.warning("plug-in %s niet geladen: %s", failure.name, failure.reason)

    from verzuimdesk.core import case_base_opening
    from verzuimdesk.gui import startup

    app = startup.ensure_application()
    case_base = None
    try:
        case_base = startup.obtain_case_base(args, registry, interactive=not args.smoke)
        if case_base is None:
            return 2
        from verzuimdesk.gui.main_window import run_desk

        del app  # run_desk uses the running instance
        return run_desk(Desk(case_base, registry), sys.argv, smoke=args.smoke)
    finally:
        # Also on an error exit: a demo's temporary folder goes, its case base closed first.
        if case_base is not None:
            case_base.close()
        case_base_opening.remove_demo_folders()

"""Where VerzuimDesk keeps its files on this machine (``platformdirs``)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "VerzuimDesk"
APP_AUTHOR = "VerzuimDesk"

#: Environment variable that moves every user file elsewhere (tests, portable use).
DATA_DIR_ENV = "VERZUIMDESK_DATA_DIR"


def user_data_dir() -> Path:
    """Return (and create) the folder for the case base, logs and backups."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    if not path.exists():
        # Owner only: it holds the case base, its backups and the log (issue 11).
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.chmod(0o700)
    return path


def default_case_base_path() -> Path:
    """Return the path of the user's own case base file."""
    return user_data_dir() / "casusbestand.sqlite"


def log_path() -> Path:
    """Return the path of the error log."""
    return user_data_dir() / "verzuimdesk.log"


def resources_dir() -> Path:
    """Return the folder with icons, the style sheet and data files.

    In a wheel it is ``verzuimdesk/resources``; in a source checkout it is the
    top-level ``resources/`` folder beside the package.
    """
    packaged = Path(__file__).with_name("resources")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"

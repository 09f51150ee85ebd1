"""``verzuimdesk restore FILE``: put a backup back (see :mod:`verzuimdesk.commands.backup`)."""

from __future__ import annotations

from verzuimdesk.commands.backup import configure_restore as configure
from verzuimdesk.commands.backup import run_restore as run

__all__ = ["configure", "run"]

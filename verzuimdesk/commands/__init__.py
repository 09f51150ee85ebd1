"""Command-line subcommands: each module has configure(parser) and run(args) -> int."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verzuimdesk.core.db import CaseBase


def database_url(argument: str) -> str:
    """A ``--database`` argument as an SQLAlchemy URL: a URL as given, a path as SQLite."""
    from verzuimdesk.core.db import sqlite_url

    return argument if "://" in argument else sqlite_url(Path(argument).resolve())


def open_or_say(prog: str, argument: str) -> CaseBase | None:
    """Open the case base a ``--database`` argument names; ``None`` after one Dutch line
    on stderr (``prog: why``) when it cannot be opened."""
    from verzuimdesk.core.db import CaseBaseError, open_case_base

    try:
        return open_case_base(database_url(argument))
    except CaseBaseError as exc:
        print(f"{prog}: {exc.message}", file=sys.stderr)
        return None

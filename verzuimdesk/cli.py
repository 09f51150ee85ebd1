"""The ``verzuimdesk`` command: starts the desk, or runs a subcommand.

``verzuimdesk`` opens the user's own case base; ``--database URL`` another one;
``--demo`` a fresh synthetic demo case base. Subcommands (``signals``,
``demo``, ``plugins``) live in :mod:`verzuimdesk.commands`, each a module with
``configure(parser)`` and ``run(args) -> int``; they are imported only when used
so that starting the desk stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from verzuimdesk.commands.argparse_nl import DutchArgumentParser

#: Subcommand name -> (module, Dutch help text).
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "signals": ("verzuimdesk.commands.signals", "signalen berekenen uit een CSV met verzuim"),
    "demo": ("verzuimdesk.commands.demo", "een synthetisch demo-casusbestand maken"),
    "plugins": ("verzuimdesk.commands.plugins", "geïnstalleerde regio's tonen"),
    "backup": ("verzuimdesk.commands.backup", "een gecontroleerde reservekopie maken"),
    "restore": ("verzuimdesk.commands.restore", "een reservekopie terugzetten"),
}


def _add_desk_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that choose which case base the desk opens."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database", metavar="URL", help="open dit casusbestand (SQLAlchemy-URL)")
    where.add_argument(
        "--demo", action="store_true", help="open een nieuw synthetisch demo-casusbestand"
    )
    parser.add_argument("--region", metavar="ID", help="regio voor --demo of een nieuw bestand")
    parser.add_argument(
        "--smoke", action="store_true", help="start, toon het hoofdvenster en stop (voor tests)"
    )


def build_parser(
    with_subcommands: bool = True, configure_only: str | None = None
) -> argparse.ArgumentParser:
    """Return the parser of the ``verzuimdesk`` command.

    Subcommand modules are imported only for the subcommand being run
    (``configure_only``; all of them when None), which keeps the start fast.
    """
    parser = DutchArgumentParser(
        prog="verzuimdesk",
        description="VerzuimDesk: casusbeheer voor schoolverzuim en thuiszitters.",
    )
    _add_desk_options(parser)
    if with_subcommands:
        parser._positionals.title = "opdrachten"
        sub = parser.add_subparsers(dest="command", parser_class=DutchArgumentParser)
        for name, (module, help_text) in SUBCOMMANDS.items():
            sub_parser = sub.add_parser(name, help=help_text, description=help_text)
            sub_parser.set_defaults(_module=module)
            if configure_only in (None, name):
                importlib.import_module(module).configure(sub_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``verzuimdesk`` script; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    chosen = next((arg for arg in args_list if arg in SUBCOMMANDS), None)
    needs_full = chosen is not None or any(arg in ("-h", "--help") for arg in args_list)
    parser = build_parser(with_subcommands=needs_full, configure_only=chosen or "")
    args = parser.parse_args(args_list)
    if getattr(args, "command", None):
        try:
            return int(importlib.import_module(args._module).run(args))
        except BrokenPipeError:
            # The reader went away (`verzuimdesk signals … | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    from verzuimdesk.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())

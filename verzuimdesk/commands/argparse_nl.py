"""An ``argparse`` parser that speaks Dutch, shared by the ``verzuimdesk`` command and its
subcommands (which also run stand-alone, ``python -m verzuimdesk.commands.signals``)."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn


class DutchArgumentParser(argparse.ArgumentParser):
    """An argument parser in Dutch whose errors are one line and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def format_usage(self) -> str:
        """Usage line with a Dutch prefix."""
        return super().format_usage().replace("usage:", "gebruik:", 1)

    def format_help(self) -> str:
        """Help text with a Dutch usage prefix."""
        return super().format_help().replace("usage:", "gebruik:", 1)

    def error(self, message: str) -> NoReturn:
        """Print a one-line message and exit with status 2 (never a traceback)."""
        self.exit(2, f"{self.prog}: fout: {_translate_argparse(message)}\n")


def _translate_argparse(message: str) -> str:
    replacements = {
        "the following arguments are required": "deze argumenten ontbreken",
        "unrecognized arguments": "onbekende argumenten",
        "invalid choice": "ongeldige keuze",
        "expected one argument": "verwacht één waarde",
        "argument": "argument",
        "choose from": "kies uit",
        "invalid": "ongeldige",
        "value": "waarde",
    }
    for english, dutch in replacements.items():
        message = message.replace(english, dutch)
    return message

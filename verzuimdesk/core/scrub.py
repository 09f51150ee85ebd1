"""Remove personal data from error texts before they reach the log or an error dialog.

Engines are created with ``hide_parameters=True`` so SQLAlchemy never prints the
values of a statement, but drivers and our own code can still quote data in an
exception message: PostgreSQL's ``DETAIL: Key (bsn)=(123456782) already exists``,
``Failing row contains (…)``, a file name with a pupil's name in it. :func:`scrub`
keeps a traceback's frame and code lines (they are program text) and masks, in
every other line, quoted literals, the values PostgreSQL echoes and long digit runs
(a BSN has 9 digits). The passphrase of an encrypted case base is masked wherever it
could be quoted: the password in a database URL and the value of SQLCipher's ``PRAGMA
key``/``rekey`` and ``ATTACH … KEY`` (also on a ``[SQL: …]`` line).
:class:`ScrubFilter` does the same to every log record.
"""

from __future__ import annotations

import logging
import re

#: What a masked value looks like.
MASK = "…"

_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)
_KEY_VALUE = re.compile(r"(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)")
_FAILING_ROW = re.compile(r"(Failing row contains )\(.*\)")
_SINGLE = re.compile(r"'(?:[^'\\]|\\.|'')*'")
_DOUBLE = re.compile(r'"[^"\n]*"')
_CURLY = re.compile(r"‘[^’\n]*’|“[^”\n]*”")
_DIGITS = re.compile(r"(?<![\d.])\d{6,}(?![\d.])")
#: ``scheme://user:password@`` (the password of an encrypted case base's URL).
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]+@")
#: SQLCipher's key in ``PRAGMA key=…``, ``PRAGMA rekey=…`` and ``ATTACH … KEY …``.
_CIPHER_KEY = re.compile(
    r"""(?i)(\bpragma\s+(?:\w+\.)?(?:re)?key\s*=\s*|\bkey\s+(?=["']))"""
    r"""("(?:[^"]|"")*"|'(?:[^']|'')*'|[^\s;)]+)"""
)


def _scrub_secrets(line: str) -> str:
    """Mask a passphrase in a URL or a SQLCipher key statement."""
    return _CIPHER_KEY.sub(rf"\1{MASK}", _URL_PASSWORD.sub(rf"\1{MASK}@", line))


def _scrub_line(line: str) -> str:
    line = _scrub_secrets(line)
    if line.startswith("[SQL: "):
        # Identifiers are double-quoted and harmless; literals in raw SQL are not.
        return _DIGITS.sub(MASK, _SINGLE.sub(f"'{MASK}'", line))
    line = _KEY_VALUE.sub(rf"\1=({MASK})", line)
    line = _FAILING_ROW.sub(rf"\1({MASK})", line)
    line = _SINGLE.sub(f"'{MASK}'", line)
    line = _DOUBLE.sub(f'"{MASK}"', line)
    line = _CURLY.sub(f"‘{MASK}’", line)
    return _DIGITS.sub(MASK, line)


def _is_program_text(line: str) -> bool:
    """A traceback's ``File "…", line N`` line, its code line or its ``^^^`` marker."""
    return line.startswith('  File "') or line.startswith("    ")


def scrub(text: str) -> str:
    """Return ``text`` (an error message or a formatted traceback) without personal data."""
    text = _PARAMETERS.sub("[parameters: verborgen]", text)
    return "\n".join(
        line if _is_program_text(line) else _scrub_line(line) for line in text.split("\n")
    )


class ScrubFilter(logging.Filter):
    """A logging filter that scrubs a record's message and its traceback text."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message (and exception text) by its scrubbed form."""
        message = scrub(record.getMessage())
        if record.exc_info:
            formatter = logging.Formatter()
            message += "\n" + scrub(formatter.formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = message, None
        return True

"""Encryption at rest of a SQLite case base with SQLCipher (optional, extra ``encryption``).

With the ``sqlcipher3`` package installed (a PyPI wheel that bundles SQLCipher 4), a case
base can be a SQLCipher file: every page, the WAL included, is AES-256 encrypted with a key
derived from a passphrase, so a lost laptop or a copied file shows nothing without it. The
desk uses it through SQLAlchemy's ``sqlite+pysqlcipher`` dialect, so everything else (the
pragmas, migrations, audit) works as on a plain file; ``verzuimdesk --database`` takes such
a URL (:func:`encrypted_url`).

Opening: the file check before opening recognises a file that is likely encrypted (no
SQLite header, whole pages, a random first block) and the desk asks the passphrase at
start (``gui/passphrase.py``), again after a wrong one. Backups get the same guarantees as
a plain file's (rotating, checked; at start, before an upgrade, ``verzuimdesk backup`` and
``restore``): :mod:`verzuimdesk.core.backup` copies it with its key
(:func:`passphrase`) through ``sqlcipher_export``, so every backup stays encrypted with
the same passphrase.

What it does *not* protect against: anyone who has the passphrase or uses the open desk; a
process on the same computer that reads the desk's memory while it runs; PDF letters and
exports saved outside the case base. A forgotten passphrase means the data is gone.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def is_available() -> bool:
    """True when ``sqlcipher3`` is installed."""
    from importlib.util import find_spec

    return find_spec("sqlcipher3") is not None


def passphrase(url: str) -> str | None:
    """The passphrase in the URL of an encrypted case base, or None for any other URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_driver_name() != "pysqlcipher":
        return None
    return parsed.password or None


def encrypted_url(path: Path | str, passphrase: str) -> str:
    """The SQLAlchemy URL of an encrypted case base at ``path`` (passphrase URL-quoted)."""
    if not passphrase:
        raise ValueError("empty passphrase")
    return f"sqlite+pysqlcipher://:{quote(passphrase, safe='')}@/{Path(path).absolute()}"

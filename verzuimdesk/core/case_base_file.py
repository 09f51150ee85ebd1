"""Checks on a SQLite case base file before anything writes to it, and private file modes.

A file the desk refuses is never changed: :func:`check_existing` reads it only
through a read-only connection (``mode=ro``), so a zero-byte file does not get a
header and another program's SQLite file is not switched to WAL. Every problem is
a :class:`FileProblem` with one Dutch message that says what to do.

Files the desk creates (case base, its WAL and shared-memory files, backups, the
log) are readable by their owner only (0600), folders it creates 0700. SQLite gives
the ``-wal`` and ``-shm`` files the mode of the database file, so creating that file
0600 first is enough.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Mode of a file the desk creates: owner read/write only.
FILE_MODE = 0o600
#: Mode of a folder the desk creates: owner only.
FOLDER_MODE = 0o700

#: Files up to this size get ``PRAGMA quick_check`` before they are opened (well under a
#: second); a larger file is checked in the background once the desk runs (a 240 MB
#: region-scale case base takes seconds: ``docs/performance.md``).
QUICK_CHECK_AT_OPEN_MAX_BYTES = 64 * 1024 * 1024

#: Tables that make a SQLite file a VerzuimDesk case base.
CASE_BASE_TABLES = frozenset({"alembic_version", "case_base_setting"})


class FileProblem(Exception):
    """A case base file the desk will not open; ``message`` is Dutch and says what to do."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.message = message
        #: True when the file is damaged: restoring a backup is the way out.
        self.damaged = damaged


class EncryptedFile(FileProblem):
    """A file that looks like an encrypted (SQLCipher) case base: open it with its passphrase
    (:func:`verzuimdesk.core.encryption.encrypted_url`)."""


def looks_encrypted(header: bytes, size: int) -> bool:
    """True when a file without the SQLite header is likely a SQLCipher database: whole
    pages of at least 1 KiB, and a first block (SQLCipher's random salt) that is neither
    text nor zeros."""
    if size < 1024 or size % 512 or len(header) < 16 or header.startswith(SQLITE_HEADER[:6]):
        return False
    salt = header[:16]
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in salt)
    return printable < 14 and salt != bytes(16)


def _encrypted_problem(path: Path) -> FileProblem:
    from verzuimdesk.core import encryption

    if encryption.is_available():
        return EncryptedFile(
            f"‘{path}’ is een versleuteld casusbestand. Voer het wachtwoord in om het te openen."
        )
    return FileProblem(
        f"‘{path}’ lijkt een versleuteld casusbestand (SQLCipher). Deze installatie van "
        "VerzuimDesk kan dat niet openen: installeer de versleuteling (pip install "
        "'verzuimdesk[encryption]'). VerzuimDesk heeft het bestand niet gewijzigd."
    )


@dataclass(frozen=True)
class FileState:
    """What the read-only look at an existing case base file found."""

    revision: str | None
    read_only_reason: str | None


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) with mode 0700; an existing folder is left as is."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    for folder in missing:
        os.chmod(folder, FOLDER_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 when it does not exist (an existing file stays)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, FILE_MODE)  # the umask may have taken bits away, never added them


def make_private(path: Path) -> None:
    """Set an existing file the desk wrote to 0600 (no-op when it is gone)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, FILE_MODE)


def tighten(path: Path) -> bool:
    """Take away the permission bits of others (and of the group) from an existing file the
    desk owns, as created by an older version with 0644; True when the mode changed.

    Only a file owned by the user running the desk is changed, never another user's. In a
    folder the group may write to (a case base shared with colleagues through the group),
    the group keeps its bits and only "others" lose theirs. A missing file is no error.
    """
    try:
        info = path.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return False
        shared = path.parent.stat().st_mode & stat.S_IWGRP
        remove = stat.S_IRWXO if shared else stat.S_IRWXG | stat.S_IRWXO
        mode = stat.S_IMODE(info.st_mode)
        if not mode & remove:
            return False
        os.chmod(path, mode & ~remove)
        return True
    except OSError:
        return False


def read_only_reason(path: Path) -> str | None:
    """Why the desk may not write to ``path`` (Dutch), or None when it may.

    A file without any write permission bit counts as read-only also for an
    administrator who could write it anyway: the read-only mark is the owner's wish.
    """
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "het bestand is schrijfbeveiligd of u hebt er geen schrijfrechten op"
    if not os.access(path.parent, os.W_OK):
        return "de map waarin het staat is niet beschrijfbaar"
    return None


DAMAGED_ADVICE = (
    "VerzuimDesk heeft het bestand niet gewijzigd. Zet de laatste reservekopie terug "
    "(Reservekopie terugzetten, of ‘verzuimdesk restore BESTAND’) of kies een ander bestand."
)


def damaged(path: Path) -> FileProblem:
    """The one message for a truncated or damaged case base file."""
    return FileProblem(
        f"Het casusbestand ‘{path}’ is beschadigd of onvolledig (bijvoorbeeld afgebroken "
        f"tijdens het kopiëren). {DAMAGED_ADVICE}",
        damaged=True,
    )


def _check_header(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise FileProblem(
            f"‘{path}’ is leeg (0 bytes) en is geen VerzuimDesk-casusbestand. VerzuimDesk "
            "heeft het niet gewijzigd; kies een ander bestand of maak een nieuw casusbestand."
        )
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER[: min(len(header), 16)]):
        if looks_encrypted(header, size):
            raise _encrypted_problem(path)
        raise FileProblem(
            f"‘{path}’ is geen VerzuimDesk-casusbestand (geen database). VerzuimDesk heeft "
            "het niet gewijzigd."
        )
    if len(header) < 100:
        raise damaged(path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        raise damaged(path)
    # The page count in the header is only valid when its "valid-for" counter matches the
    # change counter; and a crash during a checkpoint may leave the file shorter than the
    # header says while the WAL beside it still holds every page (recovered on open).
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    wal = path.with_name(path.name + "-wal")
    if header_valid and pages and size < pages * page_size and not _non_empty(wal):
        raise damaged(path)


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def check_existing(
    path: Path, *, quick_check: bool | None = None, timeout: float = 5.0, encrypted: bool = False
) -> FileState:
    """Look at an existing SQLite file without changing it; raise :class:`FileProblem`.

    Refuses an empty file, a non-database, a truncated or damaged file (``PRAGMA
    quick_check``) and another program's SQLite database, all untouched. A file that looks
    encrypted raises :class:`EncryptedFile` (when SQLCipher is installed).

    :param quick_check: None runs it for files up to :data:`QUICK_CHECK_AT_OPEN_MAX_BYTES`.
    :param encrypted: the file is opened with a passphrase: only what can be seen without
        it is checked (it exists, is no folder, looks encrypted); the rest happens on
        opening with the key.
    """
    if not path.exists():
        raise FileProblem(f"Het casusbestand ‘{path}’ bestaat niet.")
    if path.is_dir():
        raise FileProblem(f"‘{path}’ is een map, geen casusbestand.")
    if encrypted:
        with path.open("rb") as handle:
            header = handle.read(100)
        if header.startswith(SQLITE_HEADER):
            raise FileProblem(
                f"‘{path}’ is niet versleuteld; open het zonder wachtwoord. VerzuimDesk heeft "
                "het niet gewijzigd."
            )
        if not looks_encrypted(header, path.stat().st_size):
            raise damaged(path)
        return FileState(None, read_only_reason(path))
    _check_header(path)
    if quick_check is None:
        quick_check = path.stat().st_size <= QUICK_CHECK_AT_OPEN_MAX_BYTES
    reason = read_only_reason(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error as exc:
        raise FileProblem(f"‘{path}’ kan niet worden geopend.") from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not CASE_BASE_TABLES & tables:
            raise FileProblem(
                f"‘{path}’ is een database van een ander programma, geen "
                "VerzuimDesk-casusbestand. VerzuimDesk heeft het niet gewijzigd."
            )
        if quick_check and conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise damaged(path)
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "unable to open" in text or "readonly" in text:
            raise FileProblem(
                f"‘{path}’ kan niet worden gelezen: controleer de rechten op het bestand en de "
                "map. VerzuimDesk heeft het niet gewijzigd."
            ) from exc
        if "locked" in text or "busy" in text:
            raise FileProblem(
                f"‘{path}’ is in gebruik door een ander programma of een andere gebruiker. "
                "Sluit dat eerst en probeer het opnieuw."
            ) from exc
        raise damaged(path) from exc
    finally:
        conn.close()
    return FileState(revision, reason)


def is_intact(path: Path, timeout: float = 5.0) -> bool:
    """``PRAGMA quick_check`` through a read-only connection (for the background check)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone() == ("ok",))
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False

"""Checks and the backup that run once the window shows, off the GUI thread (issue 11).

- The daily start-up backup (:func:`verzuimdesk.core.backup.backup_at_start`): a
  verified copy of a region-scale case base takes many seconds, so it never delays
  the start. An encrypted case base gets it too, made with its key (still encrypted).
- ``PRAGMA quick_check`` of a case base too large to check before opening
  (:data:`verzuimdesk.core.case_base_file.QUICK_CHECK_AT_OPEN_MAX_BYTES`). When it
  fails the user gets the Dutch message and the offer to restore the latest backup
  (the desk then closes; the damaged file is kept aside).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

from verzuimdesk.core import backup, case_base_file, encryption
from verzuimdesk.gui.background import run_in_background

if TYPE_CHECKING:
    from verzuimdesk.gui.main_window import MainWindow

log = logging.getLogger(__name__)

RESTORE_TEXT = "Laatste reservekopie terugzetten en afsluiten"


def start(window: MainWindow) -> None:
    """Start the background check (large files) and the daily backup of a SQLite case base."""
    case_base = window.desk.case_base
    path = case_base.path
    if path is None or window.desk.is_demo:
        return
    key = encryption.passphrase(case_base.url)
    # A plain file up to the limit was checked before it was opened; a larger one and an
    # encrypted one (opening read only its first pages) are checked here, with the key.
    large = key is None and path.stat().st_size > case_base_file.QUICK_CHECK_AT_OPEN_MAX_BYTES
    writable = case_base.read_only_reason is None

    def job() -> bool:
        if key is not None:
            intact = backup.encrypted_is_intact(path, key)
        else:
            intact = case_base_file.is_intact(path) if large else True
        if intact and writable:
            backup.backup_at_start(path, key=key)
        return intact

    run_in_background(
        window, job, lambda intact: None if intact else damaged(window, path, key=key)
    )


def damaged(window: MainWindow, path: Path, *, key: str | None = None) -> None:
    """Say the open case base is damaged and offer to restore the latest backup."""
    newest = backup.latest(path)
    text = case_base_file.damaged(path).message
    box = QMessageBox(QMessageBox.Icon.Critical, "Casusbestand beschadigd", text, parent=window)
    restore = None
    if newest is not None:
        box.setInformativeText(f"De laatste reservekopie is van {newest.made:%d-%m-%Y %H:%M}.")
        restore = box.addButton(RESTORE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Doorgaan", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if newest is None or box.clickedButton() is not restore:
        return
    restore_and_quit(window, path, newest.path, key=key)


def restore_and_quit(
    window: MainWindow, path: Path, source: Path, *, key: str | None = None
) -> None:
    """Close the case base, put ``source`` in its place (the damaged file kept), quit."""
    from verzuimdesk.core import migrate

    window.desk.case_base.close()
    try:
        kept = backup.restore(path, source, migrate.known_revisions(), key=key)
    except backup.BackupError as exc:
        QMessageBox.critical(window, "Terugzetten mislukt", exc.message)
        return
    where = f" Het beschadigde bestand is bewaard als ‘{kept}’." if kept else ""
    QMessageBox.information(
        window,
        "Reservekopie teruggezet",
        f"De reservekopie is teruggezet.{where} Start VerzuimDesk opnieuw.",
    )
    QApplication.quit()

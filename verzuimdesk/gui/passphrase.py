"""The passphrase of an encrypted (SQLCipher) case base, asked at start (issue 11).

The file check before opening recognises a likely encrypted file
(:class:`verzuimdesk.core.case_base_file.EncryptedFile`); the desk then asks the passphrase
in a password field. A wrong one gives a clear Dutch message in the same dialog and asks
again; *Annuleren* goes back to the choice of another file, a new case base or quitting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QLineEdit, QWidget

from verzuimdesk.core import case_base_opening, encryption
from verzuimdesk.core.db import CaseBase, CaseBaseError, open_case_base

if TYPE_CHECKING:
    from verzuimdesk.plugins.manager import PluginRegistry


class PassphraseDialog(QInputDialog):
    """A password field for the passphrase of ``path``, with the last problem above it."""

    def __init__(self, path: Path, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle("Versleuteld casusbestand")
        self.setInputMode(QInputDialog.InputMode.TextInput)
        self.setTextEchoMode(QLineEdit.EchoMode.Password)
        intro = f"Het casusbestand ‘{path.name}’ is versleuteld. Voer het wachtwoord in."
        self.setLabelText(f"{message}\n\n{intro}" if message else intro)
        self.setOkButtonText("Openen")
        self.setCancelButtonText("Annuleren")
        for label in self.findChildren(QLabel):
            label.setWordWrap(True)  # a long path or message wraps instead of widening
        self.setFixedWidth(480)


def ask(path: Path, message: str = "", parent: QWidget | None = None) -> str | None:
    """The passphrase the user typed, or None when they cancelled."""
    dialog = PassphraseDialog(path, message, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def open_encrypted(
    path: Path, registry: PluginRegistry, parent: QWidget | None = None
) -> CaseBase | None:
    """Ask the passphrase of ``path`` until it opens; None when the user cancels.

    :raises CaseBaseError: for a problem other than the passphrase (a newer schema, …).
    """
    message = ""
    while True:
        passphrase = ask(path, message, parent)
        if passphrase is None:
            return None
        if not passphrase:
            message = "Vul het wachtwoord in."
            continue
        try:
            case_base = open_case_base(encryption.encrypted_url(path, passphrase))
        except CaseBaseError as exc:
            if exc.encrypted_path is None:
                raise
            message = exc.message
            continue
        case_base_opening.check_region(case_base, registry)
        return case_base

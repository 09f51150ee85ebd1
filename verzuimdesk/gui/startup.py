"""What the desk shows before the main window: region choice and file errors.

A case base that cannot be opened gets one Dutch message and the choice of
another file, a new case base, or quitting; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplashScreen,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk import paths
from verzuimdesk.core import case_base_opening, encryption
from verzuimdesk.core.db import (
    CaseBase,
    CaseBaseError,
    create_case_base,
    open_case_base,
    sqlite_url,
)
from verzuimdesk.gui import passphrase

if TYPE_CHECKING:
    from verzuimdesk.plugins.manager import PluginRegistry

FILE_FILTER = "VerzuimDesk-casusbestand (*.sqlite *.db);;Alle bestanden (*)"


def ensure_application() -> QApplication:
    """Return the running QApplication, creating it with the desk's names if needed."""
    existing = QApplication.instance()
    from verzuimdesk.gui.main_window import apply_style, qt_argv, set_identity

    app = existing if isinstance(existing, QApplication) else QApplication(qt_argv(sys.argv))
    set_identity(app)
    # Before the first question (region, file problem): their OK/Cancel must be Dutch.
    apply_style(app)
    return app


def choose_region(registry: PluginRegistry, parent: QWidget | None = None) -> str | None:
    """Ask which installed region a new case base belongs to (None: cancelled)."""
    regions = registry.regions()
    if not regions:
        QMessageBox.critical(
            parent,
            "Geen regio geïnstalleerd",
            "Er is geen regionale plug-in geïnstalleerd. Installeer de plug-in van uw regio, "
            "bijvoorbeeld: pip install verzuimdesk-den-haag",
        )
        return None
    if len(regions) == 1:
        return regions[0].id
    names = [region.name for region in regions]
    name, ok = QInputDialog.getItem(
        parent,
        "Nieuw casusbestand",
        "Voor welke regio is dit casusbestand?\n(Dit ligt vast zodra het bestand is gemaakt.)",
        names,
        0,
        False,
    )
    return regions[names.index(name)].id if ok else None


class _DemoSplash(QSplashScreen):
    """Shows progress while the demo case base is generated (a few seconds)."""

    def __init__(self) -> None:
        pixmap = QPixmap(520, 160)
        pixmap.fill(QColor("#1f3b57"))
        super().__init__(pixmap)
        self.show_line("Demo-casusbestand maken…")
        self.show()

    def show_line(self, line: str) -> None:
        """Show one progress line and let Qt paint it."""
        self.showMessage(
            f"VerzuimDesk\n\n{line}",
            Qt.AlignmentFlag.AlignCenter,
            QColor("white"),
        )
        QApplication.processEvents()


class OpenProblemDialog(QDialog):
    """Explains why a case base did not open and offers what to do next."""

    OTHER, NEW, QUIT, RESTORE = range(4)

    def __init__(
        self, message: str, parent: QWidget | None = None, *, can_restore: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Casusbestand niet geopend")
        self.choice = self.QUIT
        layout = QVBoxLayout(self)
        label = QLabel(message)
        label.setWordWrap(True)
        label.setObjectName("problemMessage")
        layout.addWidget(label)
        buttons = QDialogButtonBox()
        if can_restore:
            restore = buttons.addButton(
                "Laatste reservekopie terugzetten", QDialogButtonBox.ButtonRole.ActionRole
            )
            restore.clicked.connect(lambda: self._finish(self.RESTORE))
        other = buttons.addButton("Ander bestand kiezen…", QDialogButtonBox.ButtonRole.AcceptRole)
        new = buttons.addButton("Nieuw casusbestand…", QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = buttons.addButton("Afsluiten", QDialogButtonBox.ButtonRole.RejectRole)
        other.clicked.connect(lambda: self._finish(self.OTHER))
        new.clicked.connect(lambda: self._finish(self.NEW))
        quit_button.clicked.connect(lambda: self._finish(self.QUIT))
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _finish(self, choice: int) -> None:
        self.choice = choice
        self.accept()


def _new_case_base(registry: PluginRegistry) -> CaseBase | None:
    region = choose_region(registry)
    if region is None:
        return None
    own = paths.default_case_base_path()
    if not own.exists():
        return create_case_base(sqlite_url(own), region)
    path, _ = QFileDialog.getSaveFileName(None, "Nieuw casusbestand", str(own.parent), FILE_FILTER)
    return create_case_base(sqlite_url(path), region) if path else None


def _pick_file(registry: PluginRegistry) -> CaseBase | None:
    path, _ = QFileDialog.getOpenFileName(
        None, "Casusbestand openen", str(paths.user_data_dir()), FILE_FILTER
    )
    if not path:
        return None
    case_base = open_case_base(sqlite_url(path))
    case_base_opening.check_region(case_base, registry)
    return case_base


def _restore_latest(problem: CaseBaseError, registry: PluginRegistry) -> CaseBase | None:
    """Put the latest backup in place of the damaged file (kept aside) and open it."""
    from verzuimdesk.core import backup, migrate

    assert problem.case_base_path is not None and problem.latest_backup is not None
    path, latest = problem.case_base_path, problem.latest_backup
    if not _encrypted(latest):
        try:
            backup.restore(path, latest, migrate.known_revisions())
        except backup.BackupError as exc:
            raise CaseBaseError(exc.message) from exc
        case_base = open_case_base(sqlite_url(path))
    else:  # an encrypted case base's backup is checked and copied with its passphrase
        message = ""
        while True:
            key = passphrase.ask(latest, message)
            if key is None:
                return None
            try:
                backup.restore(path, latest, migrate.known_revisions(), key=key)
            except backup.BackupError as exc:
                message = exc.message
                continue
            case_base = open_case_base(encryption.encrypted_url(path, key))
            break
    case_base_opening.check_region(case_base, registry)
    return case_base


def _encrypted(path: Path) -> bool:
    """Whether ``path`` looks like a SQLCipher file (no plain SQLite header)."""
    from verzuimdesk.core.case_base_file import looks_encrypted

    try:
        with path.open("rb") as file:
            header = file.read(100)
        return looks_encrypted(header, path.stat().st_size)
    except OSError:
        return False


def obtain_case_base(
    args: argparse.Namespace, registry: PluginRegistry, *, interactive: bool
) -> CaseBase | None:
    """Open the case base the user asked for, asking again until one opens or the user quits.

    Non-interactive (``--smoke``), a problem prints its Dutch message and returns None.
    """
    splash = _DemoSplash() if interactive and args.demo else None
    try:
        case_base = case_base_opening.open_requested(
            args, registry, splash.show_line if splash else None
        )
        if case_base is not None:
            return case_base
        if not interactive:
            region = case_base_opening.choose_demo_region(registry, args.region)
            return case_base_opening.create_own_case_base(region)
        return _new_case_base(registry) or None
    except CaseBaseError as exc:
        problem = exc
    finally:
        if splash is not None:
            splash.close()
    while True:
        if not interactive:
            print(problem.message, file=sys.stderr)
            return None
        if problem.encrypted_path is not None:
            try:
                case_base = passphrase.open_encrypted(problem.encrypted_path, registry)
            except CaseBaseError as exc:
                problem = exc
                continue
            if case_base is not None:
                return case_base
            problem = CaseBaseError(
                f"Het versleutelde casusbestand ‘{problem.encrypted_path}’ is niet geopend: "
                "er is geen wachtwoord ingevoerd."
            )
        dialog = OpenProblemDialog(
            problem.message,
            can_restore=problem.latest_backup is not None and problem.case_base_path is not None,
        )
        dialog.exec()
        try:
            if dialog.choice == OpenProblemDialog.RESTORE:
                case_base = _restore_latest(problem, registry)
            elif dialog.choice == OpenProblemDialog.OTHER:
                case_base = _pick_file(registry)
            elif dialog.choice == OpenProblemDialog.NEW:
                case_base = _new_case_base(registry)
            else:
                return None
            if case_base is not None:
                return case_base
        except CaseBaseError as exc:
            problem = exc

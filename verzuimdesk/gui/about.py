"""The Plugins dialog (installed regions, versions, failures with traceback) and About."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk import __version__

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


@dataclass(frozen=True)
class _ShownFailure:
    """A plugin failure as the dialog lists it (at loading or while working)."""

    name: str
    distribution: str | None
    version: str | None
    reason: str
    traceback: str = ""


def runtime_failures(registry: Any) -> list[_ShownFailure]:
    """Plugin code that failed while the desk was working, named after its plugin."""
    from verzuimdesk.core.rules.plugin_guard import failures

    shown = []
    for failure in failures():
        name, distribution, version = failure.region_id, None, None
        plugin_for = getattr(registry, "plugin_for", None)
        if plugin_for is not None:
            try:
                plugin = plugin_for(failure.region_id)
                name, distribution, version = plugin.name, plugin.distribution, plugin.version
            except (LookupError, StopIteration):
                pass
        shown.append(
            _ShownFailure(
                name,
                distribution,
                version,
                f"fout tijdens gebruik: {failure.description}",
                failure.traceback,
            )
        )
    return shown


class PluginsDialog(QDialog):
    """Installed regional plugins and any that failed to load, with details to copy."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plug-ins")
        self.setObjectName("pluginsDialog")
        registry = desk.registry
        intro = QLabel(
            f"Dit casusbestand hoort bij regio {desk.region.name}. "
            "Hieronder de geïnstalleerde regionale plug-ins."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("pluginTable")
        self.table.setHorizontalHeaderLabels(["Regio", "Pakket", "Versie", "Status"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        rows: list[tuple[str, str, str, str]] = []
        for loaded in getattr(registry, "loaded", []):
            regions = loaded.region_id or f"{loaded.name} (aanvulling)"
            if loaded.region_id and registry.has_region(loaded.region_id):
                regions = registry.region(loaded.region_id).name
            rows.append(
                (regions, loaded.distribution or loaded.name, loaded.version or "—", "geladen")
            )
        self.failures = list(getattr(registry, "failures", [])) + runtime_failures(registry)
        for failure in self.failures:
            rows.append(
                (
                    failure.name,
                    failure.distribution or "—",
                    failure.version or "—",
                    failure.reason
                    if failure.reason.startswith("fout tijdens gebruik")
                    else f"niet geladen: {failure.reason}",
                )
            )
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c == 3 and text != "geladen":
                    item.setForeground(QColor("#b42318"))
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        for c, width in enumerate((260, 210, 70)):
            self.table.horizontalHeader().resizeSection(c, width)
        # A region named after its municipalities is longer than 260 px: wider, and a
        # second line rather than a cut when even that is not enough.
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 260), 380))
        self.table.resizeRowsToContents()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("pluginDetails")
        self.details.setPlaceholderText("Kies een plug-in die niet geladen is voor de details.")
        self.copy_button = QPushButton("Kopieer details")
        self.copy_button.clicked.connect(self.copy_details)
        self.table.currentCellChanged.connect(self._show_details)
        buttons = QDialogButtonBox()
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        button_row = QHBoxLayout()
        button_row.addWidget(self.copy_button)
        button_row.addStretch(1)
        button_row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel("Details"))
        layout.addWidget(self.details, 1)
        layout.addLayout(button_row)
        self.resize(760, 460)
        n_loaded = len(rows) - len(self.failures)
        if self.failures:
            self.table.selectRow(n_loaded)
            self._show_details(n_loaded)

    def _show_details(self, row: int, *_: Any) -> None:
        n_loaded = self.table.rowCount() - len(self.failures)
        if row >= n_loaded and row - n_loaded < len(self.failures):
            failure = self.failures[row - n_loaded]
            self.details.setPlainText(
                f"Plug-in: {failure.name}\nPakket: {failure.distribution or '—'} "
                f"{failure.version or ''}\nReden: {failure.reason}\n\n{failure.traceback or ''}"
            )
        else:
            self.details.setPlainText("")

    def copy_details(self) -> None:
        """Put every failure (or the shown details) on the clipboard."""
        text = self.details.toPlainText() or "\n\n".join(
            f"{f.name}: {f.reason}\n{f.traceback or ''}" for f in self.failures
        )
        QApplication.clipboard().setText(text or "Alle plug-ins zijn geladen.")


def backup_summary(desk: Desk) -> str:
    """Where the case base's backups are and when the last one was made (Dutch, plain)."""
    from verzuimdesk.core import backup

    path = desk.case_base.path
    if path is None:
        return (
            "Reservekopieën: dit is een gedeelde database; de beheerder maakt reservekopieën "
            "met pg_dump (of ‘verzuimdesk backup --database URL’)."
        )
    newest = backup.latest(path)
    when = f"{newest.made:%d-%m-%Y %H:%M}" if newest else "nog geen"
    return f"Reservekopieën: {backup.backup_folder(path)}\nLaatste reservekopie: {when}"


class AboutDialog(QDialog):
    """Version, region, case base, backups and the components the desk is built on.

    Names that come from outside the program (file name, user, region) are shown as
    plain text, never interpreted as HTML.
    """

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Over")  # Qt adds " — VerzuimDesk"
        title = QLabel(f"<h2>VerzuimDesk {__version__}</h2>")
        intro = QLabel(
            "Casusbeheer voor schoolverzuim en thuiszitters: signalen uit de "
            "verzuimregistratie, de escalatieroute van uw regio, termijnen en formulieren."
        )
        intro.setWordWrap(True)
        lines = [
            f"Regio: {desk.region.name}",
            f"Casusbestand: {desk.case_base.display_name}",
            f"Gebruiker: {desk.user}",
        ]
        if desk.case_base.read_only_message:
            lines.append(desk.case_base.read_only_message)
        text = QLabel("\n".join(lines))
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setObjectName("aboutFacts")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backups = QLabel(backup_summary(desk))
        self.backups.setObjectName("aboutBackups")
        self.backups.setTextFormat(Qt.TextFormat.PlainText)
        self.backups.setWordWrap(True)
        self.backups.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        components = QLabel(
            f"Python {platform.python_version()} · PySide6 {pyside_version}"
            + (
                "<br><br><b>Dit is een demo-casusbestand:</b> alle leerlingen, scholen en "
                "gegevens zijn verzonnen."
                if desk.is_demo
                else ""
            )
        )
        components.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(text)
        layout.addWidget(self.backups)
        layout.addWidget(components)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

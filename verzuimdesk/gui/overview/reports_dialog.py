"""Rapportages: choose a report and a quarter, see a preview of every table (and of the
Kwartaalrapportage's pages as they are printed), then save.

The preview shows exactly what the file will hold: the dialog writes the
:class:`~verzuimdesk.core.reports.service.BuiltReport` it previews, through the same core
function as ``verzuimdesk report``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.reports.model import Quarter, QuarterError
from verzuimdesk.core.reports.service import (
    BuiltReport,
    ReportKind,
    build_report,
    preview_pages,
    report_kinds,
    report_produced,
    write_report,
)
from verzuimdesk.core.reports.writers import ReportFormatError
from verzuimdesk.gui.overview.page_preview import PagesView
from verzuimdesk.gui.overview.tab import quarters_for
from verzuimdesk.gui.overview.table_model import RowsModel

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["ReportsDialog"]

_FILTERS = {
    ".xlsx": "Excel-werkmap (*.xlsx)",
    ".csv": "CSV, puntkomma-gescheiden (*.csv)",
    ".pdf": "PDF-document (*.pdf)",
}


class ReportsDialog(QDialog):
    """Pick a report kind and quarter; preview; save as XLSX, CSV or PDF."""

    def __init__(self, desk: Desk, kind: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.setWindowTitle("Rapportage maken")
        self.desk = desk
        self.built: BuiltReport | None = None
        #: The pages of a PDF report as images (None for a table report).
        self.pages: PagesView | None = None
        self.kinds = report_kinds(desk)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("reportKind")
        for k in self.kinds:
            self.kind_box.addItem(k.name, k.id)
        if kind:
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.quarter_box = QComboBox()
        self.quarter_box.setObjectName("reportQuarter")
        for q in quarters_for(desk):
            self.quarter_box.addItem(f"{q.label} ({q.code})", q.code)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #475569")
        form = QFormLayout()
        form.addRow("&Rapportage:", self.kind_box)
        form.addRow("&Kwartaal:", self.quarter_box)
        form.addRow("", self.description)
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold; color: #0f172a")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("reportSubtitle")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #475569")
        self.tables = QTabWidget()
        self.tables.setObjectName("reportTables")
        self.tables.setDocumentMode(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Opslaan als…")
        self.save_button.setObjectName("saveReport")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save())
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.notes)
        layout.addWidget(self.tables, 1)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(lambda *_: self.preview())
        self.quarter_box.currentIndexChanged.connect(lambda *_: self.preview())
        screen = QGuiApplication.primaryScreen()
        size = screen.availableSize() if screen else None
        self.resize(
            min(1200, size.width() - 80) if size else 1100,
            min(760, size.height() - 80) if size else 700,
        )
        self.preview()

    @property
    def kind(self) -> ReportKind:
        """The chosen kind."""
        return self.kinds[self.kind_box.currentIndex()]

    @property
    def quarter(self) -> Quarter:
        """The chosen quarter."""
        return Quarter.parse(str(self.quarter_box.currentData()))

    def preview(self) -> None:
        """Build the chosen report and show its tables."""
        self.description.setText(self.kind.description)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.built = build_report(self.desk, self.kind.id, self.quarter)
        except QuarterError as exc:
            self.built = None
            self.title.setText("Geen rapportage")
            self.subtitle.setText(str(exc))
            self.tables.clear()
            self.pages = None
            self.save_button.setEnabled(False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        report = self.built.report
        self.title.setText(report.title)
        self.subtitle.setText(report.subtitle)
        self.subtitle.setStyleSheet(
            "color: #b91c1c; font-weight: bold" if report.confidential else "color: #334155"
        )
        self.notes.setText("\n".join(report.notes))
        self.tables.clear()
        for table in report.tables:
            view = QTableView()
            view.setModel(RowsModel(table.headers, table.rows))
            view.verticalHeader().setVisible(False)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            heading = QFont(header.font())
            heading.setWeight(QFont.Weight.DemiBold)  # resources/style.qss: header weight 600
            metrics = QFontMetrics(heading)
            for i, column in enumerate(table.columns):
                # Never narrower than the column's heading (with the header's padding).
                title = metrics.horizontalAdvance(table.headers[i]) + 24
                view.setColumnWidth(i, max(60, title, min(360, column.width * 8)))
            header.setStretchLastSection(True)
            self.tables.addTab(view, f"{table.name} ({len(table.rows)})")
        self._show_pages()
        self.save_button.setEnabled(True)

    def _show_pages(self) -> None:
        """For a PDF report (the Kwartaalrapportage): its pages first, as printed."""
        assert self.built is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            images = preview_pages(self.built)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not images:
            self.pages = None
            return
        self.pages = PagesView()
        self.pages.set_pages(images)
        self.tables.insertTab(0, self.pages, f"Pagina's ({len(images)})")
        self.tables.setCurrentIndex(0)

    def suggested_name(self) -> str:
        """``inspectie-2026Q4.xlsx``."""
        return f"{self.kind.id}-{self.quarter.code}{self.kind.extensions[0]}"

    def save(self, path: Path | None = None) -> Path | None:
        """Write the previewed report (asks where unless *path* is given)."""
        if self.built is None:
            return None
        if path is None:
            from verzuimdesk.gui.save_dialog import ask_save_path

            file_filter = ";;".join(_FILTERS[e] for e in self.kind.extensions)
            path = ask_save_path(
                self,
                "Rapportage opslaan",
                self.suggested_name(),
                file_filter,
                suffix=self.kind.extensions[0],
            )
            if path is None:
                return None
        try:
            write_report(self.built, path)
        except (ReportFormatError, OSError) as exc:
            from verzuimdesk.gui import errors

            errors.show_error(self, f"De rapportage is niet opgeslagen: {exc}")
            return None
        report_produced(self.desk, self.kind.id, self.quarter)
        parent = self.parent()
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(f"Rapportage opgeslagen: {path}", 6000)
        return path

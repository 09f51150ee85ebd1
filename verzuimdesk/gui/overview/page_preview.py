"""The pages of a PDF report as images, one under the other (the Rapportages preview).

PySide6 here has no QtPdf, so the pages are not read back from the PDF: the core draws the
same matplotlib figures it writes into the PDF as PNG images
(:func:`~verzuimdesk.core.reports.service.preview_pages`), and this view shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

__all__ = ["PagesView"]


class PagesView(QScrollArea):
    """Page images on a grey background, each as a white sheet with its page number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPages")
        self.setWidgetResizable(True)
        self.sheets: list[QLabel] = []
        self._inner = QWidget()
        self._inner.setObjectName("reportPagesInner")
        self._inner.setStyleSheet("#reportPagesInner { background: #cbd5e1; }")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setSpacing(16)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)

    def set_pages(self, images: list[bytes]) -> None:
        """Show these PNG images as the pages, in order."""
        for sheet in self.sheets:
            self._layout.removeWidget(sheet)
            sheet.deleteLater()
        self.sheets = []
        for number, data in enumerate(images, start=1):
            pixmap = QPixmap()
            pixmap.loadFromData(data, "PNG")
            sheet = QLabel()
            sheet.setObjectName(f"reportPage{number}")
            sheet.setPixmap(pixmap)
            sheet.setStyleSheet("background: white; border: 1px solid #94a3b8;")
            sheet.setAccessibleName(f"Pagina {number} van {len(images)}")
            sheet.setToolTip(f"Pagina {number} van {len(images)}")
            self._layout.addWidget(sheet, 0, Qt.AlignmentFlag.AlignHCenter)
            self.sheets.append(sheet)

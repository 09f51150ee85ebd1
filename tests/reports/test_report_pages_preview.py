"""Issue 10: the Rapportages preview of the Kwartaalrapportage shows the PDF's pages as
images (what is printed), not only its tables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.support.report_cases import ReportCases
from verzuimdesk.core.reports.service import write_report


def _dialog(qtbot: Any, report_window: tuple[Any, ReportCases], kind: str) -> Any:
    from verzuimdesk.gui.overview.reports_dialog import ReportsDialog

    win, built = report_window
    dialog = ReportsDialog(built.desk, kind, parent=win)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_quarter_report_previews_its_pages(
    qtbot: Any, report_window: tuple[Any, ReportCases], tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, report_window, "kwartaalrapportage")
    assert dialog.pages is not None
    assert dialog.tables.currentWidget() is dialog.pages
    assert dialog.built is not None
    pdf = write_report(dialog.built, tmp_path / "kwartaal.pdf").read_bytes()
    page_count = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert page_count >= 2
    assert len(dialog.pages.sheets) == page_count
    assert dialog.tables.tabText(0) == f"Pagina's ({page_count})"
    for sheet in dialog.pages.sheets:
        pixmap = sheet.pixmap()
        assert not pixmap.isNull()
        assert abs(pixmap.height() / pixmap.width() - 11.69 / 8.27) < 0.02  # A4 portrait
    # The first page is drawn: dark text on white, not a blank sheet.
    image = dialog.pages.sheets[0].pixmap().toImage()
    dark = sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 50
    dialog.grab().save(str(tmp_path / "preview.png"))


def test_a_table_report_has_no_pages_tab(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    dialog = _dialog(qtbot, report_window, "inspectie")
    assert dialog.pages is None
    assert not dialog.tables.tabText(0).startswith("Pagina")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("kwartaalrapportage"))
    assert dialog.pages is not None
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("groslijst"))
    assert dialog.pages is None

"""Issue 10: the Rapportages menu previews a report and saves what the command line writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.support.report_cases import ReportCases, build
from verzuimdesk.cli import main
from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.reports.service import build_report


@pytest.fixture
def report_window(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Any, ReportCases]]:
    """The main window on the hand-built report case base."""
    from tests.support.gui import shown_window

    built = build(tmp_path / "cases")
    for win in shown_window(qtbot, built.desk):
        yield win, built


@pytest.fixture
def test_region_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """``verzuimdesk report`` loads the test region instead of the installed plugins."""
    from tests.support.desk import make_registry
    from verzuimdesk.plugins import manager

    monkeypatch.setattr(manager, "create_plugin_manager", lambda *a, **k: make_registry())


def _cells(path: Path) -> list[list[list[Any]]]:
    book = load_workbook(path)
    return [[[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets]


@pytest.mark.usefixtures("test_region_cli")
@pytest.mark.parametrize("kind", ["inspectie", "groslijst"])
def test_the_dialog_previews_and_saves_what_the_cli_writes(
    qtbot: Any, report_window: tuple[Any, ReportCases], tmp_path: Path, kind: str
) -> None:
    from verzuimdesk.gui.overview.reports_dialog import ReportsDialog

    win, built = report_window
    dialog = ReportsDialog(built.desk, kind, parent=win)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.quarter == Quarter.parse("2024Q4")  # the current quarter comes first
    report = build_report(built.desk, kind, Quarter.parse("2024Q4")).report
    assert dialog.tables.count() == len(report.tables)
    first = dialog.tables.widget(0).model()
    assert first.rowCount() == len(report.tables[0].rows) == 6
    assert dialog.tables.tabText(0) == f"{report.tables[0].name} (6)"
    assert first.index(2, 1).data() == report.tables[0].rows[2][1]
    if kind == "groslijst":
        assert dialog.subtitle.text().startswith("VERTROUWELIJK")
    dialog.grab().save(str(tmp_path / f"dialoog-{kind}.png"))
    for suffix in (".xlsx", ".csv"):
        gui_file = dialog.save(tmp_path / f"gui{suffix}")
        assert gui_file is not None
        cli_file = tmp_path / f"cli{suffix}"
        args = ["report", "--database", built.desk.case_base.url, "--today", "2024-12-20"]
        assert main([*args, "--quarter", "2024Q4", "--kind", kind, "--out", str(cli_file)]) == 0
        if suffix == ".csv":
            assert gui_file.read_bytes() == cli_file.read_bytes()
        else:
            assert _cells(gui_file) == _cells(cli_file)


def test_the_menu_lists_every_report_and_opens_the_dialog(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    from tests.support.gui import modal

    win, _built = report_window
    menu = win.reports_menu
    assert menu.title() == "&Rapportages"
    titles = [a.text().replace("&", "") for a in win.menuBar().actions()]
    assert titles.index("Rapportages") == titles.index("Help") - 1
    win.add_report_kinds()
    names = [a.text() for a in menu.actions() if a.text()]
    assert "Thuiszitterslijst inspectie…" in names
    assert "Groslijst thuiszitters (vertrouwelijk)…" in names
    assert "Kwartaalrapportage (pdf)…" in names
    seen: list[str] = []
    action = next(a for a in menu.actions() if a.text() == "Kwartaalrapportage (pdf)…")
    modal(qtbot, action.trigger, lambda d: seen.append(d.kind_box.currentData()))
    assert seen == ["kwartaalrapportage"]


def test_a_quarter_that_has_not_begun_cannot_be_saved(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    from verzuimdesk.gui.overview.reports_dialog import ReportsDialog

    win, built = report_window
    dialog = ReportsDialog(built.desk, "inspectie", parent=win)
    qtbot.addWidget(dialog)
    dialog.quarter_box.addItem("1e kwartaal 2025 (2025Q1)", "2025Q1")
    dialog.quarter_box.setCurrentIndex(dialog.quarter_box.count() - 1)
    assert "nog niet begonnen" in dialog.subtitle.text()
    assert not dialog.save_button.isEnabled()

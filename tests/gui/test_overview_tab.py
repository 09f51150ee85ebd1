"""Issue 10: the Overzicht tab draws every chart with the numbers behind it, exports it and
refreshes when the data change; matplotlib is only imported when the tab is shown."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.support.report_cases import ReportCases, build
from verzuimdesk.core.services import cases

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def report_window(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Any, ReportCases]]:
    """The main window on the hand-built report case base."""
    from tests.support.gui import shown_window

    built = build(tmp_path / "cases")
    for win in shown_window(qtbot, built.desk):
        yield win, built


def _coloured_pixels(image: QImage) -> int:
    """How many sampled pixels are neither white nor grey (bars drawn in colour)."""
    count = 0
    for x in range(0, image.width(), 6):
        for y in range(0, image.height(), 6):
            c = image.pixelColor(x, y)
            if max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 40:
                count += 1
    return count


def test_every_chart_renders_with_its_numbers(
    qtbot: Any, report_window: tuple[Any, ReportCases], tmp_path: Path
) -> None:
    win, _built = report_window
    tab = win.overview
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        for action in win.actions():
            if action.text() == "Overzicht (grafieken)":
                action.trigger()
    assert win.tabs.currentWidget() is tab
    assert tab.chart_list.count() == 6
    assert "4e kwartaal 2024" in tab.status.text()
    for row in range(tab.chart_list.count()):
        tab.chart_list.setCurrentRow(row)
        chart = tab.current_chart()
        assert chart is not None
        tab.canvas.draw()
        headers, rows = chart.table()
        model = tab.numbers.model()
        assert model.rowCount() == len(rows)
        assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(headers))] == (
            headers
        )
        assert model.index(0, 0).data() == str(rows[0][0])
        image = tab.canvas.grab().toImage()
        assert _coloured_pixels(image) > 20, f"{chart.id} draws coloured bars"
        win.grab().save(str(tmp_path / f"overzicht-{chart.id}.png"))
    tab.chart_list.setCurrentRow(0)
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        path = tab.export_current(suffix, tmp_path / f"grafiek{suffix}")
        assert path is not None and path.read_bytes().startswith(magic)


def test_the_tab_refreshes_when_a_case_is_closed(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    win, built = report_window
    tab = win.overview
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    assert tab.overview.chart("per-school").total == 3
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        cases.close_case(built.desk, built.case_ids["b3"], "overig")
    assert tab.overview.chart("per-school").total == 2


def test_another_quarter_is_chosen_from_the_box(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    win, _built = report_window
    tab = win.overview
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        tab.quarter_box.setCurrentIndex(1)
    assert tab.overview.quarter.code == "2024Q3"
    assert tab.overview.chart("per-kwartaal").labels[-1] == "3e kw. 2024"


def test_matplotlib_is_not_imported_at_start_up(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tests.support.desk import make_desk\n"
        "from pathlib import Path\n"
        "from verzuimdesk.gui.main_window import MainWindow\n"
        f"win = MainWindow(make_desk(Path({str(tmp_path)!r})))\n"
        "win.show(); app.processEvents()\n"
        "print('matplotlib' in sys.modules, 'openpyxl' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["False", "False"]


def test_ctrl_w_does_not_close_the_overview(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    win, _built = report_window
    tab = win.overview
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    win.close_current_tab()
    assert win.tabs.indexOf(tab) >= 0
    assert win.tabs.tabText(win.tabs.indexOf(tab)) == "Overzicht"


def _warmed_up(qtbot: Any, win: Any) -> Any:
    """The Overzicht tab after its background warm-up finished (not shown yet)."""
    tab = win.overview
    tab.warm_up()
    qtbot.waitUntil(lambda: tab._warmed is not None, timeout=120_000)
    return tab


@pytest.fixture
def test_region_in_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up's child process makes the test region's registry, not the plugins'."""
    from verzuimdesk.gui.overview import warm_process

    monkeypatch.setattr(warm_process, "REGISTRY_FACTORY", "tests.support.desk:make_registry")


@pytest.mark.usefixtures("test_region_in_child")
def test_charts_warmed_up_in_the_background_are_shown_at_once(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    """On a large case base the desk computes the charts in a process of its own a little
    after start; the first showing then draws those (no second computation)."""
    win, _built = report_window
    tab = _warmed_up(qtbot, win)
    warmed = tab._warmed
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    assert tab.overview is warmed
    assert tab.overview.chart("per-school").total == 3


@pytest.mark.usefixtures("test_region_in_child")
def test_a_change_after_the_warm_up_is_not_lost(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    win, built = report_window
    tab = _warmed_up(qtbot, win)
    cases.close_case(built.desk, built.case_ids["b3"], "overig")
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    assert tab.overview.chart("per-school").total == 2


@pytest.mark.usefixtures("test_region_in_child")
def test_showing_the_tab_during_the_warm_up_waits_for_it(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    win, _built = report_window
    tab = win.overview
    tab.warm_up()
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    assert tab.overview is not None and tab.overview.chart("per-school").total == 3
    assert not tab._warming and tab._warmed is None

"""The case list's rows stay one line tall (issue 14).

Before, one cell too long for its column turned on word wrap for the whole table and every
row became two lines tall. Now the column where the fewest texts get cut gives way, and a
text that still does not fit is elided at the right.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics

from tests.support.gui import TODAY, shown_window
from verzuimdesk.core.db import open_case_base, sqlite_url
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.desk import Desk
from verzuimdesk.plugins.manager import create_plugin_manager


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: Any) -> str:
    """A small Den Haag demo (the stress rates: many open cases with long texts)."""
    path: Path = tmp_path_factory.mktemp("rows") / "demo.sqlite"
    url = sqlite_url(path)
    generate_demo(url, "den_haag", pupils=400, registry=create_plugin_manager(), stress=True)
    return url


@pytest.fixture
def demo_window(qtbot: Any, demo_url: str) -> Iterator[Any]:
    case_base = open_case_base(demo_url)
    desk = Desk(case_base, create_plugin_manager(), user="tester", today=TODAY)
    yield from shown_window(qtbot, desk)
    case_base.close()


def _settled(qtbot: Any, window: Any) -> Any:
    table = window.case_list.table
    qtbot.waitUntil(lambda: len(window.case_list.model.rows) > 0 and table.isVisible())
    qtbot.waitUntil(lambda: not table.fitter._timer.isActive())
    return table


def test_every_row_is_one_line_tall_at_1280x800(qtbot: Any, demo_window: Any) -> None:
    assert demo_window.size().width() == 1280 and demo_window.size().height() == 800
    table = _settled(qtbot, demo_window)
    line = table.fontMetrics().lineSpacing()
    assert not table.wordWrap()
    heights = {table.rowHeight(r) for r in range(table.model().rowCount())}
    assert heights == {table.verticalHeader().defaultSectionSize()}
    assert max(heights) < 2 * line  # one line of text (and its padding), never two
    widths = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert widths <= table.viewport().width() + 1  # no sideways scrolling either


def test_a_narrow_window_elides_at_the_right_and_rows_stay_one_line(
    qtbot: Any, demo_window: Any
) -> None:
    # The desk's window is never narrower than its filter row; the case list's table on
    # its own in 700 px has the same columns and rows with far less room.
    from verzuimdesk.gui.case_list import CaseListModel
    from verzuimdesk.gui.table_model import make_row_table

    rows = _settled(qtbot, demo_window).model().rows
    model = CaseListModel(lambda: TODAY)
    table = make_row_table(model, "narrow", row_height=28, sortable=True, one_line=True)
    qtbot.addWidget(table)
    table.resize(700, 500)
    table.show()
    qtbot.waitExposed(table)
    model.set_rows(rows)
    qtbot.waitUntil(lambda: not table.fitter._timer.isActive())
    assert table.fitter._covered  # fitted
    line = table.fontMetrics().lineSpacing()
    assert not table.wordWrap()
    assert all(table.rowHeight(r) < 2 * line for r in range(model.rowCount()))
    from PySide6.QtCore import Qt

    assert table.textElideMode() == Qt.TextElideMode.ElideRight
    cells = QFontMetrics(table.font())
    cut = [
        (c, r)
        for r in range(min(model.rowCount(), 50))
        for c in range(model.columnCount())
        if cells.horizontalAdvance(model.index(r, c).data() or "") > table.columnWidth(c)
    ]
    assert cut  # some text is elided (there is no room for all) ...
    assert sum(table.columnWidth(c) for c in range(model.columnCount())) <= 700
    # ... and every header still readable: the columns gave way down to their titles, not below
    header = table.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for c in range(model.columnCount()):
        title = model.headerData(c, Qt.Orientation.Horizontal)
        assert metrics.horizontalAdvance(title) < header.sectionSize(c), title


def test_the_column_that_gives_way_is_the_one_where_fewest_texts_get_cut() -> None:
    """60 px short: the names (one long name among short ones) give way, not the dates,
    where every row would be cut; a column never goes below its header."""
    from verzuimdesk.gui.table_model import _give_way_one_line

    names = (80, 260, (100, 110, 115, 118, 260))
    dates = (90, 230, (228, 229, 230, 230, 230))
    assert _give_way_one_line([dates, names], room=230 + 260 - 60) == [230, 200]
    # far short: the names keep room for all but the long one, the dates give the rest
    assert _give_way_one_line([dates, names], room=230 + 80 - 20) == [172, 118]
    # never below a floor (the header), even when nothing fits
    assert _give_way_one_line([dates, names], room=100) == [90, 80]


def test_the_sorted_column_gets_room_for_its_arrow(qtbot: Any, demo_window: Any) -> None:
    """Only the sorted column's header draws an arrow; only that column keeps room for it
    (every header reserved it before, 24 px each, which made the rows wrap)."""
    from PySide6.QtCore import Qt

    from verzuimdesk.gui.table_model import SORT_ARROW

    table = _settled(qtbot, demo_window)
    header = table.horizontalHeader()
    pupil = [c.title for c in demo_window.case_list.model.columns].index("Leerling")
    demo_window.case_list._header_clicked(pupil)
    qtbot.waitUntil(lambda: not table.fitter._timer.isActive())
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == pupil
    title = table.model().headerData(pupil, Qt.Orientation.Horizontal)
    bare = header.fontMetrics().horizontalAdvance(title)
    assert header.sectionSize(pupil) >= bare + SORT_ARROW
    assert not table.wordWrap()


def test_amstelland_phase_names_give_way_before_the_deadline_dates(
    qtbot: Any, tmp_path: Path
) -> None:
    """Amstelland's phase "Langdurig verzuim (een maand of langer)" in every row made the
    deadline column give way in a 1280 px window ("20-11-2026 …"): the phase drops its explanation
    in brackets first, and every deadline shows in full."""
    from PySide6.QtCore import Qt

    url = sqlite_url(tmp_path / "amstelland.sqlite")
    generate_demo(url, "amstelland", pupils=3000, registry=create_plugin_manager())
    case_base = open_case_base(url)
    desk = Desk(case_base, create_plugin_manager(), user="tester")
    for window in shown_window(qtbot, desk):
        window.resize(1280, 800)
        table = _settled(qtbot, window)
        table.fitter.fit()
        model = table.model()
        deadline = model.columnCount() - 1
        assert model.headerData(deadline, Qt.Orientation.Horizontal) in (
            "Termijn",
            "Volgende termijn",
        )
        metrics = QFontMetrics(table.font())
        margin = 12
        texts = [model.index(r, deadline).data() or "" for r in range(model.rowCount())]
        assert any(texts)
        room = table.columnWidth(deadline) - margin
        assert all(metrics.horizontalAdvance(t) <= room for t in texts), (texts, room)
        phases = {model.index(r, 4).data() for r in range(model.rowCount())}
        assert "Langdurig verzuim" in phases
    case_base.close()

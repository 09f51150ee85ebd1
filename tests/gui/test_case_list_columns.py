"""The case list's columns: fitted to their content, the user's widths and order kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics

from verzuimdesk.gui.case_list import CaseListView, band_short


def test_columns_fit_their_content_and_the_fase_can_drop_its_weeks(window: Any) -> None:
    table = window.case_list.table
    model = window.case_list.model
    assert band_short("Thuiszittersproces (week 5–12)") == "Thuiszittersproces"
    assert band_short("Doorbraakproces (vanaf week 13)") == "Doorbraakproces"
    metrics = QFontMetrics(table.font())
    for c, column in enumerate(model.columns):
        for row in model.rows[:20]:
            text = model.shown_text(column, row)
            assert metrics.horizontalAdvance(text) <= table.columnWidth(c), (column.title, text)
    widths = sum(table.columnWidth(c) for c in range(len(model.columns)))
    assert widths <= table.viewport().width() + 1


def test_user_widths_and_order_are_kept_per_case_base(qtbot: Any, window: Any) -> None:
    view = window.case_list
    header = view.table.horizontalHeader()
    school = [c.title for c in view.model.columns].index("School")
    header.resizeSection(school, 333)  # as a drag on the divider does
    header.moveSection(header.visualIndex(school), 0)
    qtbot.waitUntil(lambda: not view.table.fitter._timer.isActive())
    assert header.sectionSize(school) == 333
    view.save_settings()
    again = CaseListView(window.desk)
    qtbot.addWidget(again)
    again.resize(view.size())
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: not again.table.fitter._timer.isActive())
    restored = again.table.horizontalHeader()
    assert restored.sectionSize(school) == 333
    assert restored.visualIndex(school) == 0
    assert again.table.fitter.user_sized == {"School"}

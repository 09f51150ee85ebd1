"""The date field's calendar pop-up shows its weekday row and every week of the month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QCalendarWidget, QTableView, QWidget

from verzuimdesk.gui.date_field import DateField


@pytest.mark.parametrize(
    "day",
    [dt.date(2025, 3, 12), dt.date(2025, 3, 31), dt.date(2026, 8, 31), dt.date(2025, 2, 1)],
)
def test_the_calendar_popup_shows_the_weekday_row_and_all_weeks(qtbot: Any, day: dt.date) -> None:
    from verzuimdesk.gui.main_window import apply_style

    apply_style(QApplication.instance())  # type: ignore[arg-type]
    host = QWidget()
    qtbot.addWidget(host)
    field = DateField(day, parent=host)
    host.resize(320, 80)
    host.show()
    qtbot.waitExposed(host)
    field.show_calendar()
    qtbot.waitUntil(lambda: field.calendar.isVisible())
    calendar = field.calendar
    assert calendar.horizontalHeaderFormat() == QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
    table = calendar.findChild(QTableView)
    assert table is not None
    viewport = table.viewport().height()
    # Row 0 is the weekday row ("ma di wo …"): at the top, not scrolled away, whole.
    assert table.verticalScrollBar().value() == 0
    assert table.rowViewportPosition(0) == 0
    model = table.model()
    weekdays = [model.index(0, c).data() for c in range(1, 8)]
    assert weekdays == ["ma", "di", "wo", "do", "vr", "za", "zo"]
    # ... and the six week rows below it whole as well, each tall enough for its text.
    line = table.fontMetrics().height()
    for row in range(7):
        assert table.rowHeight(row) >= line + 2, (row, table.rowHeight(row), line)
    last = table.rowViewportPosition(6) + table.rowHeight(6)
    assert last <= viewport, f"the last week is cut: {last} > {viewport}"
    field._menu.hide()

"""The case list's columns: fitted to their content, the user's widths and order kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QFontMetrics

from verzuimdesk.core.services import cases, pupils
from verzuimdesk.gui.case_list import CaseListView, band_short
from verzuimdesk.gui.table_model import two_line_width


def _cases(desk: Any) -> None:
    school = pupils.create_school(
        desk, pupils.SchoolData("Christelijk Lyceum Scheveningen-Duindorp", "VO", "zuid")
    )
    for first, last in (("Evy Gepa", "van Bourgondië-Vermeulen"), ("Noor", "Bakker")):
        pupil = pupils.create_pupil(
            desk, pupils.PupilData(first, last, dt.date(2010, 5, 1), school_id=school)
        )
        cases.open_case(desk, pupil, opened_on=dt.date(2024, 10, 1))


def test_columns_fit_their_content_and_the_fase_can_drop_its_weeks(qtbot: Any, window: Any) -> None:
    _cases(window.desk)
    table = window.case_list.table
    model = window.case_list.model
    qtbot.waitUntil(lambda: len(model.rows) == 2 and table.isVisible())
    qtbot.waitUntil(lambda: not table.fitter._timer.isActive())
    assert band_short("Thuiszittersproces (week 5–12)") == "Thuiszittersproces"
    assert band_short("Doorbraakproces (vanaf week 13)") == "Doorbraakproces"
    metrics = QFontMetrics(table.font())
    for c, column in enumerate(model.columns):
        for row in model.rows[:20]:
            text = model.shown_text(column, row)
            # one line, or (rows of two lines, as a last resort) two lines broken at a space
            need = (
                two_line_width(text, metrics.horizontalAdvance)
                if table.wordWrap()
                else metrics.horizontalAdvance(text)
            )
            assert need <= table.columnWidth(c), (column.title, text)
    widths = sum(table.columnWidth(c) for c in range(len(model.columns)))
    assert widths <= table.viewport().width() + 1


def test_user_widths_and_order_are_kept_per_case_base(qtbot: Any, window: Any) -> None:
    _cases(window.desk)
    view = window.case_list
    qtbot.waitUntil(lambda: len(view.model.rows) == 2)
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

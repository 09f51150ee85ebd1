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


def test_the_column_where_fewest_texts_wrap_gives_way_first() -> None:
    """Short of 60 px: the name column, where one long name wraps, gives way — not the
    deadline column, where every row's text would wrap (the old order took the widest)."""
    from verzuimdesk.gui.table_model import _give_way

    names = (low_names, high_names, name_texts) = (120, 260, (100, 110, 115, 118, 260))
    dates = (low_dates, high_dates, date_texts) = (170, 230, (228, 229, 230, 230, 230))
    widths = _give_way([dates, names], room=high_names + high_dates - 60)
    assert widths == [high_dates, high_names - 60]
    assert low_names < widths[1] and low_dates < widths[0]
    assert sum(t > widths[1] for t in name_texts) == 1
    assert all(t <= widths[0] for t in date_texts)


def test_narrow_columns_show_the_person_in_regie_and_short_deadlines(
    qtbot: Any, window: Any
) -> None:
    """Compact: "Sanne de Vries" for "Sanne de Vries (Leerplichtambtenaar)", and "d." for
    "dagen" — the tooltip keeps everything."""
    from verzuimdesk.gui.formatting import relative_due

    today = dt.date(2026, 11, 30)
    assert relative_due(dt.date(2026, 11, 20), today, short=True) == "10 d. te laat"
    assert relative_due(dt.date(2026, 12, 3), today, short=True) == "over 3 d."
    assert relative_due(dt.date(2026, 11, 29), today) == "1 dag te laat"
    _cases(window.desk)
    model = window.case_list.model
    qtbot.waitUntil(lambda: len(model.rows) == 2)
    regie = next(c for c in model.columns if c.title == "Regie")
    assert regie.short is not None
    for row in model.rows:
        assert regie.short(row) == (row.regie_person or row.regie)
        assert regie.tooltip is not None and regie.tooltip(row) == row.regie

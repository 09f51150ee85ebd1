"""Every date field of the desk: typing a date gives exactly that date; clearing gives empty.

Issue 9, item 1: typing 26-11-2026 into an empty form date field showed ``30-11--`` and saved
today's date; the dialogs' optional fields did not take typed dates at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from verzuimdesk.gui import dialogs
from verzuimdesk.gui.form_editors import _DateEditor
from verzuimdesk.plugins.api import Field, FieldType

TYPED = {
    "26-11-2026": dt.date(2026, 11, 26),
    "26112026": dt.date(2026, 11, 26),
    "1-2-2026": dt.date(2026, 2, 1),
    "31/12/2026": dt.date(2026, 12, 31),
    "03.01.27": dt.date(2027, 1, 3),
}


def _typing_target(widget: QWidget) -> QWidget:
    return widget.focusProxy() or widget


def _form_date(qtbot: Any) -> tuple[QWidget, Any]:
    editor = _DateEditor(Field("einddatum", "Einddatum", FieldType.DATE))
    qtbot.addWidget(editor.widget)
    return editor.focus_widget, editor.value


def _dialog_date(qtbot: Any) -> tuple[QWidget, Any]:
    edit = dialogs.date_edit(None, optional=True)
    qtbot.addWidget(edit)
    return edit, lambda: dialogs.optional_date(edit)


@pytest.mark.parametrize("make", [_form_date, _dialog_date], ids=["form", "dialog"])
@pytest.mark.parametrize("typed", list(TYPED))
def test_typing_into_an_empty_date_field_gives_that_date(qtbot, make, typed) -> None:
    widget, value = make(qtbot)
    widget.show()
    qtbot.waitExposed(widget)
    assert value() is None
    target = _typing_target(widget)
    target.setFocus()
    qtbot.keyClicks(target, typed)
    assert value() == TYPED[typed]


@pytest.mark.parametrize("make", [_form_date, _dialog_date], ids=["form", "dialog"])
def test_clearing_a_date_field_gives_empty(qtbot, make) -> None:
    widget, value = make(qtbot)
    widget.show()
    target = _typing_target(widget)
    target.setFocus()
    qtbot.keyClicks(target, "26-11-2026")
    assert value() == dt.date(2026, 11, 26)
    for _ in range(12):
        qtbot.keyClick(target, Qt.Key.Key_Backspace)
    assert value() is None


def test_typing_over_a_filled_required_date(qtbot) -> None:
    edit = dialogs.date_edit(dt.date(2025, 3, 30))
    qtbot.addWidget(edit)
    edit.show()
    target = _typing_target(edit)
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(target, "26-11-2026")
    assert edit.date().toPython() == dt.date(2026, 11, 26)

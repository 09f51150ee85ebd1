"""Conditional sub-fields of a repeated group: shown per row, by that row's own values.

Before, a ``shown_when`` sub-field (validated per row by the core) was shown in every row
of the form window, whatever the row held.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from verzuimdesk.gui.form_renderer import FormWidget
from verzuimdesk.plugins.api import Field, FieldType, FormDef

FORM = FormDef(
    id="ll-melding-test",
    region_id="test",
    name="Meldingsformulier thuiszitter",
    version="1",
    fields=(
        Field("leerling", "Naam leerling", required=True),
        Field(
            "partijen",
            "Betrokken partijen",
            FieldType.REPEAT,
            fields=(
                Field(
                    "organisatie",
                    "Organisatie",
                    FieldType.CHOICE,
                    required=True,
                    choices=(("school", "School"), ("anders", "Andere organisatie")),
                ),
                Field(
                    "welke",
                    "Welke organisatie",
                    required=True,
                    shown_when="organisatie",
                    shown_values=("anders",),
                ),
                Field("akkoord", "Akkoord", FieldType.BOOLEAN),
                Field(
                    "akkoord_op", "Akkoord op", FieldType.DATE, required=True, shown_when="akkoord"
                ),
            ),
        ),
    ),
)


@pytest.fixture
def form(qtbot) -> FormWidget:
    widget = FormWidget(FORM)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cell(form: FormWidget, row: int, label: str) -> QWidget:
    """The editor of a repeat row's sub-field, found by the name a screen reader reads."""
    name = f"Betrokken partijen rij {row}: {label}"
    rows = form._rows["partijen"].editor.rows  # the rows now (removed ones wait for deletion)
    editors = [editor.focus_widget for _n, row_editors, _r in rows for editor in row_editors]
    found = [w for w in editors if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def _choose(qtbot, combo: QComboBox, label: str) -> None:
    """Pick ``label`` with the keyboard, as a user does (emits ``activated``)."""
    combo.setFocus()
    while combo.currentText() != label:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_a_rows_conditional_field_follows_that_rows_own_choice(qtbot, form: FormWidget) -> None:
    add = form._rows["partijen"].editor.add_button
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    # Nothing chosen yet: no row asks which other organisation.
    assert not form.is_shown("partijen", 0, "welke")
    assert not form.is_shown("partijen", 1, "welke")
    assert not _cell(form, 1, "Welke organisatie").isVisibleTo(form)

    first = _cell(form, 1, "Organisatie")
    assert isinstance(first, QComboBox)
    _choose(qtbot, first, "Andere organisatie")
    qtbot.waitUntil(lambda: _cell(form, 1, "Welke organisatie").isVisibleTo(form))
    second = _cell(form, 2, "Organisatie")
    assert isinstance(second, QComboBox)
    _choose(qtbot, second, "School")
    assert form.is_shown("partijen", 0, "welke")
    assert not form.is_shown("partijen", 1, "welke")
    assert not _cell(form, 2, "Welke organisatie").isVisibleTo(form)

    # The other way round: the first row back to School hides its field again.
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Up)
    assert first.currentText() == "School"
    assert not _cell(form, 1, "Welke organisatie").isVisibleTo(form)


def test_a_ticked_box_shows_the_date_in_its_row_only(qtbot, form: FormWidget) -> None:
    form.set_values(
        {
            "leerling": "Sem",
            "partijen": [
                {"organisatie": "school", "akkoord": True},
                {"organisatie": "school", "akkoord": False},
            ],
        }
    )
    assert _cell(form, 1, "Akkoord op").isVisibleTo(form)
    assert not _cell(form, 2, "Akkoord op").isVisibleTo(form)
    box = _cell(form, 2, "Akkoord")
    assert isinstance(box, QCheckBox)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.waitUntil(lambda: _cell(form, 2, "Akkoord op").isVisibleTo(form))
    # The rows' messages name only the shown, empty dates; hidden fields are not asked.
    assert not form.validate()
    message = form.error_text("partijen")
    assert "Rij 1, Akkoord op" in message and "Rij 2, Akkoord op" in message
    assert "Welke organisatie" not in message


def test_removing_a_row_keeps_each_rows_own_conditions(qtbot, form: FormWidget) -> None:
    form.set_values(
        {
            "partijen": [
                {"organisatie": "school"},
                {"organisatie": "anders", "welke": "Jeugdhulp"},
            ]
        }
    )
    assert [form.is_shown("partijen", i, "welke") for i in range(2)] == [False, True]
    remove_first = form._rows["partijen"].editor.rows[0][2]
    qtbot.mouseClick(remove_first, Qt.MouseButton.LeftButton)
    assert form.is_shown("partijen", 0, "welke")
    assert _cell(form, 1, "Welke organisatie").isVisibleTo(form)


def test_the_print_leaves_a_hidden_sub_field_out(form: FormWidget) -> None:
    form.set_values({"partijen": [{"organisatie": "school", "welke": "oud antwoord"}]}, clear=True)
    assert "oud antwoord" not in form.to_html()

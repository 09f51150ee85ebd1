"""One editor per field type of a form (line, BSN, date, choice, repeat group, ...), as the
form widget lays them out.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QDate, QSignalBlocker, Qt, SignalInstance
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core import forms as core_forms
from verzuimdesk.gui.date_field import DateField
from verzuimdesk.plugins.api import Field, FieldType

_PLACEHOLDERS = {
    FieldType.EMAIL: "naam@voorbeeld.nl",
    FieldType.PHONE: "bijv. 070 123 4567",
    FieldType.POSTCODE: "1234 AB",
    FieldType.BSN: "9 cijfers",
    FieldType.NUMBER: "bijv. 12",
}


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


# ---------------------------------------------------------------------------- editors


class _Editor:
    """Adapter between a field and its Qt editor widget."""

    def __init__(
        self,
        field: Field,
        widget: QWidget,
        focus: QWidget | None = None,
        *,
        changed: SignalInstance | None = None,
    ) -> None:
        """*changed*: the widget's signal of a user's edit, when it has exactly one."""
        self.field = field
        self.widget = widget
        self.focus_widget = focus or widget
        self._listeners: list[Callable[[], None]] = []
        if changed is not None:
            changed.connect(self._changed)

    def on_change(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def _changed(self, *_args: object) -> None:
        for callback in self._listeners:
            callback()

    def value(self) -> object:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_value(self, value: object) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_invalid(self, invalid: bool) -> None:
        _set_invalid(self.focus_widget, invalid)

    def set_sub_errors(self, errors: Mapping[str, str]) -> None:
        """Repeat editors only: row errors keyed ``[row].sub``."""


class _LineEditor(_Editor):
    def __init__(self, field: Field) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(_PLACEHOLDERS.get(FieldType(field.type), ""))
        if FieldType(field.type) is FieldType.POSTCODE:
            edit.setMaxLength(7)
            edit.setMaximumWidth(110)
            edit.editingFinished.connect(self._tidy_postcode)
        elif FieldType(field.type) in (FieldType.NUMBER, FieldType.PHONE):
            edit.setMaximumWidth(200)
        self.edit = edit
        super().__init__(field, edit, changed=edit.textEdited)

    def _tidy_postcode(self) -> None:
        tidy = core_forms.normalize_postcode(self.edit.text())
        if tidy and tidy != self.edit.text():
            self.edit.setText(tidy)

    def value(self) -> object:
        return self.edit.text()

    def set_value(self, value: object) -> None:
        if value is None:
            text = ""
        elif FieldType(self.field.type) is FieldType.NUMBER and isinstance(value, float):
            text = f"{value:g}".replace(".", ",")
        else:
            text = str(value)
        self.edit.setText(text)


class _BsnLineEdit(QLineEdit):
    """A line edit that shows a BSN masked (``••••••782``) unless it is being edited."""

    def __init__(self, hide: bool) -> None:
        super().__init__()
        self._hide = hide
        self._value = ""
        self._editing = False
        self.setMaxLength(11)
        self.setMaximumWidth(160)
        if hide:
            self.setToolTip("Het BSN wordt afgeschermd getoond; klik erin om het te bewerken.")

    def bsn(self) -> str:
        return self.text() if self._editing or not self._hide else self._value

    def set_bsn(self, value: str) -> None:
        self._value = value
        self._editing = False
        self._render()

    def _render(self) -> None:
        with QSignalBlocker(self):
            if self._hide and not self._editing:
                self.setText(core_forms.mask_bsn(self._value))
            else:
                self.setText(self._value)

    def _start_editing(self) -> None:
        if not self._editing:
            self._editing = True
            self._render()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._start_editing()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._start_editing()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._editing:
            self._value = self.text().strip()
            self._editing = False
            self._render()


class _BsnEditor(_Editor):
    def __init__(self, field: Field, hide: bool) -> None:
        edit = _BsnLineEdit(hide)
        edit.setPlaceholderText(_PLACEHOLDERS[FieldType.BSN])
        self.edit = edit
        super().__init__(field, edit, changed=edit.textEdited)

    def value(self) -> object:
        return self.edit.bsn()

    def set_value(self, value: object) -> None:
        self.edit.set_bsn("" if value is None else str(value))


class _MultilineEditor(_Editor):
    def __init__(self, field: Field) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(78)
        self.edit = edit
        super().__init__(field, edit, changed=edit.textChanged)

    def value(self) -> object:
        return self.edit.toPlainText()

    def set_value(self, value: object) -> None:
        with QSignalBlocker(self.edit):
            self.edit.setPlainText("" if value is None else str(value))


class _DateEdit(DateField):
    """A form's date: optional (empty means *leeg*), typed or picked (see :mod:`date_field`)."""

    def __init__(self) -> None:
        super().__init__(None, optional=True)


class _DateEditor(_Editor):
    def __init__(self, field: Field, compact: bool = False) -> None:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        edit = _DateEdit()
        edit.line_edit.setAccessibleName(field.label)
        today = QToolButton()
        today.setText("Vandaag")
        today.setToolTip("De datum van vandaag invullen")
        today.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        clear = QToolButton()
        clear.setText("✕" if compact else "Leeg")
        clear.setToolTip("De datum leegmaken")
        clear.setAccessibleName("Datum leegmaken")
        clear.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(edit)
        if compact:
            today.hide()
            clear.setAutoRaise(True)
            edit.setMaximumWidth(16777215)
            edit.calendar_button.hide()  # a repeat row is narrow: type, or Vandaag/✕
        else:
            layout.addWidget(today)
        layout.addWidget(clear)
        if not compact:
            layout.addStretch(1)
        super().__init__(field, box, edit.line_edit)
        self.edit = edit
        self.today_button = today
        self.clear_button = clear
        today.clicked.connect(lambda: self.edit.setDate(QDate.currentDate()))
        clear.clicked.connect(self.edit.clear)
        edit.dateChanged.connect(self._changed)
        edit.line_edit.textEdited.connect(self._changed)  # a half-typed date is a change too

    def value(self) -> object:
        """The date; text that is no date is returned as typed, so validation names it."""
        day = self.edit.value()
        if day is None and not self.edit.is_empty():
            return self.edit.text().strip()
        return day

    def set_value(self, value: object) -> None:
        day = core_forms.parse_date(value) if value is not None else None
        self.edit.set_value(day)


class _ChoiceEditor(_Editor):
    def __init__(self, field: Field, compact: bool = False) -> None:
        combo = QComboBox()
        combo.addItem("— kies —", None)
        for value, label in field.choices:
            combo.addItem(label, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8 if compact else 20)  # repeat rows: narrow
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo = combo
        super().__init__(field, combo, changed=combo.activated)

    def value(self) -> object:
        return self.combo.currentData()

    def set_value(self, value: object) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index < 0 and value is not None:  # a value the form no longer offers: keep it
            self.combo.addItem(f"{value} (niet meer in de lijst)", value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


class _MultiChoiceEditor(_Editor):
    def __init__(self, field: Field) -> None:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        columns = 2 if len(field.choices) > 4 else 1
        rows = -(-len(field.choices) // columns)
        for i, (value, label) in enumerate(field.choices):
            check = QCheckBox(label)
            check.setAccessibleName(f"{field.label}: {label}")
            grid.addWidget(check, i % rows, i // rows)
            self.boxes[value] = check
        first = next(iter(self.boxes.values()), box)
        super().__init__(field, box, first)
        for check in self.boxes.values():
            check.toggled.connect(self._changed)

    def value(self) -> object:
        return [value for value, check in self.boxes.items() if check.isChecked()]

    def set_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, list | tuple | set | frozenset) else set()
        if isinstance(value, str):
            chosen = {value}
        for key, check in self.boxes.items():
            with QSignalBlocker(check):
                check.setChecked(key in chosen)

    def set_invalid(self, invalid: bool) -> None:
        for check in self.boxes.values():
            _set_invalid(check, invalid)


class _BoolEditor(_Editor):
    def __init__(self, field: Field) -> None:
        self.check = QCheckBox("Ja")
        super().__init__(field, self.check, changed=self.check.toggled)

    def value(self) -> object:
        return self.check.isChecked()

    def set_value(self, value: object) -> None:
        with QSignalBlocker(self.check):
            self.check.setChecked(bool(value))


def _make_editor(field: Field, hide_bsn: bool, compact: bool = False) -> _Editor:
    ftype = FieldType(field.type)
    if ftype is FieldType.MULTILINE and not compact:
        return _MultilineEditor(field)
    if ftype is FieldType.DATE:
        return _DateEditor(field, compact)
    if ftype is FieldType.CHOICE:
        return _ChoiceEditor(field, compact)
    if ftype is FieldType.MULTICHOICE:
        return _MultiChoiceEditor(field)
    if ftype is FieldType.BOOLEAN:
        return _BoolEditor(field)
    if ftype is FieldType.BSN:
        return _BsnEditor(field, hide_bsn)
    if ftype is FieldType.REPEAT:
        return _RepeatEditor(field, hide_bsn)
    return _LineEditor(field)


class _RepeatEditor(_Editor):
    """A repeated group: one row of sub-field editors per entry, add/remove buttons."""

    def __init__(self, field: Field, hide_bsn: bool) -> None:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        frame = QFrame()
        frame.setObjectName("repeatFrame")
        frame.setStyleSheet(
            "#repeatFrame { border: 1px solid #e2e8f0; border-radius: 6px; background: #f8fafc; }"
        )
        self.grid = QGridLayout(frame)
        self.grid.setContentsMargins(8, 6, 8, 8)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        self._subs = [f for f in field.fields if FieldType(f.type) is not FieldType.REPEAT]
        for col, sub in enumerate(self._subs):
            header = QLabel(
                html.escape(sub.label)
                + (" <span style='color:#b91c1c'>*</span>" if sub.required else "")
            )
            header.setTextFormat(Qt.TextFormat.RichText)
            header.setProperty("role", "repeatHeader")
            self.grid.addWidget(header, 0, col + 1)
            self.grid.setColumnStretch(col + 1, 1)
        self.empty_label = QLabel("Nog geen rijen.")
        self.empty_label.setProperty("role", "help")
        self.grid.addWidget(self.empty_label, 1, 1, 1, max(1, len(self._subs)))
        self.add_button = QPushButton("+ Rij toevoegen")
        self.add_button.setAccessibleName(f"{field.label}: rij toevoegen")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer.addWidget(frame)
        outer.addLayout(buttons)
        super().__init__(field, box, self.add_button)
        self._hide_bsn = hide_bsn
        self.rows: list[tuple[QLabel, list[_Editor], QToolButton]] = []
        self.add_button.clicked.connect(self._add_clicked)
        self.grid.setColumnMinimumWidth(0, 18)

    def _add_clicked(self) -> None:
        self.add_row()
        editors = self.rows[-1][1]
        if editors:
            editors[0].focus_widget.setFocus()
        self._changed()

    def add_row(self, values: Mapping[str, object] | None = None) -> None:
        """Append a row, optionally filled."""
        row = len(self.rows) + 1
        number = QLabel(f"{row}.")
        number.setProperty("role", "help")
        editors: list[_Editor] = []
        for col, sub in enumerate(self._subs):
            editor = _make_editor(sub, self._hide_bsn, compact=True)
            editor.focus_widget.setAccessibleName(f"{self.field.label} rij {row}: {sub.label}")
            if values is not None and sub.id in values:
                editor.set_value(values[sub.id])
            editor.on_change(self._changed)
            self.grid.addWidget(editor.widget, row, col + 1)
            editors.append(editor)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(f"Rij {row} verwijderen")
        remove.setAccessibleName(f"{self.field.label}: rij {row} verwijderen")
        remove.setAutoRaise(True)
        self.grid.addWidget(number, row, 0)
        self.grid.addWidget(remove, row, len(self._subs) + 1)
        entry = (number, editors, remove)
        remove.clicked.connect(lambda: self._remove_clicked(entry))
        self.rows.append(entry)
        self.empty_label.setVisible(False)
        self._update_row_shown(editors)

    def _changed(self, *_args: object) -> None:
        """A row was edited, added or removed: re-apply the conditions, then tell the form."""
        for _n, editors, _r in self.rows:
            self._update_row_shown(editors)
        super()._changed()

    def _update_row_shown(self, editors: Sequence[_Editor]) -> None:
        """Show a row's conditional sub-fields (``Field.shown_when``) by that row's own values.

        A hidden sub-field keeps its cell empty, so the columns stay under their headers;
        what it holds is not validated and not saved (:func:`core_forms.normalize`).
        """
        row = {sub.id: editor.value() for sub, editor in zip(self._subs, editors, strict=True)}
        for sub, editor in zip(self._subs, editors, strict=True):
            editor.widget.setVisible(core_forms.is_shown(sub, row, self.field.fields))

    def is_shown(self, row: int, sub_id: str) -> bool:
        """Whether sub-field ``sub_id`` of row ``row`` (0-based) is shown."""
        editors = self.rows[row][1]
        index = next(i for i, sub in enumerate(self._subs) if sub.id == sub_id)
        return not editors[index].widget.isHidden()

    def _remove_clicked(self, entry: tuple[QLabel, list[_Editor], QToolButton]) -> None:
        if entry in self.rows:
            self.remove_row(self.rows.index(entry))
            self._changed()

    def remove_row(self, index: int) -> None:
        """Remove one row; the rows below move up."""
        values = self.value()
        assert isinstance(values, list)
        del values[index]
        self._rebuild(values)
        if self.rows:
            target = self.rows[min(index, len(self.rows) - 1)][2]
            target.setFocus()
        else:
            self.add_button.setFocus()

    def _clear_rows(self) -> None:
        for number, editors, remove in self.rows:
            for widget in (number, remove, *(e.widget for e in editors)):
                self.grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.rows = []
        self.empty_label.setVisible(True)

    def _rebuild(self, values: Sequence[Mapping[str, object]]) -> None:
        self._clear_rows()
        for row in values:
            self.add_row(row)

    def value(self) -> object:
        return [
            {sub.id: editor.value() for sub, editor in zip(self._subs, editors, strict=True)}
            for _n, editors, _r in self.rows
        ]

    def set_value(self, value: object) -> None:
        rows = value if isinstance(value, list | tuple) else []
        self._rebuild([r for r in rows if isinstance(r, Mapping)])

    def set_invalid(self, invalid: bool) -> None:
        if not invalid:
            for _n, editors, _r in self.rows:
                for editor in editors:
                    editor.set_invalid(False)

    def set_sub_errors(self, errors: Mapping[str, str]) -> None:
        for row, (_n, editors, _r) in enumerate(self.rows):
            for sub, editor in zip(self._subs, editors, strict=True):
                editor.set_invalid(f"[{row}].{sub.id}" in errors)

"""Render any plugin form (:class:`~verzuimdesk.plugins.api.FormDef`) as a Qt form.

Every field type gets its editor: text, multiline, date (with a *leeg* option), number,
choice (combo box), multichoice (check boxes), boolean, e-mail, phone, postcode, BSN
(shown masked while not being edited) and repeat groups (a table of rows with add and
remove buttons). Required fields carry a red ``*``; validation (by
:func:`verzuimdesk.core.forms.validate`) shows the Dutch message in red under the field.

The widget takes plain data and emits signals; it never touches the database:

* ``saveRequested(dict)`` — *Opslaan* was pressed (or Ctrl+S) and the values are valid.
  The dict is JSON-safe (:func:`verzuimdesk.core.forms.to_json` of the normalised values:
  dates as ISO strings), ready to store as a form submission.
* ``valuesChanged()`` — the user changed something (not emitted by :meth:`set_values`).

Feeding it::

    form_widget = FormWidget(form_def, header=[("Leerling", "Sem de Vries"),
                                               ("Dossier", "DH-2025-0042")])
    form_widget.apply_prefill({"pupil": {...}, "school": {...}, "case": {...}})
    form_widget.set_values(from_json(form_def, stored_submission))   # when editing
    form_widget.saveRequested.connect(service.save_submission)
    form_widget.print_to_pdf("/tmp/melding.pdf")
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core import forms as core_forms
from verzuimdesk.plugins.api import Field, FieldType, FormDef

__all__ = ["FormWidget"]
from verzuimdesk.gui.form_editors import (
    _Editor,
    _make_editor,
    _RepeatEditor,
)
from verzuimdesk.gui.qt_layouts import clear_layout
from verzuimdesk.gui.save_dialog import ask_save_path

_STYLE = """
FormWidget { background: #ffffff; }
QLabel#formTitle { font-size: 15pt; font-weight: bold; color: #0f172a; }
QLabel#formDescription { color: #475569; }
QFrame#formHeader { background: #f1f5f9; border: 1px solid #e2e8f0; border-radius: 6px; }
QLabel[role="fieldLabel"] { color: #1f2937; }
QLabel[role="help"] { color: #64748b; }
QLabel[role="error"] { color: #b91c1c; }
QLabel[role="footnote"] { color: #64748b; }
QLabel[role="repeatHeader"] { color: #475569; font-weight: bold; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateEdit[invalid="true"] {
    border: 1px solid #dc2626; border-radius: 3px; background: #fef2f2; padding: 2px;
}
QCheckBox[invalid="true"] { color: #b91c1c; }
QPushButton#saveButton {
    background: #2563eb; color: #ffffff; border: 1px solid #1d4ed8; border-radius: 4px;
    padding: 6px 18px; font-weight: bold;
}
QPushButton#saveButton:hover { background: #1d4ed8; }
QPushButton#saveButton:focus { border: 2px solid #1e3a8a; }
"""


# ----------------------------------------------------------------------------- widget


class _FieldRow:
    def __init__(
        self, field: Field, editor: _Editor, label: QLabel, error: QLabel, cell: QWidget
    ) -> None:
        self.field = field
        self.editor = editor
        self.label = label
        self.error = error
        self.cell = cell  # the editor with its help and error text


class FormWidget(QWidget):
    """A plugin form rendered as an editable Qt form.

    :param form: the form definition.
    :param values: initial values (see :mod:`verzuimdesk.core.forms` for the types), or
        the JSON-safe dict of a stored submission.
    :param header: (label, value) pairs about the case shown above the form and in the
        PDF (``[("Leerling", "Sem de Vries"), ("Dossier", "DH-2025-0042")]``).
    :param hide_bsn: show BSN fields masked unless being edited.
    :param show_buttons: show the footer with *Pdf maken…* and *Opslaan*; a host dialog
        with its own buttons hides it and calls :meth:`request_save` /
        :meth:`print_to_pdf`.

    Signals: ``saveRequested(dict)`` with JSON-safe values, only when valid;
    ``valuesChanged()`` on every user edit.
    """

    saveRequested = Signal(dict)
    valuesChanged = Signal()

    def __init__(
        self,
        form: FormDef,
        values: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        header: Sequence[tuple[str, str]] = (),
        hide_bsn: bool = True,
        show_buttons: bool = True,
    ) -> None:
        super().__init__(parent)
        self._form = form
        self._header = list(header)
        self._hide_bsn = hide_bsn
        self._rows: dict[str, _FieldRow] = {}
        self._show_errors = False
        self._loading = False
        self.setObjectName("formWidget")
        self.setStyleSheet(_STYLE)
        self.setAccessibleName(form.name)
        self.setAutoFillBackground(True)

        title = QLabel(form.name)
        title.setObjectName("formTitle")
        title.setWordWrap(True)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() + 4)
        title.setFont(title_font)
        content = QWidget()
        content.setObjectName("formContent")
        content.setStyleSheet("#formContent { background: #ffffff; }")
        body = QVBoxLayout(content)
        body.setContentsMargins(20, 16, 20, 16)
        body.setSpacing(10)
        body.addWidget(title)
        if form.description:
            description = QLabel(form.description)
            description.setObjectName("formDescription")
            description.setWordWrap(True)
            body.addWidget(description)
        self._header_frame = QFrame()
        self._header_frame.setObjectName("formHeader")
        self._header_grid = QGridLayout(self._header_frame)
        self._header_grid.setContentsMargins(12, 8, 12, 8)
        self._header_grid.setHorizontalSpacing(14)
        self._header_grid.setVerticalSpacing(3)
        body.addWidget(self._header_frame)
        self._fill_header()

        grid = QGridLayout()
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        grid.setColumnMinimumWidth(0, 190)
        grid.setColumnStretch(1, 1)
        for row_index, field in enumerate(form.fields):
            editor = _make_editor(field, hide_bsn)
            required = field.required or bool(field.min_items)  # a repeat needing rows
            label = QLabel(
                html.escape(field.label)
                + (" <span style='color:#b91c1c'>*</span>" if required else "")
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setProperty("role", "fieldLabel")
            label.setWordWrap(True)
            label.setMaximumWidth(220)
            label.setBuddy(editor.focus_widget)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(0, 5, 0, 6)
            accessible = field.label + (" (verplicht)" if required else "")
            editor.focus_widget.setAccessibleName(accessible)
            if field.help:
                editor.focus_widget.setToolTip(field.help)
                editor.focus_widget.setAccessibleDescription(field.help)
            cell = QWidget()
            stack = QVBoxLayout(cell)
            stack.setContentsMargins(0, 0, 0, 8)
            stack.setSpacing(2)
            stack.addWidget(editor.widget)
            if field.help:
                help_label = QLabel(field.help)
                help_label.setProperty("role", "help")
                help_label.setWordWrap(True)
                stack.addWidget(help_label)
            error = QLabel()
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.setVisible(False)
            error.setAccessibleName(f"Foutmelding bij {field.label}")
            stack.addWidget(error)
            grid.addWidget(label, row_index, 0)
            grid.addWidget(cell, row_index, 1)
            editor.on_change(self._on_edit)
            self._rows[field.id] = _FieldRow(field, editor, label, error, cell)
        body.addLayout(grid)
        body.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        # As needed: content wider than the window (a wide repeat group) stays reachable.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._scroll = scroll

        footer = QFrame()
        footer.setObjectName("formFooter")
        footer.setStyleSheet("#formFooter { background: #f8fafc; border-top: 1px solid #e2e8f0; }")
        bar = QHBoxLayout(footer)
        bar.setContentsMargins(20, 8, 20, 8)
        note = QLabel("Velden met <span style='color:#b91c1c'>*</span> zijn verplicht.")
        note.setTextFormat(Qt.TextFormat.RichText)
        note.setProperty("role", "footnote")
        self.summary_label = QLabel()
        self.summary_label.setProperty("role", "error")
        self.summary_label.setVisible(False)
        self.pdf_button = QPushButton("Pdf &maken…")
        self.pdf_button.setToolTip("Het formulier als pdf opslaan om af te drukken of te mailen")
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Opslaan (Ctrl+S)")
        self.save_button.setDefault(True)
        bar.addWidget(note)
        bar.addSpacing(12)
        bar.addWidget(self.summary_label)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addWidget(footer)
        footer.setVisible(show_buttons)
        chain = [row.editor.focus_widget for row in self._rows.values()]
        chain += [self.pdf_button, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.save_button.clicked.connect(self.request_save)
        self.pdf_button.clicked.connect(self._ask_pdf_path)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.request_save)
        if values:
            self.set_values(values)
        self._update_shown()

    # ----------------------------------------------------------------------- public

    @property
    def form(self) -> FormDef:
        """The form definition shown."""
        return self._form

    def set_header(self, header: Sequence[tuple[str, str]]) -> None:
        """Replace the case header (label, value pairs)."""
        self._header = list(header)
        self._fill_header()

    def content_width(self) -> int:
        """The width the fields need to show without horizontal scrolling."""
        scroll = self._scroll
        bar = scroll.verticalScrollBar().sizeHint().width()
        content = scroll.widget()
        assert content is not None  # set when the form is built
        return content.minimumSizeHint().width() + bar

    def values(self) -> dict[str, object]:
        """The current values, as typed (dates as :class:`datetime.date`, text as is)."""
        return {field_id: row.editor.value() for field_id, row in self._rows.items()}

    def set_values(self, values: Mapping[str, Any], *, clear: bool = True) -> None:
        """Fill the form. With ``clear`` fields missing from ``values`` are emptied.

        Accepts both Python values and the JSON-safe dicts of ``saveRequested``.
        """
        values = core_forms.from_json(self._form, values)
        self._loading = True
        try:
            for field_id, row in self._rows.items():
                if field_id in values:
                    row.editor.set_value(values[field_id])
                elif clear:
                    row.editor.set_value(None)
        finally:
            self._loading = False
        self._update_shown()
        if self._show_errors:
            self._apply_errors(self.errors())

    def is_shown(self, field_id: str, row: int | None = None, sub_id: str = "") -> bool:
        """Whether the field is shown (a ``shown_when`` field only when the other has a value).

        With ``row`` (0-based) and ``sub_id``: whether that sub-field of that row of repeat
        field ``field_id`` is shown, which depends on the row's own values.
        """
        shown = core_forms.is_shown(self._rows[field_id].field, self.values(), self._form.fields)
        if row is None:
            return shown
        editor = self._rows[field_id].editor
        if not isinstance(editor, _RepeatEditor):
            raise TypeError(f"{field_id} is geen herhaalveld")
        return shown and editor.is_shown(row, sub_id)

    def apply_prefill(self, context: Mapping[str, object]) -> dict[str, object]:
        """Fill empty fields from a case context (``Field.prefill`` paths).

        :returns: the values that were filled in.
        """
        current = self.values()
        filled = {
            key: value
            for key, value in core_forms.prefill(self._form, context).items()
            if core_forms.is_empty(current.get(key)) or current.get(key) is False
        }
        self.set_values(filled, clear=False)
        return filled

    def errors(self) -> dict[str, str]:
        """The Dutch validation messages of the current values (field id -> message)."""
        return core_forms.validate(self._form, self.values())

    def validate(self) -> bool:
        """Validate and show every message next to its field; True when valid.

        After a failed validation the messages follow the user's edits live.
        """
        errors = self.errors()
        self._show_errors = True
        self._apply_errors(errors)
        if errors:
            first = next(iter(errors)).split("[", 1)[0]
            row = self._rows.get(first)
            if row is not None:
                row.editor.focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)
                self._scroll.ensureWidgetVisible(row.editor.widget)
        return not errors

    def set_errors(self, errors: Mapping[str, str]) -> None:
        """Show messages found elsewhere (e.g. by the service on saving) next to the fields.

        Keys as :func:`verzuimdesk.core.forms.validate` makes them; an empty mapping clears.
        """
        self._apply_errors(errors)

    def error_text(self, field_id: str) -> str:
        """The message shown under a field ('' when none)."""
        error = self._rows[field_id].error
        return error.text() if error.isVisibleTo(self) else ""

    def editor(self, field_id: str) -> QWidget:
        """The input widget of a field (for focus, tests and key presses)."""
        return self._rows[field_id].editor.focus_widget

    def repeat_add_row(self, field_id: str, values: Mapping[str, object] | None = None) -> None:
        """Add a row to a repeat field, as the *Rij toevoegen* button does."""
        editor = self._rows[field_id].editor
        if not isinstance(editor, _RepeatEditor):
            raise TypeError(f"{field_id} is geen herhaalveld")
        editor.add_row(values)
        self._on_edit()

    def request_save(self) -> bool:
        """Validate; when valid emit ``saveRequested`` with JSON-safe values."""
        if not self.validate():
            count = len({key.split("[", 1)[0] for key in self.errors()})
            self.summary_label.setText(
                "1 veld moet nog worden verbeterd."
                if count == 1
                else f"{count} velden moeten nog worden verbeterd."
            )
            self.summary_label.setVisible(True)
            return False
        self.summary_label.setVisible(False)
        values = core_forms.normalize(self._form, self.values())
        self.saveRequested.emit(core_forms.to_json(self._form, values))
        return True

    def to_html(self, *, hide_bsn: bool = False, printed_on: dt.date | None = None) -> str:
        """The form as HTML for printing: title, case header and every field's value.

        Written for :class:`QTextDocument` (table attributes rather than CSS boxes).
        """
        printed_on = printed_on or dt.date.today()
        values = self.values()
        muted = "color:#64748b"
        parts = [
            "<html><body style=\"font-family:'DejaVu Sans',sans-serif; font-size:10pt;"
            ' color:#111827">',
            f"<p style='font-size:16pt; font-weight:bold; margin-bottom:2pt'>"
            f"{html.escape(self._form.name)}</p>",
            f"<p style='{muted}; font-size:8.5pt; margin-top:0; margin-bottom:10pt'>"
            f"Formulier ‘{html.escape(self._form.name)}’, versie "
            f"{html.escape(self._form.version)}</p>",
        ]
        if self._header:
            parts.append("<table width='100%' cellspacing='0' cellpadding='5' bgcolor='#f1f5f9'>")
            for key, value in self._header:
                parts.append(
                    f"<tr><td width='32%' style='{muted}'>{html.escape(key)}</td>"
                    f"<td><b>{html.escape(value)}</b></td></tr>"
                )
            parts.append("</table><p style='margin:0; font-size:6pt'>&nbsp;</p>")
        parts.append(
            "<table width='100%' cellspacing='0' cellpadding='6' style='border-collapse:collapse'>"
        )
        line = "border-bottom:1px solid #e2e8f0"
        for field in self._form.fields:
            if not core_forms.is_shown(field, values, self._form.fields):
                continue  # a conditional field that does not apply is not printed
            field_value = values.get(field.id)
            if FieldType(field.type) is FieldType.REPEAT:
                cell = self._repeat_html(field, field_value, hide_bsn)
            else:
                text = core_forms.display_value(field, field_value, hide_bsn=hide_bsn)
                cell = (
                    html.escape(text).replace("\n", "<br>")
                    if text
                    else "<span style='color:#94a3b8'>—</span>"
                )
            parts.append(
                f"<tr><td width='32%' valign='top' style='color:#334155; {line}'>"
                f"{html.escape(field.label)}</td>"
                f"<td valign='top' style='{line}'>{cell}</td></tr>"
            )
        parts.append("</table>")
        parts.append(
            f"<p style='{muted}; font-size:8pt; margin-top:14pt'>Afgedrukt op "
            f"{core_forms.format_date(printed_on)} met VerzuimDesk.</p>"
            "</body></html>"
        )
        return "".join(parts)

    def print_to_pdf(
        self, path: str | Path, *, hide_bsn: bool = False, printed_on: dt.date | None = None
    ) -> Path:
        """Write the form (title, case header, values) to an A4 PDF with Qt's PDF writer.

        :param hide_bsn: print BSNs masked (for copies that do not need them).
        :returns: the path written.
        """
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = QPdfWriter(str(target))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 16, 18, 16), QPageLayout.Unit.Millimeter)
        writer.setResolution(300)
        writer.setTitle(self._form.name)
        writer.setCreator("VerzuimDesk")
        document = QTextDocument()
        font = QFont("DejaVu Sans")
        font.setPointSizeF(10)
        document.setDefaultFont(font)
        document.setHtml(self.to_html(hide_bsn=hide_bsn, printed_on=printed_on))
        document.print_(writer)
        del writer  # flushes and closes the file
        return target

    # ---------------------------------------------------------------------- private

    def _fill_header(self) -> None:
        clear_layout(self._header_grid)
        for i, (key, value) in enumerate(self._header):
            key_label = QLabel(key)
            key_label.setStyleSheet("color: #475569;")
            value_label = QLabel(f"<b>{html.escape(value)}</b>")
            value_label.setTextFormat(Qt.TextFormat.RichText)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row, col = divmod(i, 2)
            self._header_grid.addWidget(key_label, row, col * 2)
            self._header_grid.addWidget(value_label, row, col * 2 + 1)
        self._header_grid.setColumnStretch(1, 1)
        self._header_grid.setColumnStretch(3, 1)
        self._header_frame.setVisible(bool(self._header))

    def _repeat_html(self, field: Field, value: object, hide_bsn: bool) -> str:
        rows = [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
        rows = [r for r in rows if any(not core_forms.is_empty(v) for v in r.values())]
        if not rows:
            return "<span style='color:#94a3b8'>—</span>"
        subs = list(field.fields)
        width = f"{100 // max(1, len(subs))}%"
        head = "".join(
            f"<td width='{width}' style='color:#64748b; font-size:8.5pt;"
            f" border-bottom:1px solid #cbd5e1'>{html.escape(s.label)}</td>"
            for s in subs
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(self._sub_text(s, r, field, hide_bsn))}</td>" for s in subs
            )
            + "</tr>"
            for r in rows
        )
        return f"<table width='100%' cellspacing='0' cellpadding='2'><tr>{head}</tr>{body}</table>"

    @staticmethod
    def _sub_text(sub: Field, row: Mapping[str, object], field: Field, hide_bsn: bool) -> str:
        """A repeat row's sub-field as printed: empty when the row's values hide it."""
        if not core_forms.is_shown(sub, row, field.fields):
            return ""
        return core_forms.display_value(sub, row.get(sub.id), hide_bsn=hide_bsn)

    def _update_shown(self) -> None:
        """Show or hide the conditional fields (``Field.shown_when``) for the values now."""
        values = self.values()
        for row in self._rows.values():
            shown = core_forms.is_shown(row.field, values, self._form.fields)
            row.label.setVisible(shown)
            row.cell.setVisible(shown)

    def _on_edit(self) -> None:
        if self._loading:
            return
        self._update_shown()
        if self._show_errors:
            errors = self.errors()
            self._apply_errors(errors)
            if not errors:
                self.summary_label.setVisible(False)
        self.valuesChanged.emit()

    def _apply_errors(self, errors: Mapping[str, str]) -> None:
        for field_id, row in self._rows.items():
            message = errors.get(field_id, "")
            sub_errors = {
                key[len(field_id) :]: text
                for key, text in errors.items()
                if key.startswith(field_id + "[")
            }
            if sub_errors:
                lines = []
                for key, text in sub_errors.items():
                    match = re.match(r"\[(\d+)\]\.?(.*)", key)
                    if not match:
                        continue
                    sub = next((f for f in row.field.fields if f.id == match.group(2)), None)
                    where = f"Rij {int(match.group(1)) + 1}"
                    lines.append(f"{where}, {sub.label if sub else match.group(2)}: {text}")
                message = "\n".join(([message] if message else []) + lines)
            row.error.setText(message)
            row.error.setVisible(bool(message))
            row.editor.set_invalid(bool(errors.get(field_id)))
            row.editor.set_sub_errors(sub_errors)

    def _ask_pdf_path(self) -> None:
        name = re.sub(r"[^\w\- ]+", "", self._form.name).strip().replace(" ", "-")
        suggested = name or "formulier"
        path = ask_save_path(
            self,
            "Formulier als pdf opslaan",
            f"{suggested}.pdf",
            "Pdf-bestanden (*.pdf)",
            suffix=".pdf",
        )
        if path is not None:
            self.print_to_pdf(str(path))

"""Row editors of the pupil dialog: the enrolments and the exemptions, each with dates.

A row is a choice (school / kind of exemption), a first day and an optional last day,
and a button that removes it. The service validates the whole list and names the row
in its Dutch message ("Inschrijving 2: de einddatum ligt vóór de begindatum.").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import legal_data
from verzuimdesk.gui.dialogs import date_edit, optional_date

__all__ = ["EnrolmentsEditor", "ExemptionsEditor"]


class _RowsEditor(QWidget):
    """Rows of (choice, from, until, remove) under a header with an *add* button."""

    #: Shown above the rows (the column names) and on the add button.
    noun = ""
    empty_text = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self.add_button = QPushButton(f"+ {self.noun} toevoegen", self)
        self.add_button.setObjectName("smallButton")
        self.add_button.clicked.connect(lambda: self.add_row())
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        outer.addLayout(top)
        self.empty = QLabel(self.empty_text, self)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        outer.addLayout(self.grid)
        self.rows: list[tuple[QLabel, QComboBox, Any, Any, QPushButton]] = []
        self._header: list[QLabel] = []
        for column, text in enumerate(("", self.noun, "Van", "T/m (leeg: nog lopend)")):
            label = QLabel(text, self)
            label.setObjectName("columnHeader")
            self.grid.addWidget(label, 0, column)
            self._header.append(label)
        self._update_empty()

    def _choice(self) -> QComboBox:  # pragma: no cover - overridden
        raise NotImplementedError

    def add_row(
        self, choice: Any = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> int:
        """Add a row (the first day defaults to the desk's today); returns its index."""
        combo = self._choice()
        index = combo.findData(choice)
        combo.setCurrentIndex(max(index, 0))
        first = date_edit(start or self.today())
        last = date_edit(end, optional=True)
        remove = QPushButton("Verwijderen", self)
        remove.setObjectName("smallButton")
        number = QLabel(f"{len(self.rows) + 1}.", self)
        row = (number, combo, first, last, remove)
        remove.clicked.connect(lambda: self.remove_row(self.rows.index(row)))
        self.rows.append(row)
        self._relayout()
        return len(self.rows) - 1

    def remove_row(self, index: int) -> None:
        """Remove row ``index``."""
        for widget in self.rows.pop(index):
            widget.setParent(None)
            widget.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for r, row in enumerate(self.rows, start=1):
            row[0].setText(f"{r}.")
            for column, widget in enumerate(row):
                self.grid.addWidget(widget, r, column)
        # Tab runs add button → every row left to right → on to the next field.
        previous: QWidget = self.add_button
        for row in self.rows:
            for widget in row[1:]:
                QWidget.setTabOrder(previous, widget)
                previous = widget
        self._update_empty()

    def _update_empty(self) -> None:
        has_rows = bool(self.rows)
        self.empty.setVisible(not has_rows)
        for label in self._header:
            label.setVisible(has_rows)

    def today(self) -> dt.date:
        """The desk's today (the editors' default first day)."""
        return dt.date.today()

    def values(self) -> list[tuple[Any, dt.date | None, dt.date | None]]:
        """(choice, from, until) per row, as entered."""
        return [
            (row[1].currentData(), optional_date(row[2]), optional_date(row[3]))
            for row in self.rows
        ]


class EnrolmentsEditor(_RowsEditor):
    """The pupil's enrolments: school, from, until."""

    noun = "Inschrijving"
    empty_text = (
        "Geen inschrijving: een leerplichtige leerling zonder inschrijving en zonder "
        "vrijstelling is een absoluut verzuimer."
    )

    def __init__(
        self, schools: Sequence[Any], today: dt.date, parent: QWidget | None = None
    ) -> None:
        self._schools = list(schools)
        self._today = today
        super().__init__(parent)
        self._header[1].setText("School")

    def today(self) -> dt.date:
        """The desk's today."""
        return self._today

    def _choice(self) -> QComboBox:
        combo = _combo(self)
        combo.addItem("— school niet in de desk —", None)
        for school in self._schools:
            combo.addItem(f"{school.name} ({school.sector})", school.id)
        return combo

    def set_items(self, items: Sequence[legal_data.EnrolmentData]) -> None:
        """Show ``items`` as the rows."""
        for item in items:
            self.add_row(item.school_id, item.start, item.end)

    def items(self) -> tuple[legal_data.EnrolmentData, ...]:
        """The rows as :class:`EnrolmentData`."""
        return tuple(legal_data.EnrolmentData(c, s, e) for c, s, e in self.values())


class ExemptionsEditor(_RowsEditor):
    """The pupil's exemptions and leave: kind, from, until."""

    noun = "Vrijstelling"
    empty_text = "Geen vrijstellingen of verlof."

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        self._today = today
        super().__init__(parent)
        self._header[1].setText("Soort")

    def today(self) -> dt.date:
        """The desk's today."""
        return self._today

    def _choice(self) -> QComboBox:
        combo = _combo(self)
        for kind, label in legal_data.EXEMPTION_KINDS:
            combo.addItem(label, kind)
        # The legal labels are long ("art. 5 onder b: bezwaar tegen de richting …"): the
        # combo is as wide as the longest (plus the style sheet's padding and the arrow,
        # which its own size hint leaves out before it is shown), so none is cut off.
        widest = max(
            combo.fontMetrics().horizontalAdvance(t) for _k, t in legal_data.EXEMPTION_KINDS
        )
        combo.setMinimumWidth(widest + 64)
        return combo

    def set_items(self, items: Sequence[legal_data.ExemptionData]) -> None:
        """Show ``items`` as the rows."""
        for item in items:
            self.add_row(item.kind, item.start, item.end)

    def items(self) -> tuple[legal_data.ExemptionData, ...]:
        """The rows as :class:`ExemptionData`."""
        return tuple(legal_data.ExemptionData(c, s, e) for c, s, e in self.values())


def _combo(parent: QWidget) -> QComboBox:
    """A choice wide enough to read (about 34 characters); the full text is its tooltip."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(34)
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo

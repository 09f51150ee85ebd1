"""The *Leerling* page of the case file: the pupil's legal data and absoluut-verzuim gaps.

Shows the woongemeente, leerplicht, startkwalificatie, enrolments and exemptions, and
each period without enrolment: open ones as absoluut verzuim with a button *Markeer als
administratieve onvolkomenheid* (seed 001 §1.1), marked ones with *Markering intrekken*.
Marking is undoable (Ctrl+Z).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import legal_data
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import errors
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.undo import _DoneOnce, push_safely

__all__ = ["ExcuseGapCommand", "PupilLegalPanel", "period_text"]

MARK_TEXT = "Markeer als administratieve onvolkomenheid"
UNMARK_TEXT = "Markering intrekken"


def period_text(start: dt.date, end: dt.date | None) -> str:
    """``02-09-2024 t/m 20-09-2024`` or ``vanaf 02-09-2024`` (still running)."""
    if end is None:
        return f"vanaf {date_short(start)}"
    return f"{date_short(start)} t/m {date_short(end)}"


class ExcuseGapCommand(_DoneOnce):
    """Mark a gap as an administratieve onvolkomenheid; undo takes the mark off again."""

    def __init__(self, desk: Any, pupil_id: int, gap: legal_data.GapItem, gap_id: int) -> None:
        super().__init__("Periode markeren als administratieve onvolkomenheid")
        self.desk, self.pupil_id, self.gap, self.gap_id = desk, pupil_id, gap, gap_id

    def do(self) -> None:
        self.gap_id = legal_data.excuse_gap(
            self.desk, self.pupil_id, self.gap.start, self.gap.end, self.gap.note
        )

    def undo(self) -> None:
        legal_data.unexcuse_gap(self.desk, self.gap_id)


class UnexcuseGapCommand(_DoneOnce):
    """Take a mark off; undo puts it back."""

    def __init__(self, desk: Any, pupil_id: int, gap: legal_data.GapItem) -> None:
        super().__init__("Markering administratieve onvolkomenheid intrekken")
        self.desk, self.pupil_id, self.gap = desk, pupil_id, gap
        self.gap_id = gap.excused_id

    def do(self) -> None:
        assert self.gap_id is not None
        legal_data.unexcuse_gap(self.desk, self.gap_id)

    def undo(self) -> None:
        self.gap_id = legal_data.excuse_gap(
            self.desk, self.pupil_id, self.gap.start, self.gap.end, self.gap.note
        )


class PupilLegalPanel(QScrollArea):
    """The pupil's legal data, read-only, with the gap buttons and *Leerling bewerken…*."""

    editRequested = Signal()

    def __init__(self, desk: Any, undo_stack: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.undo_stack = desk, undo_stack
        self.pupil_id: int | None = None
        self.overview: legal_data.LegalOverview | None = None
        self.setWidgetResizable(True)
        self.setObjectName("pupilLegalPanel")
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        facts = QFormLayout()
        self.municipality = QLabel()
        self.municipality.setTextFormat(Qt.TextFormat.PlainText)  # typed by the user
        self.leerplicht = QLabel()
        self.startkwalificatie = QLabel()
        facts.addRow("Woongemeente:", self.municipality)
        facts.addRow("Leerplicht:", self.leerplicht)
        facts.addRow("Startkwalificatie:", self.startkwalificatie)
        top.addLayout(facts, 1)
        self.edit_button = QPushButton("Leerling bewerken…")
        self.edit_button.setObjectName("smallButton")
        self.edit_button.setToolTip("Woongemeente, inschrijvingen, vrijstellingen (Ctrl+Shift+E)")
        self.edit_button.clicked.connect(self.editRequested.emit)
        top.addWidget(self.edit_button)
        layout.addLayout(top)
        self.enrolments = self._group(layout, "Inschrijvingen")
        self.exemptions = self._group(layout, "Vrijstellingen en verlof")
        self.gaps = self._group(layout, "Perioden zonder inschrijving (absoluut verzuim)")
        layout.addStretch(1)
        self.gap_buttons: list[QPushButton] = []

    def _group(self, layout: QVBoxLayout, title: str) -> QVBoxLayout:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.setSpacing(4)
        layout.addWidget(box)
        return inner

    def show_pupil(self, pupil_id: int) -> None:
        """Load and show ``pupil_id``'s legal data."""
        self.pupil_id = pupil_id
        try:
            overview = legal_data.legal_overview(self.desk, pupil_id)
        except ServiceError as exc:
            self.municipality.setText(exc.message)
            return
        self.overview = overview
        self.municipality.setText(
            overview.municipality or "onbekend (route zonder gemeentevariant)"
        )
        self.leerplicht.setText(overview.leerplicht or "—")
        self.startkwalificatie.setText(
            f"behaald op {date_short(overview.startkwalificatie_on)}"
            if overview.startkwalificatie_on
            else "nee (niet vastgelegd)"
        )
        self._lines(
            self.enrolments,
            [f"{e.school}: {period_text(e.start, e.end)}" for e in overview.enrolments],
            "Geen inschrijvingen vastgelegd.",
        )
        self._lines(
            self.exemptions,
            [f"{e.label}: {period_text(e.start, e.end)}" for e in overview.exemptions],
            "Geen vrijstellingen of verlof.",
        )
        self._fill_gaps(overview)

    def _lines(self, layout: QVBoxLayout, lines: list[str], empty: str) -> None:
        _clear(layout)
        for line in lines or [empty]:
            label = QLabel(line)
            label.setTextFormat(Qt.TextFormat.PlainText)  # school names: never HTML (issue 11)
            label.setWordWrap(True)
            layout.addWidget(label)

    def _fill_gaps(self, overview: legal_data.LegalOverview) -> None:
        _clear(self.gaps)
        self.gap_buttons = []
        if not overview.gaps:
            self.gaps.addWidget(QLabel("Geen: de leerling was steeds ingeschreven of vrijgesteld."))
            return
        for gap in overview.gaps:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            if gap.excused_id is None:
                text = f"<b>Absoluut verzuim</b> {period_text(gap.start, gap.end)}"
                button = QPushButton(MARK_TEXT)
                button.clicked.connect(lambda _=False, g=gap: self.mark(g))
            else:
                text = f"{period_text(gap.start, gap.end)}: administratieve onvolkomenheid"
                button = QPushButton(UNMARK_TEXT)
                button.clicked.connect(lambda _=False, g=gap: self.unmark(g))
            label = QLabel(text)
            label.setWordWrap(True)
            line.addWidget(label, 1)
            button.setObjectName("smallButton")
            line.addWidget(button)
            self.gap_buttons.append(button)
            self.gaps.addWidget(row)

    def mark(self, gap: legal_data.GapItem) -> None:
        """Mark ``gap`` as an administratieve onvolkomenheid (undoable)."""
        assert self.pupil_id is not None
        try:
            gap_id = legal_data.excuse_gap(self.desk, self.pupil_id, gap.start, gap.end)
        except ServiceError as exc:
            errors.report(self, exc)
            return
        push_safely(self.undo_stack, ExcuseGapCommand(self.desk, self.pupil_id, gap, gap_id))

    def unmark(self, gap: legal_data.GapItem) -> None:
        """Take the mark off ``gap`` (undoable)."""
        assert self.pupil_id is not None and gap.excused_id is not None
        try:
            legal_data.unexcuse_gap(self.desk, gap.excused_id)
        except ServiceError as exc:
            errors.report(self, exc)
            return
        push_safely(self.undo_stack, UnexcuseGapCommand(self.desk, self.pupil_id, gap))


def _clear(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()

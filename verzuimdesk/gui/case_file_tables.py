"""The case file's tables (events, deadlines, signals, forms) and its fact labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
    QWidget,
)

from verzuimdesk.core.services import cases, queries
from verzuimdesk.gui.formatting import date_short, hours, relative_due
from verzuimdesk.gui.table_model import (
    MUTED,
    OVERDUE,
    Column,
    RowTableModel,
    make_row_table,
    two_line_width,
)

#: Height the ladder and the events list keep when the case file is first split (px).


def _table(model: RowTableModel, name: str, parent: QWidget | None = None) -> QTableView:
    return make_row_table(model, name, parent=parent)


def event_columns() -> list[Column]:
    """Columns of the events table."""

    def text(e: queries.EventItem) -> str:
        if e.kind in ("stage_change", "opened"):
            base = f"{e.from_stage} → {e.to_stage}" if e.from_stage else f"Start: {e.to_stage}"
            extra = f" · besluit: {e.decision}" if e.decision else ""
            return f"{base}{extra}" + (f" — {e.text}" if e.text else "")
        line = e.text.replace("\n", " ")
        if e.decision and line != e.decision:  # a Besluit that recorded a decision
            return f"{e.decision} — {line}" if line else e.decision
        return line

    return [
        Column("Datum", lambda e: date_short(e.on), width=90, wrap=False),
        Column("Soort", lambda e: e.kind_name, width=110),
        Column("Wie", lambda e: e.author, width=90, foreground=lambda e: MUTED),
        Column("Omschrijving", text, width=400, tooltip=text),
        Column(
            "Bijlage",
            lambda e: f"📎 {e.document_name}" if e.document_name else "",
            width=160,
            tooltip=lambda e: (
                "Dubbelklik om de bijlage te openen of op te slaan" if e.document_name else ""
            ),
        ),
    ]


def deadline_columns(today_fn: Any) -> list[Column]:
    """Columns of the case's deadlines table."""

    def state(d: queries.DeadlineItem) -> str:
        if d.done_on and d.done_by == cases.LAPSED:
            return f"vervallen {date_short(d.done_on)} (stap verlaten)"
        if d.done_on:
            return f"afgehandeld {date_short(d.done_on)}"
        return relative_due(d.due_on, today_fn())

    return [
        Column("Uiterlijk", lambda d: date_short(d.due_on), width=90, wrap=False,
               foreground=lambda d: OVERDUE if d.overdue else (MUTED if d.done_on else None),
               bold=lambda d: d.overdue),
        Column("Status", state, width=150,
               foreground=lambda d: OVERDUE if d.overdue else (MUTED if d.done_on else None)),
        Column("Wat", lambda d: d.what, width=360, tooltip=lambda d: d.what,
               foreground=lambda d: MUTED if d.done_on else None),
        Column("Wie", lambda d: d.role, width=150),
    ]  # fmt: skip


def signal_columns() -> list[Column]:
    """Columns of the signals table."""
    return [
        Column("Datum", lambda s: date_short(s.datum), width=90, wrap=False),
        Column("Signaal", lambda s: s.name, width=330, tooltip=lambda s: s.code),
        Column("Periode", lambda s: " – ".join(
            x for x in (date_short(s.start), date_short(s.eind)) if x), width=170),
        Column("Uren", lambda s: hours(s.uren), width=50, wrap=False, align_right=True),
        Column("Uiterlijk", lambda s: date_short(s.deadline), width=90, wrap=False,
               foreground=lambda s: OVERDUE if s.overdue else None, bold=lambda s: s.overdue),
        Column("Gemeld", lambda s: date_short(s.reported_on), width=90, wrap=False),
    ]  # fmt: skip


def form_columns() -> list[Column]:
    """Columns of the filled-in forms table."""
    return [
        Column("Formulier", lambda f: f.name, width=300),
        Column("Versie", lambda f: f.version, width=60, wrap=False),
        Column("Door", lambda f: f.author, width=100),
        Column(
            "Laatst bewaard",
            lambda f: f.updated_at.strftime("%d-%m-%Y %H:%M"),
            width=130,
            wrap=False,
        ),
    ]


class FactLabel(QLabel):
    """A header value that wraps onto a second line when it is too wide for one, and only
    when two lines are not enough elides (…), with the whole text as tooltip.

    :meth:`text` is the whole text; what is painted may be shortened to the width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        self._full = ""
        self._tip = ""

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """What is painted now (possibly ending in …)."""
        return super().text()

    def setToolTip(self, tip: str) -> None:
        self._tip = tip
        self._elide()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        metrics = self.fontMetrics()
        wrap = metrics.horizontalAdvance(self._full) > width and (
            two_line_width(self._full, metrics.horizontalAdvance) <= width
        )
        if wrap != self.wordWrap():
            self.setWordWrap(wrap)
        shown = (
            self._full
            if wrap
            else metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        )
        if shown != super().text():
            QLabel.setText(self, shown)
        tips = [self._full] if shown != self._full else []
        if self._tip:
            tips.append(self._tip)
        QLabel.setToolTip(self, "\n".join(tips))


def _drop_layout(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()

"""The ladder view: a region's escalation steps as a vertical stepper.

Plain data in (:class:`LadderDisplay`), Qt signals out; the widget never touches the
database or the plugin manager. Steps are drawn as a vertical line of numbered circles,
grouped by band: done (green ✓), the current step (highlighted, with a card showing who
is *in regie*, who is involved, the action checklist, the outcomes of a final step and
the button *Naar volgende stap…*), the possible next steps including branches (Den Haag
10a/10b, blue outline) and suggested steps with their Dutch reason (amber), the rest
greyed.

Signals of :class:`LadderStepper`:

* ``actionToggled(str action_id, bool done)`` — a checklist box was (un)ticked.
* ``moveRequested(str target_stage_id, str reason, object decision, object date)`` —
  the user confirmed :class:`MoveStageDialog`; ``decision`` is a decision id or None,
  ``date`` a :class:`datetime.date`.

Feeding it::

    display = LadderDisplay(
        steps=(
            LadderStep("dh-05", "5", "JES", band="Thuiszittersproces", status=StepStatus.DONE),
            LadderStep("dh-09", "9", "Casus loopt vast", band="Thuiszittersproces",
                       status=StepStatus.CURRENT, regie="COPA", involved=("LPA", "SMW"),
                       actions=(LadderAction("a1", "Casus opnieuw in het JES", done=True),),
                       next_ids=("dh-10a", "dh-10b")),
            LadderStep("dh-10a", "10a", "Expertisetafel Complexe Zorg",
                       band="Doorbraakproces", status=StepStatus.SUGGESTED,
                       reason="jeugdhulp dominant"),
            ...
        ),
        today=date.today(),
    )
    ladder = LadderStepper(display)
    ladder.moveRequested.connect(service.move_case)   # (target, reason, decision, date)
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

__all__ = ["LadderStepper"]
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.ladder_model import (
    LadderDisplay,
    LadderStep,
    StepStatus,
)
from verzuimdesk.gui.ladder_move_dialog import (
    MoveStageDialog,
)
from verzuimdesk.gui.qt_layouts import clear_layout

# ------------------------------------------------------------------------------ data


# ----------------------------------------------------------------------------- style

_STYLE = {
    # status: (circle fill, circle border, number colour, name colour)
    StepStatus.DONE: ("#16a34a", "#16a34a", "#ffffff", "#1f2937"),
    StepStatus.CURRENT: ("#2563eb", "#2563eb", "#ffffff", "#0f172a"),
    StepStatus.NEXT: ("#ffffff", "#2563eb", "#1d4ed8", "#1f2937"),
    StepStatus.SUGGESTED: ("#fffbeb", "#d97706", "#b45309", "#1f2937"),
    StepStatus.OTHER: ("#ffffff", "#cbd5e1", "#94a3b8", "#94a3b8"),
}
_TAGS = {
    StepStatus.DONE: "afgerond",
    StepStatus.CURRENT: "huidige stap",
    StepStatus.NEXT: "mogelijke volgende stap",
    StepStatus.SUGGESTED: "voorgesteld",
    StepStatus.OTHER: "",
}
_TAG_COLOURS = {
    StepStatus.DONE: "#15803d",
    StepStatus.CURRENT: "#1d4ed8",
    StepStatus.NEXT: "#1d4ed8",
    StepStatus.SUGGESTED: "#b45309",
    StepStatus.OTHER: "#94a3b8",
}
_CIRCLE = 26
_RAIL_X = 22  # centre of the circles


class _StepRow(QWidget):
    """One painted row: the rail with its circle, the number, name, band and status tag."""

    def __init__(
        self,
        step: LadderStep,
        first: bool,
        last: bool,
        prev_done: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self._first = first
        self._last = last
        self._prev_done = prev_done
        self.card: QWidget | None = None  # the card hangs under the current row
        #: Where the last paint put the status tag and the subtitle (for tests).
        self.painted: dict[str, QRectF] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._row_height())
        bold = QFont(self.font())
        bold.setBold(True)
        self._bold = bold
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        self._small = small
        self._small_bold = QFont(small)
        self._small_bold.setBold(True)
        tag = self.tag_text()
        self.setAccessibleName(f"Stap {step.number}: {step.name}" + (f" — {tag}" if tag else ""))
        tip = [f"<b>{step.number}. {step.name}</b>"]
        if step.band:
            tip.append(f"Fase: {step.band}")
        if step.regie:
            tip.append(f"In regie: {step.regie}")
        if step.involved:
            tip.append("Betrokken: " + ", ".join(step.involved))
        if step.entered_on:
            tip.append(f"Sinds {date_short(step.entered_on)}")
        if step.description:
            tip.append(f"<i>{step.description}</i>")
        self.setToolTip("<br>".join(tip))

    def tag_text(self) -> str:
        """The status text of the step (``voorgesteld · signaal duo-lrv``)."""
        tag = _TAGS[self.step.status]
        if self.step.status is StepStatus.SUGGESTED and self.step.reason:
            return f"{tag} · {self.step.reason}"
        if self.step.status is StepStatus.DONE and self.step.entered_on:
            return f"{tag} · {date_short(self.step.entered_on)}"
        return tag

    def subtitle(self) -> str:
        """The line under the name: why a step is suggested."""
        if self.step.status is StepStatus.SUGGESTED and self.step.reason:
            return f"Voorgesteld: {self.step.reason}"
        return ""

    def _row_height(self) -> int:
        return 50 if self.subtitle() else 40

    def sizeHint(self) -> QSize:
        return QSize(360, self._row_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self._row_height())

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted = {}
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self.step
        fill, border, number_colour, name_colour = _STYLE[step.status]
        h = self.height()
        cy = h / 2
        if step.status is StepStatus.CURRENT:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eff6ff"))
            painter.drawRoundedRect(QRectF(2, 1, self.width() - 4, h - 2), 6, 6)
        # the rail above and below the circle
        done_line = QPen(QColor("#16a34a"), 2)
        rest_line = QPen(QColor("#cbd5e1"), 2, Qt.PenStyle.SolidLine)
        if not self._first:
            painter.setPen(
                done_line
                if self._prev_done and step.status in (StepStatus.DONE, StepStatus.CURRENT)
                else rest_line
            )
            painter.drawLine(QPointF(_RAIL_X, 0), QPointF(_RAIL_X, cy - _CIRCLE / 2))
        if not self._last or self.card is not None:
            painter.setPen(done_line if step.status is StepStatus.DONE else rest_line)
            painter.drawLine(QPointF(_RAIL_X, cy + _CIRCLE / 2), QPointF(_RAIL_X, h))
        # the circle
        painter.setPen(QPen(QColor(border), 2))
        painter.setBrush(QColor(fill))
        radius = _CIRCLE / 2 + (1 if step.status is StepStatus.CURRENT else 0)
        painter.drawEllipse(QPointF(_RAIL_X, cy), radius, radius)
        if step.status is StepStatus.CURRENT:
            painter.setPen(QPen(QColor(37, 99, 235, 70), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(_RAIL_X, cy), radius + 3, radius + 3)
        circle = QRectF(_RAIL_X - _CIRCLE / 2, cy - _CIRCLE / 2, _CIRCLE, _CIRCLE)
        if step.status is StepStatus.DONE:
            painter.setPen(
                QPen(
                    QColor("#ffffff"),
                    2.4,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            c = circle.center()
            painter.drawPolyline(
                [
                    QPointF(c.x() - 5.5, c.y()),
                    QPointF(c.x() - 1.5, c.y() + 4),
                    QPointF(c.x() + 5.5, c.y() - 4),
                ]
            )
        else:
            painter.setPen(QColor(number_colour))
            painter.setFont(self._small_bold if len(step.number) > 2 else self._bold)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, step.number)
        # the name, the subtitle and the tag
        left = _RAIL_X + _CIRCLE / 2 + 12
        subtitle = self.subtitle()
        tag = _TAGS[step.status] if subtitle else self.tag_text()
        metrics_small = QFontMetrics(self._small_bold)
        name_font = self._bold if step.status is StepStatus.CURRENT else QFont(self.font())
        name_needed = QFontMetrics(name_font).horizontalAdvance(step.name) + 14
        tag_w = metrics_small.horizontalAdvance(tag) + 16 if tag else 0
        if tag != _TAGS[step.status] and self.width() - left - tag_w < name_needed:
            tag = _TAGS[step.status]  # narrow: the name first, the date is in the tooltip
            tag_w = metrics_small.horizontalAdvance(tag) + 16 if tag else 0
        max_tag = max(0, int((self.width() - left) * 0.55))
        if tag_w > max_tag:
            tag = metrics_small.elidedText(tag, Qt.TextElideMode.ElideRight, max_tag - 16)
            tag_w = max_tag if tag else 0
        painter.setFont(name_font)
        painter.setPen(QColor(name_colour))
        name_w = self.width() - left - tag_w - 14
        name = QFontMetrics(name_font).elidedText(
            step.name, Qt.TextElideMode.ElideRight, int(name_w)
        )
        name_rect = QRectF(left, 0, name_w, h)
        tag_cy, tag_h = cy, 20.0
        if subtitle:
            line = QFontMetrics(name_font).height()
            sub_line = QFontMetrics(self._small).height()
            top = (h - line - sub_line - 2) / 2
            name_rect = QRectF(left, top, name_w, line)
            tag_cy, tag_h = top + line / 2 - 1, 17.0  # beside the name, clear of the subtitle
            painter.save()
            painter.setFont(self._small)
            painter.setPen(QColor(_TAG_COLOURS[step.status]))
            sub = QFontMetrics(self._small).elidedText(
                subtitle, Qt.TextElideMode.ElideRight, int(self.width() - left - 12)
            )
            sub_rect = QRectF(left, top + line + 2, self.width() - left - 12, sub_line)
            self.painted["subtitle"] = sub_rect
            painter.drawText(
                sub_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, sub
            )
            painter.restore()
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name
        )
        if tag:
            colour = QColor(_TAG_COLOURS[step.status])
            pill = QRectF(self.width() - tag_w - 8, tag_cy - tag_h / 2, tag_w, tag_h)
            self.painted["tag"] = pill
            back = QColor(colour)
            back.setAlpha(24 if step.status is not StepStatus.OTHER else 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(pill, tag_h / 2, tag_h / 2)
            painter.setPen(colour)
            painter.setFont(self._small_bold)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, tag)
        painter.end()


class _BandHeading(QWidget):
    """A band's name between the steps, with the rail running through it."""

    def __init__(self, text: str, rail_done: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self._rail_done = rail_done
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self._font = font
        self.setFixedHeight(QFontMetrics(font).height() + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Fase {text}")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self.property("first"):
            painter.setPen(QPen(QColor("#16a34a" if self._rail_done else "#cbd5e1"), 2))
            painter.drawLine(QPointF(_RAIL_X, 0), QPointF(_RAIL_X, self.height()))
        painter.setFont(self._font)
        painter.setPen(QColor("#64748b"))
        left = _RAIL_X + _CIRCLE / 2 + 12
        painter.drawText(
            QRectF(left, 4, self.width() - left, self.height() - 4),
            Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
            self.text.upper(),
        )
        painter.setPen(QPen(QColor("#e2e8f0"), 1))
        text_w = QFontMetrics(self._font).horizontalAdvance(self.text.upper())
        y = self.height() - QFontMetrics(self._font).height() / 2 - 1
        painter.drawLine(QPointF(left + text_w + 10, y), QPointF(self.width() - 8, y))
        painter.end()


class _RailSpacer(QWidget):
    """Keeps the rail going beside the current step's card."""

    def __init__(self, done_below: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._done_below = done_below
        self.setFixedWidth(_RAIL_X + _CIRCLE // 2 + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#cbd5e1"), 2))
        painter.drawLine(QPointF(_RAIL_X, 0), QPointF(_RAIL_X, self.height()))
        painter.end()


class _ClickLabel(QLabel):
    """A wrapping label that toggles its check box when clicked (QCheckBox cannot wrap)."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self._box.toggle()
        super().mouseReleaseEvent(event)


class _CurrentCard(QFrame):
    """Regie, involved roles, checklist, outcomes and the move button of the current step."""

    def __init__(self, stepper: LadderStepper, step: LadderStep, can_move: bool) -> None:
        super().__init__(stepper)
        self.setObjectName("currentStepCard")
        self.setStyleSheet(
            "#currentStepCard { background: #ffffff; border: 1px solid #bfdbfe;"
            " border-left: 3px solid #2563eb; border-radius: 6px; }"
            "#currentStepCard QLabel { background: transparent; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)

        facts = QFormLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        facts.setHorizontalSpacing(12)
        facts.setVerticalSpacing(4)
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # step.regie may be a person's name: escaped, never HTML (issue 11).
        regie = QLabel(f"<b>{html.escape(step.regie or 'nog niet bepaald')}</b>")
        regie.setTextFormat(Qt.TextFormat.RichText)
        regie.setWordWrap(True)  # a long role name must not widen (and clip) the whole ladder
        regie.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        regie.setAccessibleName(f"In regie: {step.regie or 'nog niet bepaald'}")
        self.regie_label = regie
        self.regie_button: QPushButton | None = None
        if step.regie_changeable:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(8)
            line.addWidget(regie, 1)
            button = QPushButton("Regie &wijzigen…")
            button.setAccessibleName("Regie wijzigen")
            button.setToolTip("De regie overdragen aan een andere rol of persoon (Alt+W)")
            button.setAutoDefault(False)
            button.setStyleSheet(
                "QPushButton { background: #ffffff; color: #1d4ed8; border: 1px solid #bfdbfe;"
                " border-radius: 4px; padding: 2px 8px; }"
                "QPushButton:hover { background: #eff6ff; }"
                "QPushButton:focus { border: 2px solid #1e3a8a; }"
            )
            button.clicked.connect(stepper.regieRequested)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.regie_button = button
            facts.addRow(self._key("In regie"), row)
        else:
            facts.addRow(self._key("In regie"), regie)
        involved = QLabel(", ".join(step.involved) if step.involved else "—")
        involved.setWordWrap(True)
        involved.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        involved.setAccessibleName("Betrokken: " + (", ".join(step.involved) or "niemand"))
        self.involved_label = involved
        facts.addRow(self._key("Betrokken"), involved)
        if step.entered_on:
            facts.addRow(self._key("Sinds"), QLabel(date_short(step.entered_on)))
        layout.addLayout(facts)
        if step.note:
            note = QLabel(step.note)
            note.setWordWrap(True)
            note.setStyleSheet("color: #475569; font-style: italic;")
            layout.addWidget(note)

        self.checkboxes: dict[str, QCheckBox] = {}
        if step.actions:
            done = sum(1 for a in step.actions if a.done)
            header = QLabel(
                f"<b>Acties</b> <span style='color:#64748b'>· {done} van "
                f"{len(step.actions)} gedaan</span>"
            )
            header.setTextFormat(Qt.TextFormat.RichText)
            header.setContentsMargins(0, 6, 0, 0)
            self.progress_label = header
            layout.addWidget(header)
            for action in step.actions:
                text = action.text
                extras = [x for x in (action.role, "" if action.required else "optioneel") if x]
                if extras:
                    text += f"  ({', '.join(extras)})"
                box = QCheckBox()
                box.setChecked(action.done)
                box.setAccessibleName(action.text)
                box.toggled.connect(
                    lambda checked, action_id=action.id: stepper._on_action_toggled(
                        action_id, checked
                    )
                )
                self.checkboxes[action.id] = box
                line = QHBoxLayout()
                line.setContentsMargins(0, 0, 0, 0)
                line.setSpacing(6)
                line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
                line.addWidget(_ClickLabel(text, box), 1)
                layout.addLayout(line)

        if step.outcomes:
            header = QLabel("<b>Mogelijke uitkomsten</b>" if step.final else "<b>Uitkomsten</b>")
            header.setContentsMargins(0, 6, 0, 0)
            layout.addWidget(header)
            for outcome in step.outcomes:
                text = f"•  {outcome.name}"
                label = QLabel(text)
                label.setWordWrap(True)
                if outcome.description:
                    label.setToolTip(outcome.description)
                layout.addWidget(label)
        if step.final:
            final = QLabel("Eindstap: de casus kan hier worden afgesloten met een uitkomst.")
            final.setWordWrap(True)
            final.setStyleSheet("color: #475569;")
            layout.addWidget(final)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 8, 0, 0)
        buttons.addStretch(1)
        self.move_button = QPushButton("&Naar volgende stap…")
        self.move_button.setAccessibleName("Naar volgende stap")
        self.move_button.setEnabled(can_move)
        self.move_button.setToolTip(
            "De casus naar een volgende stap verplaatsen (Alt+N)"
            if can_move
            else "Vanaf deze stap is geen volgende stap mogelijk"
        )
        self.move_button.setDefault(False)
        self.move_button.setAutoDefault(False)
        self.move_button.setStyleSheet(
            "QPushButton { background: #2563eb; color: #ffffff; border: 1px solid #1d4ed8;"
            " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
            "QPushButton:hover { background: #1d4ed8; }"
            "QPushButton:focus { border: 2px solid #1e3a8a; }"
            "QPushButton:disabled { background: #e2e8f0; color: #94a3b8;"
            " border-color: #cbd5e1; }"
        )
        self.move_button.clicked.connect(stepper.open_move_dialog)
        buttons.addWidget(self.move_button)
        layout.addLayout(buttons)

    @staticmethod
    def _key(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("color: #64748b;")
        return label


class LadderStepper(QWidget):
    """The region's ladder for one case, as a vertical stepper.

    :param display: the ladder to show (may be set later with :meth:`set_display`).

    Signals: ``actionToggled(str action_id, bool done)``,
    ``moveRequested(str target_stage_id, str reason, object decision, object date)``
    (``decision``: a decision id or None; ``date``: :class:`datetime.date`) and
    ``regieRequested()`` (*Regie wijzigen…* on a step with ``regie_changeable``).
    """

    actionToggled = Signal(str, bool)
    moveRequested = Signal(str, str, object, object)
    regieRequested = Signal()

    def __init__(self, display: LadderDisplay | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Stappen van de route")
        self._display: LadderDisplay | None = None
        self._dialog: MoveStageDialog | None = None
        self._rows: dict[str, _StepRow] = {}
        self._card: _CurrentCard | None = None

        self._title = QLabel()
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() + 1)
        self._title.setFont(title_font)
        self._title.setContentsMargins(10, 6, 0, 4)

        self._body = QWidget()
        self._body.setObjectName("ladderBody")
        self._body.setStyleSheet("#ladderBody { background: #ffffff; }")
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setContentsMargins(8, 4, 8, 8)
        self._body_layout.setSpacing(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._body)
        scroll.setStyleSheet("QScrollArea { background: #ffffff; }")
        self._scroll = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._title)
        layout.addWidget(scroll, 1)
        self.set_display(display)

    # ----------------------------------------------------------------------- public

    def display(self) -> LadderDisplay | None:
        """The ladder shown."""
        return self._display

    def set_display(self, display: LadderDisplay | None) -> None:
        """Show another ladder state (after a move, a ticked action, ...)."""
        self._display = display
        dialog = self._dialog
        if dialog is not None and dialog.isVisible() and not dialog.emitting:
            dialog.reject()  # it was asked about a ladder state that is gone
        clear_layout(self._body_layout, hide=True)
        self._rows.clear()
        self._card = None
        self._title.setText(display.title if display else "")
        self._title.setVisible(bool(display and display.title))
        if not display or not display.steps:
            empty = QLabel("Geen route beschikbaar voor deze casus.")
            empty.setStyleSheet("color: #64748b; padding: 12px;")
            self._body_layout.addWidget(empty)
            self._body_layout.addStretch(1)
            return
        band = None
        steps = display.steps
        for i, step in enumerate(steps):
            prev_done = i > 0 and steps[i - 1].status is StepStatus.DONE
            if step.band and step.band != band:
                band = step.band
                rail_done = prev_done and step.status in (StepStatus.DONE, StepStatus.CURRENT)
                heading = _BandHeading(band, rail_done, self._body)
                if i == 0:
                    heading._rail_done = False
                    heading.setProperty("first", True)
                self._body_layout.addWidget(heading)
            row = _StepRow(step, i == 0, i == len(steps) - 1, prev_done, self._body)
            self._rows[step.id] = row
            self._body_layout.addWidget(row)
            if step.status is StepStatus.CURRENT:
                card = _CurrentCard(self, step, bool(display.move_targets()))
                row.card = card
                self._card = card
                holder = QWidget(self._body)
                hold = QHBoxLayout(holder)
                hold.setContentsMargins(0, 2, 0, 8)
                hold.setSpacing(0)
                hold.addWidget(_RailSpacer(False, holder))
                hold.addWidget(card, 1)
                self._body_layout.addWidget(holder)
        self._body_layout.addStretch(1)
        if self._card is not None:
            self._card.move_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def step_status(self, step_id: str) -> StepStatus:
        """The status a step is shown with (KeyError when unknown)."""
        return self._rows[step_id].step.status

    def step_tag(self, step_id: str) -> str:
        """The status text shown beside a step (``voorgesteld · signaal duo-lrv``)."""
        return self._rows[step_id].tag_text()

    def action_checkbox(self, action_id: str) -> QCheckBox:
        """The checkbox of an action of the current step (KeyError when unknown)."""
        if self._card is None:
            raise KeyError(action_id)
        return self._card.checkboxes[action_id]

    @property
    def move_button(self) -> QPushButton | None:
        """The *Naar volgende stap…* button (None without a current step)."""
        return self._card.move_button if self._card else None

    @property
    def regie_button(self) -> QPushButton | None:
        """The *Regie wijzigen…* button (None when the current step has no regie options)."""
        return self._card.regie_button if self._card else None

    @property
    def regie_text(self) -> str:
        """Who is in regie at the current step, as shown."""
        return self._card.regie_label.accessibleName() if self._card else ""

    def open_move_dialog(self) -> MoveStageDialog | None:
        """Open the (non-blocking) move dialog; returns it, or None without targets."""
        display = self._display
        if display is None or display.current is None or not display.move_targets():
            return None
        if self._dialog is not None:
            if self._dialog.isVisible():
                self._dialog.raise_()
                self._dialog.activateWindow()
                return self._dialog
            # A closed dialog is kept until the next one opens: dropping the last
            # reference from inside its own ``finished`` signal crashes PySide6.
            self._dialog.deleteLater()
        dialog = MoveStageDialog(display, self)
        dialog.moveRequested.connect(self.moveRequested)
        self._dialog = dialog
        dialog.show()
        return dialog

    # ---------------------------------------------------------------------- private

    def _on_action_toggled(self, action_id: str, checked: bool) -> None:
        if self._card is not None and hasattr(self._card, "progress_label"):
            boxes = self._card.checkboxes.values()
            done = sum(1 for b in boxes if b.isChecked())
            self._card.progress_label.setText(
                f"<b>Acties</b> <span style='color:#64748b'>· {done} van {len(boxes)} gedaan</span>"
            )
        self.actionToggled.emit(action_id, checked)

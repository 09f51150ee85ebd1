"""The region's checklists of a case: criteria, risk factors and advice to tick.

A :class:`ChecklistsPanel` shows one card per checklist (criteria first) with a
check box per item. It only displays; ticking emits ``answerToggled(item_id,
ticked)`` and the case file stores the answer through the cases service (one
transaction, undoable). A criteria card says which ladder step its ticks
suggest, so the user sees at once why the route now proposes, e.g., the
Amsterdam *doorstroomoverleg*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.ladder import ticked_items
from verzuimdesk.gui.qt_layouts import clear_layout
from verzuimdesk.plugins.api import TriggerKind

#: Display order and Dutch caption of the checklist kinds.
KIND_CAPTIONS: dict[str, str] = {
    "criteria": "Criteria",
    "risicofactoren": "Risicofactoren",
    "advies": "Advies",
}
#: What ticking means, per kind.
KIND_HINTS: dict[str, str] = {
    "criteria": "Vink aan welke criteria gelden.",
    "risicofactoren": "Vink aan welke risicofactoren spelen.",
    "advies": "Vink aan welk advies is opgevolgd.",
}


def _kind_order(kind: str) -> int:
    order = list(KIND_CAPTIONS)
    return order.index(kind) if kind in order else len(order)


def criterion_suggestions(
    ladder: Any, transitions: Iterable[Any], checklists: Sequence[Any]
) -> dict[str, list[str]]:
    """Checklist id -> the suggested next steps (``"D. Doorstroomoverleg"``) it triggers.

    A step counts when one of its ``CRITERION`` entry triggers names the checklist or
    one of its items and the ladder evaluator suggests the move now.
    """
    suggested = {t.stage_id: t for t in transitions if t.suggested and t.allowed}
    owner: dict[str, str] = {}
    for checklist in checklists:
        owner[checklist.id] = checklist.id
        for item in checklist.items:
            owner[item.id] = checklist.id
    out: dict[str, list[str]] = {}
    for stage in ladder.stages:
        if stage.id not in suggested:
            continue
        for trigger in stage.entry_triggers:
            if trigger.kind is TriggerKind.CRITERION and trigger.value in owner:
                label = f"stap {stage.number} ({stage.name})"
                targets = out.setdefault(owner[trigger.value], [])
                if label not in targets:
                    targets.append(label)
    return out


class _ItemLabel(QLabel):
    """The wrapping text of a checklist item; a click toggles its check box."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._box = box
        self.setWordWrap(True)
        self.setObjectName("checklistItemText")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Toggle the box like a click on the box itself."""
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.toggle()
        super().mouseReleaseEvent(event)


class ChecklistCard(QFrame):
    """One checklist: title, ticked count, description and the items."""

    def __init__(self, checklist: Any, role_names: Mapping[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.checklist = checklist
        self.setObjectName("checklistCard")
        self.setProperty("kind", checklist.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        head = QHBoxLayout()
        head.setSpacing(8)
        layout.addLayout(head)
        title = QLabel(checklist.name, self)
        title.setObjectName("checklistTitle")
        title.setWordWrap(True)
        caption = KIND_CAPTIONS.get(checklist.kind, checklist.kind)
        if caption.casefold() not in checklist.name.casefold():
            title.setToolTip(caption)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("checklistCount")
        head.addWidget(title, 1)
        head.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        hint = " ".join(x for x in (checklist.description, KIND_HINTS.get(checklist.kind)) if x)
        if hint:
            description = QLabel(hint, self)
            description.setObjectName("checklistDescription")
            description.setWordWrap(True)
            layout.addWidget(description)
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("checklistSuggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.hide()
        layout.addWidget(self.suggestion)
        items = QGridLayout()
        items.setContentsMargins(0, 4, 0, 0)
        items.setHorizontalSpacing(8)
        items.setVerticalSpacing(5)
        items.setColumnStretch(1, 1)
        layout.addLayout(items)
        self.boxes: dict[str, QCheckBox] = {}
        self.labels: dict[str, QLabel] = {}
        for row, item in enumerate(checklist.items):
            box = QCheckBox(self)
            box.setObjectName("checklistBox")
            box.setAccessibleName(item.text)
            label = _ItemLabel(item.text, box, self)
            role = role_names.get(item.role_id or "", "")
            if role:
                label.setToolTip(f"Vooral voor: {role}")
                box.setToolTip(f"Vooral voor: {role}")
            items.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            items.addWidget(label, row, 1)
            self.boxes[item.id] = box
            self.labels[item.id] = label

    def show_state(self, ticked: set[str], read_only: bool, suggestions: Sequence[str]) -> None:
        """Tick the boxes of ``ticked`` (without emitting), the count and any suggestion."""
        for item_id, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(item_id in ticked)
            box.blockSignals(False)
            box.setEnabled(not read_only)
        count = sum(1 for item_id in self.boxes if item_id in ticked)
        self.count_label.setText(f"{count} van {len(self.boxes)}")
        met = self.checklist.kind == "criteria" and count >= max(self.checklist.min_ticked, 1)
        self.setProperty("met", met)
        self.count_label.setProperty("met", met)
        for widget in (self, self.count_label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if suggestions:
            self.suggestion.setText(
                "★  Voldoet aan de criteria: de route stelt voor op te schalen naar "
                + " of ".join(suggestions)
                + "."
            )
        elif met:
            self.suggestion.setText("✓  Voldoet aan de criteria.")
        self.suggestion.setVisible(bool(suggestions) or met)


class ChecklistsPanel(QScrollArea):
    """Every checklist of a case as cards; emits ``answerToggled(item_id, ticked)``."""

    answerToggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistsPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget(self)
        self._body.setObjectName("checklistsBody")
        self._columns = QHBoxLayout(self._body)
        self._columns.setContentsMargins(10, 10, 10, 10)
        self._columns.setSpacing(12)
        self.setWidget(self._body)
        self._key: tuple[str, ...] | None = None
        self.cards: dict[str, ChecklistCard] = {}
        self._ticked: set[str] = set()

    def set_checklists(
        self,
        checklists: Sequence[Any],
        answers: Mapping[str, Any],
        *,
        read_only: bool = False,
        suggestions: Mapping[str, Sequence[str]] | None = None,
        role_names: Mapping[str, str] | None = None,
    ) -> None:
        """Show ``checklists`` with ``answers`` (item id -> answer) ticked.

        The cards are only rebuilt when the set of checklists changes, so a tick
        keeps the scroll position and the keyboard focus.
        """
        ordered = sorted(checklists, key=lambda c: _kind_order(c.kind))
        key = tuple(c.id for c in ordered)
        if key != self._key:
            self._build(ordered, role_names or {})
            self._key = key
        self._ticked = ticked_items(answers)
        suggestions = suggestions or {}
        for checklist_id, card in self.cards.items():
            card.show_state(self._ticked, read_only, suggestions.get(checklist_id, ()))

    def _build(self, checklists: Sequence[Any], role_names: Mapping[str, str]) -> None:
        clear_layout(self._columns)
        self.cards.clear()
        # Criteria and risk factors on the left, advice (long texts) on the right.
        left, right = QVBoxLayout(), QVBoxLayout()
        for column in (left, right):
            column.setSpacing(12)
            self._columns.addLayout(column, 1)
        for checklist in checklists:
            card = ChecklistCard(checklist, role_names, self._body)
            target = right if checklist.kind == "advies" and len(checklists) > 1 else left
            target.addWidget(card)
            self.cards[checklist.id] = card
            for item_id, box in card.boxes.items():
                box.toggled.connect(
                    lambda checked, iid=item_id: self.answerToggled.emit(iid, checked)
                )
        for column in (left, right):
            column.addStretch(1)
        if right.count() == 1:  # nothing on the right: one full-width column
            self._columns.setStretch(1, 0)

    def checkbox(self, item_id: str) -> QCheckBox:
        """The check box of checklist item ``item_id`` (KeyError when not shown)."""
        for card in self.cards.values():
            if item_id in card.boxes:
                return card.boxes[item_id]
        raise KeyError(item_id)

    def ticked_count(self) -> int:
        """How many shown items are ticked."""
        return sum(1 for card in self.cards.values() for i in card.boxes if i in self._ticked)


__all__ = ["ChecklistCard", "ChecklistsPanel", "criterion_suggestions"]

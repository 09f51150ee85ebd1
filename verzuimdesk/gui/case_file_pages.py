"""The case file's list pages (events, deadlines, forms): their tables and button bars.

Each builder lays out one tab page of a :class:`~verzuimdesk.gui.case_file.CaseFileView` and
connects its buttons to the view's actions; the view keeps the widgets it refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from verzuimdesk.core.services import cases
from verzuimdesk.gui.case_file_tables import _table

if TYPE_CHECKING:
    from verzuimdesk.gui.case_file import CaseFileView


def _bar(page: QWidget) -> tuple[QVBoxLayout, QHBoxLayout]:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(6, 6, 6, 6)
    bar = QHBoxLayout()
    layout.addLayout(bar)
    return layout, bar


def small_button(
    bar: QBoxLayout, text: str, on_click: Callable[[], Any], tooltip: str = ""
) -> QPushButton:
    """A compact button added to ``bar`` that calls ``on_click``."""
    button = QPushButton(text, bar.parentWidget())
    button.setObjectName("smallButton")
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda _=False: on_click())
    bar.addWidget(button)
    return button


def build_events_page(view: CaseFileView, page: QWidget) -> None:
    """The events: a button per kind of event a user adds, attachments, delete, the table."""
    layout, bar = _bar(page)
    view.event_buttons = {}
    for kind, label in cases.USER_EVENT_KINDS.items():
        view.event_buttons[kind] = small_button(bar, f"+ {label}", partial(view.add_event, kind))
    bar.addStretch(1)
    view.open_attachment_button = small_button(
        bar, "Bijlage openen", view.open_selected_attachment, "De pdf van de gekozen brief openen"
    )
    view.save_attachment_button = small_button(
        bar,
        "Bijlage opslaan…",
        view.save_selected_attachment,
        "De pdf van de gekozen brief opslaan als bestand",
    )
    view.delete_event_button = small_button(
        bar,
        "Verwijderen",
        view.delete_selected_event,
        "Verwijder de gekozen notitie (Del); Ctrl+Z zet terug",
    )
    view.events = _table(view.events_model, "eventsTable", page)
    layout.addWidget(view.events, 1)
    view.events.doubleClicked.connect(lambda *_: view.save_selected_attachment())
    view.events.selectionModel().selectionChanged.connect(
        lambda *_: view._update_attachment_buttons()
    )
    view._update_attachment_buttons()


def build_deadlines_page(view: CaseFileView, page: QWidget) -> None:
    """The case's deadlines, with *Afgehandeld…* (also on a double-click)."""
    layout, bar = _bar(page)
    view.done_button = small_button(bar, "Afgehandeld…", view.mark_selected_done)
    bar.addStretch(1)
    view.deadlines = _table(view.deadlines_model, "deadlinesTable", page)
    layout.addWidget(view.deadlines, 1)
    view.deadlines.doubleClicked.connect(lambda *_: view.mark_selected_done())


def build_forms_page(view: CaseFileView, page: QWidget) -> None:
    """The case's filled-in forms; the buttons for new forms are filled on refresh."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(6, 6, 6, 6)
    view.form_buttons = QHBoxLayout()
    layout.addLayout(view.form_buttons)
    view.forms = _table(view.forms_model, "formsTable", page)
    layout.addWidget(view.forms, 1)
    view.forms.doubleClicked.connect(lambda index: view.open_submission(index.row()))

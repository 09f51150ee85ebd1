"""Small layout chores shared by the desk's widgets and dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QLayout, QStackedWidget, QTabWidget, QVBoxLayout, QWidget


def styled_frame(
    object_name: str, margins: tuple[int, int, int, int], spacing: int | None = None
) -> tuple[QFrame, QVBoxLayout]:
    """A frame the style sheet knows by ``object_name``, with a vertical layout inside.

    ``margins`` are (left, top, right, bottom); ``spacing`` None keeps the style's.
    """
    frame = QFrame()
    frame.setObjectName(object_name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    return frame, layout


def grow_to_fit(window: QWidget) -> None:
    """Grow ``window`` to the height its wrapped texts need.

    A top-level's minimum size ignores height-for-width, so without this a message that
    wraps onto a second line was drawn over the field below it.
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    need = layout.totalHeightForWidth(window.width())
    if need > window.height():
        window.resize(window.width(), need)


def clear_layout(layout: QLayout, *, hide: bool = False) -> None:
    """Take every item out of ``layout`` (nested layouts too) and delete their widgets.

    ``hide``: hide each widget first, so it is not painted in the moment before the
    deferred delete.
    """
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        inner = item.layout()
        if inner is not None:
            clear_layout(inner, hide=hide)
        widget = item.widget()
        if widget is not None:
            if hide:
                widget.hide()
            widget.deleteLater()


_CORNERS = (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner)


class _SteadyTabs(QObject):
    """Event filter of :func:`skip_idle_tab_relayouts`."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._last: tuple[Any, ...] | None = None
        self._stack = tabs.findChild(
            QStackedWidget, "qt_tabwidget_stackedwidget", Qt.FindChildOption.FindDirectChildrenOnly
        )

    def _key(self) -> tuple[Any, ...]:
        tabs = self._tabs
        bar = tabs.tabBar()
        stack = self._stack
        corners = tuple(
            (corner.isVisible(), corner.sizeHint(), corner.minimumSizeHint())
            for corner in map(tabs.cornerWidget, _CORNERS)
            if corner is not None
        )
        return (
            tabs.size(),
            tabs.count(),
            bar.isVisible(),
            bar.sizeHint(),
            bar.minimumSizeHint(),
            None if stack is None else (stack.sizeHint(), stack.minimumSizeHint()),
            corners,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._last = self._key()  # QTabWidget lays itself out when shown
            return False
        if kind != QEvent.Type.LayoutRequest or not self._tabs.isVisible():
            return False
        key = self._key()
        if key == self._last:
            return True  # the same geometry again: no repaint of every page
        self._last = key
        return False


def skip_idle_tab_relayouts(tabs: QTabWidget) -> None:
    """Let ``tabs`` skip a layout request that changes none of its sizes.

    Every change of layout inside a page (a label's new text, a table's scroll bar) walks
    up to the tab widget one event-loop pass later, and QTabWidget answers each layout
    request by repainting the whole tab widget, even when nothing moved. A case file
    opened in a real window was painted two or three times over that way. The filter
    passes a request on only when the tab bar's, the pages' or the corner widgets' size
    hints, or the tab widget's size, differ from the last one passed on.
    """
    tabs.installEventFilter(_SteadyTabs(tabs))

"""Small layout chores shared by the desk's widgets and dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


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

"""Small layout chores shared by the desk's widgets and dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLayout, QVBoxLayout, QWidget


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

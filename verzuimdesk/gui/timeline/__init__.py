"""The case timeline: a custom-painted horizontal axis in lesweken.

The widget takes plain data (:class:`TimelineData`) and never touches the database.
Columns are calendar weeks from the week of the first absence day; school weeks are
labelled with their lesweek number (``wk 1``, ``wk 2``, ...), vacation weeks are hatched
grey and carry their name. The region's bands (Den Haag: *Verzuim* week 1–4,
*Thuiszittersproces* 5–12, *Doorbraakproces* 13+) are painted behind the plot, a line
marks today, every event is a marker whose shape and colour show its kind, and every
deadline is a badge: open (white), overdue (red, ``!``) or done (grey, ``✓``).

Interaction: hover shows a Dutch tooltip, a click (or Enter, or the arrow keys) selects
an item and emits :attr:`TimelineWidget.itemActivated` with its id;
:meth:`TimelineWidget.select_item` highlights one from outside without emitting.
Ctrl+wheel, ``+``/``-``, the toolbar buttons or :meth:`TimelineWidget.set_zoom` zoom;
Shift+wheel, the scrollbar, Home/End scroll.

Feeding it::

    data = TimelineData(
        first_absence=date(2024, 11, 4),
        today=date(2025, 2, 12),
        weeks=build_weeks(date(2024, 11, 4), date(2025, 3, 31),
                          vacations={date(2024, 12, 23): "Kerstvakantie",
                                     date(2024, 12, 30): "Kerstvakantie"}),
        bands=[Band("Verzuim", 1, 4, "#fde7c4"), Band("Thuiszittersproces", 5, 12, "#fbd3bf"),
               Band("Doorbraakproces", 13, None, "#f3c4cf")],
        events=[TimelineEvent("e1", date(2024, 11, 12), EventKind.TALK, "Gesprek met ouders")],
        deadlines=[TimelineDeadline("d1", date(2024, 11, 29), "DUO-melding 16 uur")],
    )
    timeline = TimelineWidget(data)
    timeline.itemActivated.connect(event_list.select_by_id)

The package: :mod:`.model` (the data, plain Python), :mod:`.layout` (where everything
goes at a zoom and scroll offset, plain Python), :mod:`.painting` (drawing),
:mod:`.canvas` (Qt input on the painted area) and :mod:`.widget` (legend, buttons,
scrollbar around the canvas).
"""

from verzuimdesk.gui.timeline.canvas import MarkerInfo
from verzuimdesk.gui.timeline.model import (
    Band,
    EventKind,
    TimelineData,
    TimelineDeadline,
    TimelineEvent,
    WeekSpan,
    build_weeks,
)
from verzuimdesk.gui.timeline.widget import TimelineWidget

__all__ = [
    "Band",
    "EventKind",
    "MarkerInfo",
    "TimelineData",
    "TimelineDeadline",
    "TimelineEvent",
    "TimelineWidget",
    "WeekSpan",
    "build_weeks",
]

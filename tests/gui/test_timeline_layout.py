"""The timeline's layout without Qt: columns, rows, zoom, scroll, hit tests, tooltips.

No QApplication is created here: text widths come from a stand-in measure.
"""

from __future__ import annotations

import datetime as dt

from verzuimdesk.gui.timeline.layout import (
    BAND_H,
    GUTTER,
    MAX_ZOOM,
    MIN_ZOOM,
    TimelineLayout,
)
from verzuimdesk.gui.timeline.model import (
    Band,
    EventKind,
    TimelineData,
    TimelineDeadline,
    TimelineEvent,
    build_weeks,
)

FIRST = dt.date(2024, 11, 4)
TODAY = dt.date(2025, 2, 12)


def _data(events: int = 3) -> TimelineData:
    return TimelineData(
        first_absence=FIRST,
        today=TODAY,
        weeks=build_weeks(
            FIRST,
            dt.date(2025, 3, 31),
            vacations={
                dt.date(2024, 12, 23): "Kerstvakantie",
                dt.date(2024, 12, 30): "Kerstvakantie",
            },
        ),
        bands=[
            Band("Verzuim", 1, 4, "#fde7c4"),
            Band("Thuiszittersproces", 5, 12, "#fbd3bf"),
            Band("Doorbraakproces", 13, None, "#f3c4cf"),
        ],
        events=[
            TimelineEvent(
                f"event:{n}", FIRST + dt.timedelta(days=7 * n + 1), EventKind.TALK, f"Gesprek {n}"
            )
            for n in range(events)
        ],
        deadlines=[
            TimelineDeadline("deadline:1", dt.date(2024, 11, 29), "DUO-melding 16 uur"),
            TimelineDeadline("deadline:2", dt.date(2025, 3, 3), "Overleg plannen"),
        ],
    )


def _layout(
    width: int = 1100, height: int = 300, data: TimelineData | None = None
) -> TimelineLayout:
    layout = TimelineLayout(lambda text: 6.0 * len(text))
    layout.resize(width, height)
    layout.set_data(data or _data())
    return layout


def test_columns_cover_every_item_with_vacations_and_bands() -> None:
    layout = _layout()
    mondays = [column.week.monday for column in layout.columns]
    assert mondays[0] == FIRST
    assert mondays[-1] >= dt.date(2025, 3, 31)
    vacations = layout.vacation_segments()
    assert [(label, end - start) for start, end, label in vacations] == [("Kerstvakantie", 2)]
    # the week after the vacation continues the lesweek count
    start, end, _ = vacations[0]
    assert layout.columns[end].week.index == layout.columns[start - 1].week.index + 1
    bands = [layout.bands[band].name for band, _s, _e in layout.band_segments()]
    assert bands == ["Verzuim", "Thuiszittersproces", "Doorbraakproces"]


def test_deadline_states_and_dutch_tooltips() -> None:
    layout = _layout()
    overdue = layout.item("deadline:1")
    open_ = layout.item("deadline:2")
    assert overdue is not None and overdue.state == "overdue"
    assert open_ is not None and open_.state == "open"
    assert "te laat" in overdue.tooltip
    assert "vr 29 nov 2024" in overdue.tooltip


def test_hit_testing_finds_the_marker_under_a_point() -> None:
    layout = _layout()
    item = layout.item("event:1")
    assert item is not None
    x, y = layout.item_center(item)
    assert layout.item_at(x, y) == "event:1"
    assert layout.tooltip_at(x, y) == item.tooltip
    assert layout.item_at(GUTTER - 1, y) is None
    # over the band strip, away from markers: the band's name
    assert "Verzuim" in layout.tooltip_at(x, BAND_H / 2)


def test_zoom_is_clamped_and_keeps_the_anchor() -> None:
    layout = _layout()
    layout.initial_view()
    assert layout.set_zoom(1000) is True
    assert layout.zoom == MAX_ZOOM
    assert layout.set_zoom(MAX_ZOOM) is False
    layout.set_zoom(1)
    assert layout.zoom == MIN_ZOOM
    layout.set_zoom(100, anchor_x=GUTTER)
    layout.set_scroll(300)
    before = (layout.scroll + 200) / layout.zoom
    layout.set_zoom(150, anchor_x=GUTTER + 200)
    assert abs((layout.scroll + 200) / layout.zoom - before) < 1e-6


def test_scroll_is_clamped_to_the_content() -> None:
    layout = _layout(width=400)
    layout.set_zoom(120)
    assert layout.set_scroll(-50) in (True, False)
    assert layout.scroll == 0.0
    layout.set_scroll(10**6)
    assert layout.scroll == layout.max_scroll() > 0


def test_first_view_fits_a_short_case_or_scrolls_to_today() -> None:
    wide = _layout(width=2400)
    assert wide.initial_view() is True
    assert wide.scroll == 0.0
    narrow = _layout(width=500)
    assert narrow.initial_view() is False
    today_x = narrow.screen_x(narrow.content_x(TODAY))
    assert GUTTER < today_x < narrow.width


def test_labels_give_way_when_rows_do_not_fit() -> None:
    many = _data(events=40)
    tall = _layout(height=600, data=many)
    assert tall.lanes.labels or tall.lanes.event_rows > 6
    short = _layout(height=140, data=many)
    assert short.lanes.labels is False
    assert short.full_height > short.height
    assert short.min_height is not None and short.min_height <= short.full_height


def test_reading_order_is_by_date() -> None:
    layout = _layout()
    days = [item.day for item in layout.reading_order()]
    assert days == sorted(days)

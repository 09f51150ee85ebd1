"""Where everything on the timeline goes: columns, marker rows, zoom and scroll.

Plain Python, so it can be tested without a ``QApplication``: the canvas gives it a
function that measures label widths, its size, and asks it for positions, hit tests
and tooltip texts. All coordinates are the canvas's (widget) coordinates unless a name
says ``content`` (x along the whole axis, before scrolling).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from verzuimdesk.core.dutch_dates import date_long
from verzuimdesk.gui.timeline.model import (
    DEADLINE_STYLE,
    EVENT_STYLE,
    Band,
    EventKind,
    TimelineData,
    WeekSpan,
)

R = 7.0  # marker radius
ROW_H = 24
LABEL_ROW_H = 16  # rows with labels are squeezed this far before the labels give way
MIN_ROW_H = 16  # rows of bare markers (2 * R + 2); squeezed further (overlapping) if need be
LANE_PAD = 7
BAND_H = 24
PILL_H = 20  # room at the top of the plot for the "vandaag" label
WEEK_H = 20
DATE_H = 16
MONTH_H = 18
GUTTER = 116
LABEL_GAP = 5
LABEL_MAX = 180  # a longer title is shortened after a whole word, with "…"
MIN_LABEL = 24  # less room than this beside a marker: no label (the tooltip has it)
ELLIPSIS = "…"
MAX_LABEL_ROWS = 6
MIN_ZOOM = 14.0
MAX_ZOOM = 260.0
DEFAULT_ZOOM = 64.0
ZOOM_STEP = 1.25
FIT_MIN_ZOOM = 44.0  # the first view shows the whole case when a week gets this much
FIT_MAX_ZOOM = 110.0

# Tooltip colours (rich text on Qt's dark tooltip background).
TIP_MUTED = "#cbd5e1"
TIP_ALERT = "#fca5a5"


def fit_words(text: str, room: float, measure: Callable[[str], float]) -> str:
    """``text`` when it fits in ``room``; else its longest run of whole words with "…"
    after it that fits; else "" (never a word cut in two).
    """
    text = " ".join(text.split())
    if measure(text) <= room:
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n]).rstrip(",;:–-—(")
        if not any(c.isalpha() for c in head):
            break  # "3.…" says nothing: better no label (the tooltip has it)
        if measure(head + ELLIPSIS) <= room:
            return head + ELLIPSIS
    return ""


def first_fitting(candidates: list[str], room: float, measure: Callable[[str], float]) -> str:
    """The first candidate that fits in ``room`` (each shortened at a word if need be)."""
    for text in candidates:
        if text and measure(text) <= room:
            return text
    for text in candidates:
        shorter = fit_words(text, room, measure)
        if shorter:
            return shorter
    return ""


def monday_of(day: dt.date) -> dt.date:
    """The Monday of the week of ``day``."""
    return day - dt.timedelta(days=day.weekday())


def _days_phrase(days: int) -> str:
    return "1 dag" if days == 1 else f"{days} dagen"


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle; edges count as inside, as with ``QRectF.contains``."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def adjusted(self, left: float, top: float, right: float, bottom: float) -> Box:
        """Like ``QRectF.adjusted``: the edges moved by the given amounts."""
        return Box(
            self.x + left, self.y + top, self.width - left + right, self.height - top + bottom
        )


@dataclass
class Item:
    """An event or deadline as placed on the timeline."""

    item_id: str
    lane: str  # "event" / "deadline"
    day: dt.date
    title: str
    state: str  # EventKind value or deadline state
    colour: str
    tooltip: str
    label_w: float = 0.0
    row: int = 0
    x: float = 0.0  # content x of the marker centre
    show_label: bool = True
    shown_w: float = 0.0  # width of the label as shown
    label: str = ""  # the title, or (too long) its first whole words and "…"
    shown: str = ""  # the label as painted: ``label`` or a shorter form of it, or ""


@dataclass
class Column:
    """One week column: the week and the lesweek that decides its band."""

    week: WeekSpan
    lesweek: int  # effective lesweek for band membership
    band: int | None = None  # index into bands


@dataclass
class Lanes:
    """The marker rows of both lanes after packing."""

    event_rows: int = 1
    deadline_rows: int = 1
    labels: bool = True
    items: list[Item] = field(default_factory=list)


class TimelineLayout:
    """The geometry of a timeline of a given size, zoom and scroll offset.

    :param measure: the width in pixels of a label text (the canvas's small font).
    :param size: the current (width, height) of the canvas; without it, the size given
        to :meth:`resize`.
    """

    def __init__(
        self,
        measure: Callable[[str], float],
        size: Callable[[], tuple[int, int]] | None = None,
    ) -> None:
        self._measure = measure
        self._given_size = (0, 0)
        self._size = size or (lambda: self._given_size)
        self.data: TimelineData | None = None
        self.columns: list[Column] = []
        self.bands: list[Band] = []
        self.items: list[Item] = []
        self.lanes = Lanes()
        self.row_h = float(ROW_H)
        self.zoom = DEFAULT_ZOOM
        self.scroll = 0.0
        self.scroll_to_today = True
        self.full_height = self.fixed_height() + 2 * ROW_H
        self.min_height: int | None = None

    @property
    def width(self) -> int:
        return self._size()[0]

    @property
    def height(self) -> int:
        return self._size()[1]

    def resize(self, width: int, height: int) -> None:
        """Set the size (when no ``size`` function was given) and lay out again."""
        self._given_size = (width, height)
        self.relayout()

    # ------------------------------------------------------------------ data

    def set_data(self, data: TimelineData | None) -> None:
        """Take new data; the next :meth:`initial_view` scrolls to today again."""
        self.data = data
        self.bands = list(data.bands) if data else []
        self.columns = self._build_columns(data) if data else []
        self.items = self._build_items(data) if data else []
        self.scroll_to_today = True
        self.relayout()

    def has_item(self, item_id: str | None) -> bool:
        return any(i.item_id == item_id for i in self.items)

    def item(self, item_id: str | None) -> Item | None:
        """The placed item with this id, if any."""
        return next((i for i in self.lanes.items if i.item_id == item_id), None)

    def _build_columns(self, data: TimelineData) -> list[Column]:
        given = sorted(
            {monday_of(w.monday): w for w in data.weeks}.values(), key=lambda w: w.monday
        )
        dates = [data.first_absence, data.today]
        dates += [e.date for e in data.events] + [d.due for d in data.deadlines]
        start = min([monday_of(data.first_absence), *(monday_of(d) for d in dates)])
        if given:
            start = min(start, given[0].monday)
        end = max([monday_of(d) for d in dates] + ([given[-1].monday] if given else []))
        end += dt.timedelta(days=7)  # one week of breathing room after the last item
        by_monday = {w.monday: w for w in given}
        first_monday = monday_of(data.first_absence)
        weeks: list[WeekSpan] = []
        monday = start
        last_index: int | None = None
        while monday <= end:
            week = by_monday.get(monday)
            if week is None:
                if monday < first_monday and not given:
                    index = -((first_monday - monday).days // 7) + 1
                elif given and monday < given[0].monday:
                    index = (given[0].index or 1) - (given[0].monday - monday).days // 7
                elif last_index == 0:
                    index = 0  # the pupil is at school (weeks of continued absence)
                else:
                    index = (last_index or 0) + 1
                week = WeekSpan(index, monday)
            if not week.is_vacation and week.index is not None:
                last_index = week.index
            weeks.append(week)
            monday += dt.timedelta(days=7)
        columns: list[Column] = []
        previous = 0
        for i, week in enumerate(weeks):
            if week.is_vacation or week.index is None:
                lesweek = previous
                # Vacation first: take the next school week's (not while the pupil is at
                # school, week 0 of continued absence: that vacation stays week 0).
                if i == 0 or (previous == 0 and week.index):
                    nxt = next((w.index for w in weeks[i:] if not w.is_vacation and w.index), 1)
                    lesweek = nxt if previous == 0 else previous
            else:
                lesweek = week.index
                previous = lesweek
            band = next((b for b, band in enumerate(self.bands) if band.contains(lesweek)), None)
            columns.append(Column(week, lesweek, band))
        return columns

    def _build_items(self, data: TimelineData) -> list[Item]:
        items: list[Item] = []
        for event in data.events:
            kind = EventKind.coerce(str(event.kind))
            _shape, colour, label = EVENT_STYLE[kind]
            lines = [f"<b>{html.escape(label)}</b>", html.escape(event.title)]
            lines.append(
                f"<span style='color:{TIP_MUTED}'>{html.escape(self.when(event.date))}</span>"
            )
            if event.detail:
                lines.append(f"<i>{html.escape(event.detail)}</i>")
            items.append(
                Item(
                    event.id,
                    "event",
                    event.date,
                    event.title,
                    kind.value,
                    colour,
                    "<br>".join(lines),
                )
            )
        for deadline in data.deadlines:
            if deadline.done:
                state = "done"
                status = "Afgerond" + (
                    f" op {date_long(deadline.done_on)}" if deadline.done_on else ""
                )
            elif deadline.due < data.today:
                state = "overdue"
                status = (
                    f"<span style='color:{TIP_ALERT}'><b>Verlopen</b>: "
                    f"{_days_phrase((data.today - deadline.due).days)} te laat</span>"
                )
            elif deadline.due == data.today:
                state = "open"
                status = "<b>Vandaag</b> uiterlijk"
            else:
                state = "open"
                status = f"Nog {_days_phrase((deadline.due - data.today).days)}"
            title = {
                "open": "Termijn",
                "overdue": "Termijn — verlopen",
                "done": "Termijn — afgerond",
            }[state]
            lines = [
                f"<b>{title}</b>",
                html.escape(deadline.title),
                f"<span style='color:{TIP_MUTED}'>Uiterlijk "
                f"{html.escape(self.when(deadline.due))}</span>",
                status,
            ]
            if deadline.detail:
                lines.append(f"<i>{html.escape(deadline.detail)}</i>")
            items.append(
                Item(
                    deadline.id,
                    "deadline",
                    deadline.due,
                    deadline.title,
                    state,
                    DEADLINE_STYLE[state][0],
                    "<br>".join(lines),
                )
            )
        for item in items:
            item.label = fit_words(item.title, LABEL_MAX, self._measure)
            item.label_w = self._measure(item.label) if item.label else 0.0
        items.sort(key=lambda i: (i.day, i.lane, i.item_id))
        return items

    def when(self, day: dt.date) -> str:
        """``wo 20 nov 2024 · lesweek 3`` (or the vacation's name) for a tooltip."""
        column = self.column_for(day)
        if column is None:
            return date_long(day)
        if column.week.is_vacation:
            return f"{date_long(day)} · {column.week.label or 'vakantie'}"
        if column.week.index is not None and column.week.index >= 1:
            return f"{date_long(day)} · lesweek {column.week.index}"
        return date_long(day)

    def column_for(self, day: dt.date) -> Column | None:
        if not self.columns:
            return None
        i = (monday_of(day) - self.columns[0].week.monday).days // 7
        return self.columns[i] if 0 <= i < len(self.columns) else None

    def content_x(self, day: dt.date) -> float:
        if not self.columns:
            return 0.0
        weeks = (monday_of(day) - self.columns[0].week.monday).days / 7
        return (weeks + (day.weekday() + 0.5) / 7) * self.zoom

    def content_width(self) -> float:
        width = len(self.columns) * self.zoom
        for item in self.lanes.items:
            if item.show_label:
                width = max(width, item.x + R + LABEL_GAP + item.shown_w + 4)
        return width + 12

    # ------------------------------------------------------------------ rows

    def _pack(self, items: list[Item], labels: bool) -> int:
        """Assign rows greedily; with ``labels`` a marker's row also holds its label.

        With ``labels`` a marker goes to the first row where it and its whole label fit
        before what is already there, else to a new row. Without ``labels`` the markers
        are packed tightly and each keeps what fits of its label before the next marker
        in its row: its first whole words and "…", or nothing (the tooltip has it).
        """
        ends: list[float] = []
        for item in items:
            left = item.x - R - 2
            label_w = (LABEL_GAP + item.label_w) if labels and item.label_w else 0
            right = item.x + R + 2 + label_w
            for row, end in enumerate(ends):
                if left > end + 4:
                    ends[row] = right
                    item.row = row
                    break
            else:
                ends.append(right)
                item.row = len(ends) - 1
            item.show_label = labels and bool(item.label_w)
            item.shown_w = item.label_w if item.show_label else 0.0
            item.shown = item.label if item.show_label else ""
        if not labels:
            rows: dict[int, list[Item]] = {}
            for item in items:
                rows.setdefault(item.row, []).append(item)
            for row_items in rows.values():
                for this, nxt in zip(row_items, [*row_items[1:], None], strict=True):
                    room = (nxt.x - R - 6 if nxt else math.inf) - (this.x + R + LABEL_GAP)
                    if room < MIN_LABEL:
                        continue
                    shown = fit_words(this.label, room, self._measure) if this.label else ""
                    if shown:
                        this.show_label = True
                        this.shown_w = self._measure(shown)
                        this.shown = shown
        return max(1, len(ends))

    def relayout(self) -> None:
        """Pack the markers into rows that fit the height.

        Labels are shown when their rows fit (squeezed down to ``LABEL_ROW_H``);
        otherwise the markers are packed tightly with what fits of their labels, in rows
        squeezed (overlapping if need be) into the room there is. The axis (lesweek,
        Monday, month) thus always stays in view at the bottom; :attr:`full_height` is
        the height with every label.
        """
        items = self.items
        for item in items:
            item.x = self.content_x(item.day)
        events = [i for i in items if i.lane == "event"]
        deadlines = [i for i in items if i.lane == "deadline"]
        bare_rows = self._pack(events, False) + self._pack(deadlines, False)
        event_rows = self._pack(events, True)
        deadline_rows = self._pack(deadlines, True)
        self.full_height = self.fixed_height() + (event_rows + deadline_rows) * ROW_H
        self.min_height = self.fixed_height() + min(bare_rows, 3) * MIN_ROW_H
        room = self.height - self.fixed_height()
        labels = (
            max(event_rows, deadline_rows) <= MAX_LABEL_ROWS
            and (event_rows + deadline_rows) * LABEL_ROW_H <= room
        )
        if not labels:
            event_rows = self._pack(events, False)
            deadline_rows = self._pack(deadlines, False)
        rows = event_rows + deadline_rows
        floor = LABEL_ROW_H if labels else 4.0
        self.row_h = float(max(floor, min(ROW_H, room / rows)))
        if self.row_h < MIN_ROW_H:  # rows overlap: their text would too
            for item in items:
                item.show_label = False
                item.shown = ""
        self.lanes = Lanes(event_rows, deadline_rows, labels, items)

    @staticmethod
    def fixed_height() -> int:
        """The height without the marker rows."""
        return BAND_H + PILL_H + 4 * LANE_PAD + WEEK_H + DATE_H + MONTH_H + 6

    # ------------------------------------------------------------------ geometry

    def axis_top(self) -> float:
        return self.height - (WEEK_H + DATE_H + MONTH_H + 6)

    def deadline_lane(self) -> tuple[float, float]:
        bottom = self.axis_top()
        height = self.lanes.deadline_rows * self.row_h + 2 * LANE_PAD
        return bottom - height, bottom

    def event_lane(self) -> tuple[float, float]:
        return BAND_H + PILL_H, self.deadline_lane()[0]

    def today_pill(self, text_w: float) -> Box | None:
        """Where the "vandaag" pill goes: centred on today's line, but kept whole inside
        the plot (beside the gutter, before the right edge) when today is near an edge.
        """
        if not self.data:
            return None
        w = text_w + 12
        x = self.screen_x(self.content_x(self.data.today)) - w / 2
        x = max(GUTTER + 2, min(x, self.width - w - 2))
        return Box(x, BAND_H + 3, w, PILL_H - 5)

    def screen_x(self, content_x: float) -> float:
        return GUTTER + content_x - self.scroll

    def view_width(self) -> float:
        return max(1.0, self.width - GUTTER)

    def item_center(self, item: Item) -> tuple[float, float]:
        top = self.event_lane()[0] if item.lane == "event" else self.deadline_lane()[0]
        y0 = top + LANE_PAD
        return self.screen_x(item.x), y0 + item.row * self.row_h + self.row_h / 2

    def item_box(self, item: Item) -> Box:
        x, y = self.item_center(item)
        return Box(x - R, y - R, 2 * R, 2 * R)

    def hit_box(self, item: Item) -> Box:
        box = self.item_box(item).adjusted(-3, -4, 3, 4)
        if item.show_label:
            box = Box(box.x, box.y, box.width + LABEL_GAP + item.shown_w, box.height)
        return box

    def visible_columns(self) -> range:
        first = max(0, int(self.scroll // self.zoom) - 1)
        last = min(len(self.columns), int((self.scroll + self.view_width()) // self.zoom) + 2)
        return range(first, last)

    def col_x(self, col: int) -> float:
        return self.screen_x(col * self.zoom)

    def band_segments(self) -> list[tuple[int, int, int]]:
        """(band index, first column, end column) of each run of columns in one band."""
        segments: list[tuple[int, int, int]] = []
        start = 0
        for i in range(1, len(self.columns) + 1):
            if i == len(self.columns) or self.columns[i].band != self.columns[start].band:
                band = self.columns[start].band
                if band is not None:
                    segments.append((band, start, i))
                start = i
        return segments

    def vacation_segments(self) -> list[tuple[int, int, str]]:
        """(first column, end column, name) of each vacation."""
        segments: list[tuple[int, int, str]] = []
        i = 0
        while i < len(self.columns):
            week = self.columns[i].week
            if week.is_vacation:
                j = i
                while (
                    j + 1 < len(self.columns)
                    and self.columns[j + 1].week.is_vacation
                    and self.columns[j + 1].week.label == week.label
                ):
                    j += 1
                segments.append((i, j + 1, week.label or "Vakantie"))
                i = j + 1
            else:
                i += 1
        return segments

    def month_starts(self) -> list[tuple[float, dt.date]]:
        """Screen x and date of the first of every month the columns cover."""
        first_day = self.columns[0].week.monday
        last_day = self.columns[-1].week.monday + dt.timedelta(days=6)
        months: list[tuple[float, dt.date]] = []
        cursor = dt.date(first_day.year, first_day.month, 1)
        while cursor <= last_day:
            x = self.screen_x(self.content_x(cursor) - self.zoom * 0.5 / 7)
            months.append((x, cursor))
            cursor = dt.date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
        return months

    # ------------------------------------------------------------------ zoom and scroll

    def set_zoom(self, pixels_per_week: float, anchor_x: float | None = None) -> bool:
        """Zoom (clamped), keeping the content under ``anchor_x`` in place; False: no change."""
        value = min(MAX_ZOOM, max(MIN_ZOOM, float(pixels_per_week)))
        if math.isclose(value, self.zoom):
            return False
        anchor = self.view_width() / 2 if anchor_x is None else anchor_x - GUTTER
        content_at_anchor = (self.scroll + anchor) / self.zoom
        self.zoom = value
        self.scroll_to_today = False
        self.relayout()
        self.set_scroll(content_at_anchor * self.zoom - anchor)
        return True

    def max_scroll(self) -> float:
        return max(0.0, self.content_width() - self.view_width())

    def set_scroll(self, value: float) -> bool:
        """Scroll (clamped); False when the offset did not change."""
        value = min(self.max_scroll(), max(0.0, float(value)))
        if math.isclose(value, self.scroll):
            return False
        self.scroll = value
        return True

    def scroll_to_date(self, day: dt.date, fraction: float = 0.5) -> bool:
        return self.set_scroll(self.content_x(day) - self.view_width() * fraction)

    def initial_view(self) -> bool:
        """The first view of new data, once the width is known; True when it zoomed.

        Shows the whole case when that stays readable; otherwise keeps the zoom and puts
        today a little right of the centre: the recent past is what matters.
        """
        if not (self.data and self.scroll_to_today and self.width > GUTTER + 100):
            return False
        self.scroll_to_today = False
        fit = (self.view_width() - 12) / max(1, len(self.columns))
        if fit >= FIT_MIN_ZOOM:
            self.zoom = min(fit, FIT_MAX_ZOOM)
            self.relayout()
            self.set_scroll(0)
            return True
        self.scroll_to_date(self.data.today, 0.7)
        return False

    # ------------------------------------------------------------------ hit testing

    def item_at(self, x: float, y: float) -> str | None:
        if x < GUTTER:
            return None
        hits = [i for i in self.lanes.items if self.hit_box(i).contains(x, y)]
        if not hits:
            return None
        # Prefer a hit on the marker itself over one on a neighbour's label.
        on_marker = [i for i in hits if self.item_box(i).adjusted(-3, -3, 3, 3).contains(x, y)]
        return (on_marker or hits)[0].item_id

    def tooltip_at(self, x: float, y: float) -> str:
        """The tooltip at a point: an item's description, a vacation or a band name."""
        item = self.item(self.item_at(x, y))
        if item is not None:
            return item.tooltip
        if x < GUTTER or not self.columns:
            return ""
        col = int((x - GUTTER + self.scroll) // self.zoom)
        if not 0 <= col < len(self.columns):
            return ""
        column = self.columns[col]
        monday = column.week.monday
        span = f"{date_long(monday)} – {date_long(monday + dt.timedelta(days=4))}"
        if y < BAND_H and column.band is not None:
            band = self.bands[column.band]
            weeks = (
                "geen aanhoudend ongeoorloofd verzuim"
                if band.to_week == 0
                else f"week {band.from_week}–{band.to_week}"
                if band.to_week is not None
                else f"vanaf week {band.from_week}"
            )
            return f"<b>{html.escape(band.name)}</b><br>{weeks}"
        if column.week.is_vacation:
            return f"<b>{html.escape(column.week.label or 'Vakantie')}</b><br>{span}"
        if column.week.index is not None and column.week.index >= 1:
            return f"<b>Lesweek {column.week.index}</b><br>{span}"
        # Week 0: before the absence began, or the pupil is back at school.
        return f"<b>Lesweek zonder aanhoudend ongeoorloofd verzuim</b><br>{span}"

    def reading_order(self) -> list[Item]:
        """The items as the arrow keys step through them: by date, events first."""
        return sorted(self.lanes.items, key=lambda i: (i.day, i.lane == "deadline", i.row))

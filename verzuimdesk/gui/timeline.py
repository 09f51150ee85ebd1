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
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

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

# ------------------------------------------------------------------------------ data


class EventKind(StrEnum):
    """Kinds of timeline event; each has its own marker shape and colour.

    The values match ``CaseEvent.kind`` where they overlap; ``contact`` is accepted as
    an alias of :attr:`TALK`. Unknown kinds are drawn as :attr:`OTHER`.
    """

    TALK = "talk"
    MEETING = "meeting"
    DUO_REPORT = "duo_report"
    STAGE_CHANGE = "stage_change"
    DECISION = "decision"
    SIGNAL = "signal"
    FORM = "form"
    OUTCOME = "outcome"
    NOTE = "note"
    OTHER = "other"

    @classmethod
    def coerce(cls, kind: str) -> EventKind:
        """Map a kind string (``contact``, ``talk``, ...) to an :class:`EventKind`."""
        if kind == "contact":
            return cls.TALK
        try:
            return cls(kind)
        except ValueError:
            return cls.OTHER


@dataclass(frozen=True)
class WeekSpan:
    """One calendar week (column) of the timeline.

    :param index: the lesweek number counted from the first absence day (1-based), for
        a school week; for a vacation week the number is not shown (use the last lesweek
        before it, or None). Weeks before the first absence may use 0 or less.
    :param monday: the Monday of the week.
    :param is_vacation: True for a school vacation week (drawn hatched grey).
    :param label: the vacation's name (``Kerstvakantie``); ignored for school weeks.
    """

    index: int | None
    monday: dt.date
    is_vacation: bool = False
    label: str = ""


@dataclass(frozen=True)
class Band:
    """A phase band painted behind the timeline (``PhaseBand`` of the plugin API).

    :param name: Dutch name shown in the band strip (``Thuiszittersproces``).
    :param from_week: first lesweek of the band (0: before the absence began).
    :param to_week: last lesweek, or None for open-ended.
    :param colour: hex colour (``#fde7c4``); light colours read best.
    """

    name: str
    from_week: int
    to_week: int | None
    colour: str = "#dde6f0"

    @classmethod
    def from_phase_band(cls, band: object) -> Band:
        """Build from a ``verzuimdesk.plugins.api.PhaseBand`` (or anything alike)."""
        return cls(
            name=str(getattr(band, "name", "")),
            from_week=int(getattr(band, "from_week", 0)),
            to_week=getattr(band, "to_week", None),
            colour=str(getattr(band, "color", getattr(band, "colour", "#dde6f0"))),
        )

    def contains(self, lesweek: int) -> bool:
        """True when ``lesweek`` falls in the band (weeks <= 0 count as week 0)."""
        week = max(lesweek, 0)
        return self.from_week <= week and (self.to_week is None or week <= self.to_week)


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened: talk, meeting, DUO report, stage change, decision, signal.

    :param id: the id emitted by ``itemActivated`` (e.g. ``"event:42"``).
    :param kind: an :class:`EventKind` or its string value (``CaseEvent.kind``).
    :param title: short Dutch title, shown next to the marker.
    :param detail: optional longer text for the tooltip.
    """

    id: str
    date: dt.date
    kind: str
    title: str
    detail: str = ""


@dataclass(frozen=True)
class TimelineDeadline:
    """A deadline: open, overdue (open and ``due`` before today) or done.

    :param id: the id emitted by ``itemActivated`` (e.g. ``"deadline:7"``).
    :param done_on: when it was marked done, shown in the tooltip.
    :param detail: optional longer text (who must act) for the tooltip.
    """

    id: str
    due: dt.date
    title: str
    done: bool = False
    done_on: dt.date | None = None
    detail: str = ""


@dataclass(frozen=True)
class TimelineData:
    """Everything the timeline shows.

    :param first_absence: the first absence day; lesweek 1 is the week containing it.
    :param today: the reference date for the today line and for "overdue".
    :param weeks: the calendar weeks to show, in order (see :func:`build_weeks`). Gaps
        are filled and the axis is extended to cover today and every item, so an empty
        list is fine for a case without vacations.
    :param bands: the region's phase bands.
    :param events: the events.
    :param deadlines: the deadlines.
    """

    first_absence: dt.date
    today: dt.date
    weeks: Sequence[WeekSpan] = ()
    bands: Sequence[Band] = ()
    events: Sequence[TimelineEvent] = ()
    deadlines: Sequence[TimelineDeadline] = ()


@dataclass(frozen=True)
class MarkerInfo:
    """A drawn marker, as hit-testing and tests see it.

    :param item_id: the event or deadline id.
    :param kind: ``"event"`` or ``"deadline"``.
    :param state: the event kind value, or ``open``/``overdue``/``done`` for a deadline.
    :param colour: the marker's fill colour (hex).
    :param rect: the marker shape in canvas coordinates at the current zoom and scroll.
    :param tooltip: the tooltip text (rich text).
    """

    item_id: str
    kind: str
    state: str
    date: dt.date
    title: str
    colour: str
    rect: QRectF
    tooltip: str


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def build_weeks(
    first_absence: dt.date,
    until: dt.date,
    vacations: Mapping[dt.date, str] | Iterable[dt.date] = (),
) -> list[WeekSpan]:
    """Build the week columns from the week of ``first_absence`` to the week of ``until``.

    :param vacations: Mondays of vacation weeks, optionally mapped to the vacation name.
        Vacation weeks do not count as lesweken (their ``index`` repeats the previous
        lesweek), so the week after a two-week Christmas vacation continues the count.
    """
    names: dict[dt.date, str] = (
        {_monday(k): v for k, v in vacations.items()}
        if isinstance(vacations, Mapping)
        else {_monday(d): "Vakantie" for d in vacations}
    )
    weeks: list[WeekSpan] = []
    monday = _monday(first_absence)
    lesweek = 0
    while monday <= _monday(until):
        if monday in names:
            weeks.append(WeekSpan(max(lesweek, 1), monday, True, names[monday] or "Vakantie"))
        else:
            lesweek += 1
            weeks.append(WeekSpan(lesweek, monday))
        monday += dt.timedelta(days=7)
    return weeks


# ------------------------------------------------------------------ Dutch formatting

_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_MONTHS_LONG = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _fmt_date(day: dt.date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _days_phrase(days: int) -> str:
    return "1 dag" if days == 1 else f"{days} dagen"


# ----------------------------------------------------------------------------- style

_SHAPES: dict[EventKind, tuple[str, str, str]] = {
    # kind: (shape, colour, Dutch legend label)
    EventKind.TALK: ("circle", "#2563eb", "Gesprek / contact"),
    EventKind.MEETING: ("square", "#059669", "Overleg"),
    EventKind.DUO_REPORT: ("triangle", "#7c3aed", "DUO-melding"),
    EventKind.STAGE_CHANGE: ("diamond", "#1e293b", "Stapwijziging"),
    EventKind.DECISION: ("star", "#d97706", "Besluit"),
    EventKind.SIGNAL: ("triangle_down", "#db2777", "Signaal"),
    EventKind.FORM: ("document", "#0891b2", "Formulier"),
    EventKind.OUTCOME: ("hexagon", "#15803d", "Uitkomst"),
    EventKind.NOTE: ("ring", "#64748b", "Notitie"),
    EventKind.OTHER: ("ring", "#94a3b8", "Overig"),
}
_DEADLINE_STYLE: dict[str, tuple[str, str]] = {
    # state: (fill colour, Dutch legend label)
    "open": ("#ffffff", "Termijn"),
    "overdue": ("#dc2626", "Termijn verlopen"),
    "done": ("#9ca3af", "Termijn afgerond"),
}
_DEADLINE_BORDER = "#1e3a8a"
_TEXT = QColor("#1f2937")
_MUTED = QColor("#64748b")
_GRID = QColor("#e5e7eb")
_AXIS = QColor("#94a3b8")
_TODAY = QColor("#e11d48")
_OVERDUE = QColor("#dc2626")
_VACATION_FILL = QColor("#eef0f4")
_VACATION_HATCH = QColor("#c7ced9")
_GUTTER_BG = QColor("#f8fafc")
_SELECT = QColor("#0f172a")
_FOCUS = QColor("#2563eb")
# Tooltip text colours: light, for the dark tooltip of resources/style.qss (#1e293b).
_TIP_MUTED = "#cbd5e1"
_TIP_ALERT = "#fca5a5"

_R = 7.0  # marker radius
_ROW_H = 24
_LABEL_ROW_H = 16  # rows with labels are squeezed this far before the labels give way
_MIN_ROW_H = 16  # rows of bare markers (2 * _R + 2); squeezed further (overlapping) if need be
_LANE_PAD = 7
_BAND_H = 24
_PILL_H = 20  # room at the top of the plot for the "vandaag" label
_WEEK_H = 20
_DATE_H = 16
_MONTH_H = 18
_GUTTER = 116
_LABEL_GAP = 5
_LABEL_MAX = 150
_MAX_LABEL_ROWS = 6
_MIN_ZOOM = 14.0
_MAX_ZOOM = 260.0
_DEFAULT_ZOOM = 64.0
_ZOOM_STEP = 1.25
_FIT_MIN_ZOOM = 44.0  # the first view shows the whole case when a week gets this much
_FIT_MAX_ZOOM = 110.0


def _shape_path(shape: str, center: QPointF, r: float) -> QPainterPath:
    """The outline of a marker shape of radius ``r`` around ``center``."""
    x, y = center.x(), center.y()
    path = QPainterPath()
    if shape in ("circle", "ring"):
        path.addEllipse(center, r, r)
    elif shape == "square":
        path.addRoundedRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7), 2, 2)
    elif shape == "badge":
        path.addRoundedRect(QRectF(x - r, y - r, 2 * r, 2 * r), 3.5, 3.5)
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y + r * 0.8),
                                   QPointF(x - r, y + r * 0.8), QPointF(x, y - r)]))
    elif shape == "triangle_down":
        path.addPolygon(QPolygonF([QPointF(x - r, y - r * 0.8), QPointF(x + r, y - r * 0.8),
                                   QPointF(x, y + r), QPointF(x - r, y - r * 0.8)]))
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r),
                                   QPointF(x - r, y), QPointF(x, y - r)]))
    elif shape == "star":
        points = []
        for i in range(10):
            radius = r * 1.1 if i % 2 == 0 else r * 0.48
            angle = -math.pi / 2 + i * math.pi / 5
            points.append(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
        points.append(points[0])
        path.addPolygon(QPolygonF(points))
    elif shape == "hexagon":
        points = [
            QPointF(x + r * math.cos(math.pi / 6 + i * math.pi / 3),
                    y + r * math.sin(math.pi / 6 + i * math.pi / 3))
            for i in range(7)
        ]
        path.addPolygon(QPolygonF(points))
    elif shape == "document":
        w, h = r * 1.5, r * 1.9
        fold = r * 0.6
        left, top = x - w / 2, y - h / 2
        path.addPolygon(QPolygonF([
            QPointF(left, top), QPointF(left + w - fold, top), QPointF(left + w, top + fold),
            QPointF(left + w, top + h), QPointF(left, top + h), QPointF(left, top),
        ]))
    else:
        path.addEllipse(center, r, r)
    return path


def _paint_event_marker(painter: QPainter, kind: EventKind, center: QPointF, r: float) -> None:
    shape, colour, _label = _SHAPES[kind]
    path = _shape_path(shape, center, r)
    if shape == "ring":
        painter.setPen(QPen(QColor(colour), 2.2))
        painter.setBrush(QColor("#ffffff"))
    else:
        painter.setPen(QPen(QColor("#ffffff"), 1.2))
        painter.setBrush(QColor(colour))
    painter.drawPath(path)


def _paint_deadline_marker(painter: QPainter, state: str, center: QPointF, r: float) -> None:
    fill = QColor(_DEADLINE_STYLE[state][0])
    path = _shape_path("badge", center, r)
    if state == "open":
        painter.setPen(QPen(QColor(_DEADLINE_BORDER), 2.0))
    else:
        painter.setPen(QPen(fill.darker(115), 1.0))
    painter.setBrush(fill)
    painter.drawPath(path)
    x, y = center.x(), center.y()
    if state == "overdue":  # an exclamation mark
        painter.setPen(QPen(QColor("#ffffff"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x, y - r * 0.5), QPointF(x, y + r * 0.12))
        painter.drawPoint(QPointF(x, y + r * 0.5))
    elif state == "done":  # a tick
        painter.setPen(QPen(QColor("#ffffff"), 2.0, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.drawPolyline(QPolygonF([QPointF(x - r * 0.5, y), QPointF(x - r * 0.12, y + r * 0.4),
                                        QPointF(x + r * 0.52, y - r * 0.42)]))
    else:  # a clock hand pair
        painter.setPen(QPen(QColor(_DEADLINE_BORDER), 1.6, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x, y), QPointF(x, y - r * 0.5))
        painter.drawLine(QPointF(x, y), QPointF(x + r * 0.4, y))


def _readable_text_on(colour: QColor) -> QColor:
    luminance = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("#111827") if luminance > 0.55 else QColor("#ffffff")


# ----------------------------------------------------------------------------- model


@dataclass
class _Item:
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
    shown_w: float = 0.0  # width available to the label


@dataclass
class _Column:
    week: WeekSpan
    lesweek: int  # effective lesweek for band membership
    band: int | None = None  # index into bands


@dataclass
class _Lanes:
    event_rows: int = 1
    deadline_rows: int = 1
    labels: bool = True
    items: list[_Item] = field(default_factory=list)


class _TimelineCanvas(QWidget):
    """The painted part of the timeline (axis, bands, markers); scrolled by its owner."""

    itemActivated = Signal(str)
    contentChanged = Signal()
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: TimelineData | None = None
        self._columns: list[_Column] = []
        self._bands: list[Band] = []
        self._lanes = _Lanes()
        self._row_h = float(_ROW_H)
        self._layout_height = -1
        self._zoom = _DEFAULT_ZOOM
        self._scroll = 0.0
        self._selected: str | None = None
        self._hover: str | None = None
        self._scroll_to_today = True
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Tijdlijn")
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.0))
        self._small = small
        bold = QFont(self.font())
        bold.setBold(True)
        self._bold = bold
        self._small_bold = QFont(small)
        self._small_bold.setBold(True)

    # ------------------------------------------------------------------ data / layout

    def set_data(self, data: TimelineData | None) -> None:
        self._data = data
        self._bands = list(data.bands) if data else []
        self._columns = self._build_columns(data) if data else []
        self._items = self._build_items(data) if data else []
        if self._selected and not any(i.item_id == self._selected for i in self._items):
            self._selected = None
        self._hover = None
        self._scroll_to_today = True
        self._relayout()
        self._apply_initial_scroll()
        if data:
            self.setAccessibleDescription(
                f"{len(data.events)} gebeurtenissen, {len(data.deadlines)} termijnen, "
                f"{sum(1 for i in self._items if i.state == 'overdue')} verlopen"
            )

    def _build_columns(self, data: TimelineData) -> list[_Column]:
        given = sorted({_monday(w.monday): w for w in data.weeks}.values(), key=lambda w: w.monday)
        dates = [data.first_absence, data.today]
        dates += [e.date for e in data.events] + [d.due for d in data.deadlines]
        start = min([_monday(data.first_absence), *(_monday(d) for d in dates)])
        if given:
            start = min(start, given[0].monday)
        end = max([_monday(d) for d in dates] + ([given[-1].monday] if given else []))
        end += dt.timedelta(days=7)  # one week of breathing room after the last item
        by_monday = {w.monday: w for w in given}
        first_monday = _monday(data.first_absence)
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
                else:
                    index = (last_index or 0) + 1
                week = WeekSpan(index, monday)
            if not week.is_vacation and week.index is not None:
                last_index = week.index
            weeks.append(week)
            monday += dt.timedelta(days=7)
        columns: list[_Column] = []
        previous = 0
        for i, week in enumerate(weeks):
            if week.is_vacation or week.index is None:
                lesweek = previous
                if i == 0 or previous == 0:  # vacation first: take the next school week's
                    nxt = next((w.index for w in weeks[i:] if not w.is_vacation and w.index),
                               1)
                    lesweek = nxt if previous == 0 else previous
            else:
                lesweek = week.index
                previous = lesweek
            band = next((b for b, band in enumerate(self._bands) if band.contains(lesweek)), None)
            columns.append(_Column(week, lesweek, band))
        return columns

    def _build_items(self, data: TimelineData) -> list[_Item]:
        items: list[_Item] = []
        metrics = QFontMetrics(self._small)
        for event in data.events:
            kind = EventKind.coerce(str(event.kind))
            _shape, colour, label = _SHAPES[kind]
            lines = [f"<b>{html.escape(label)}</b>", html.escape(event.title)]
            lines.append(f"<span style='color:{_TIP_MUTED}'>"
                         f"{html.escape(self._when(event.date))}</span>")
            if event.detail:
                lines.append(f"<i>{html.escape(event.detail)}</i>")
            items.append(_Item(event.id, "event", event.date, event.title, kind.value, colour,
                               "<br>".join(lines),
                               min(metrics.horizontalAdvance(event.title), _LABEL_MAX)))
        for deadline in data.deadlines:
            if deadline.done:
                state = "done"
                status = "Afgerond" + (f" op {_fmt_date(deadline.done_on)}"
                                       if deadline.done_on else "")
            elif deadline.due < data.today:
                state = "overdue"
                status = (f"<span style='color:{_TIP_ALERT}'><b>Verlopen</b>: "
                          f"{_days_phrase((data.today - deadline.due).days)} te laat</span>")
            elif deadline.due == data.today:
                state = "open"
                status = "<b>Vandaag</b> uiterlijk"
            else:
                state = "open"
                status = f"Nog {_days_phrase((deadline.due - data.today).days)}"
            title = {"open": "Termijn", "overdue": "Termijn — verlopen",
                     "done": "Termijn — afgerond"}[state]
            lines = [f"<b>{title}</b>", html.escape(deadline.title),
                     f"<span style='color:{_TIP_MUTED}'>Uiterlijk "
                     f"{html.escape(self._when(deadline.due))}</span>", status]
            if deadline.detail:
                lines.append(f"<i>{html.escape(deadline.detail)}</i>")
            items.append(_Item(deadline.id, "deadline", deadline.due, deadline.title, state,
                               _DEADLINE_STYLE[state][0], "<br>".join(lines),
                               min(metrics.horizontalAdvance(deadline.title), _LABEL_MAX)))
        items.sort(key=lambda i: (i.day, i.lane, i.item_id))
        return items

    def _when(self, day: dt.date) -> str:
        column = self._column_for(day)
        if column is None:
            return _fmt_date(day)
        if column.week.is_vacation:
            return f"{_fmt_date(day)} · {column.week.label or 'vakantie'}"
        if column.week.index is not None and column.week.index >= 1:
            return f"{_fmt_date(day)} · lesweek {column.week.index}"
        return _fmt_date(day)

    def _column_for(self, day: dt.date) -> _Column | None:
        if not self._columns:
            return None
        i = (_monday(day) - self._columns[0].week.monday).days // 7
        return self._columns[i] if 0 <= i < len(self._columns) else None

    def _content_x(self, day: dt.date) -> float:
        if not self._columns:
            return 0.0
        weeks = (_monday(day) - self._columns[0].week.monday).days / 7
        return (weeks + (day.weekday() + 0.5) / 7) * self._zoom

    def content_width(self) -> float:
        width = len(self._columns) * self._zoom
        for item in self._lanes.items:
            if item.show_label:
                width = max(width, item.x + _R + _LABEL_GAP + item.shown_w + 4)
        return width + 12

    def _pack(self, items: list[_Item], labels: bool) -> int:
        """Assign rows greedily; with ``labels`` a marker's row also holds its label.

        Without ``labels`` the markers are packed tightly and each keeps as much of its
        label as fits before the next marker in its row.
        """
        ends: list[float] = []
        for item in items:
            left = item.x - _R - 2
            right = item.x + _R + 2 + ((_LABEL_GAP + item.label_w) if labels else 0)
            for row, end in enumerate(ends):
                if left > end + 4:
                    ends[row] = right
                    item.row = row
                    break
            else:
                ends.append(right)
                item.row = len(ends) - 1
            item.show_label = labels
            item.shown_w = item.label_w if labels else 0.0
        if not labels:
            rows: dict[int, list[_Item]] = {}
            for item in items:
                rows.setdefault(item.row, []).append(item)
            for row_items in rows.values():
                for this, nxt in zip(row_items, [*row_items[1:], None], strict=True):
                    room = (nxt.x - _R - 6 if nxt else math.inf) - (this.x + _R + _LABEL_GAP)
                    if room >= 36:
                        this.show_label = True
                        this.shown_w = min(this.label_w, room)
        return max(1, len(ends))

    def _relayout(self) -> None:
        """Pack the markers into rows that fit the canvas's height.

        Labels are shown when their rows fit (squeezed down to ``_LABEL_ROW_H``);
        otherwise the markers are packed tightly with what fits of their labels, in rows
        squeezed (overlapping if need be) into the room there is. The axis (lesweek,
        Monday, month) thus always stays in view at the bottom; the size hint is the
        height with every label.
        """
        items = getattr(self, "_items", [])
        for item in items:
            item.x = self._content_x(item.day)
        events = [i for i in items if i.lane == "event"]
        deadlines = [i for i in items if i.lane == "deadline"]
        bare_rows = self._pack(events, False) + self._pack(deadlines, False)
        event_rows = self._pack(events, True)
        deadline_rows = self._pack(deadlines, True)
        self._full_height = self._fixed_height() + (event_rows + deadline_rows) * _ROW_H
        self._min_height = self._fixed_height() + min(bare_rows, 3) * _MIN_ROW_H
        room = self.height() - self._fixed_height()
        labels = (
            max(event_rows, deadline_rows) <= _MAX_LABEL_ROWS
            and (event_rows + deadline_rows) * _LABEL_ROW_H <= room
        )
        if not labels:
            event_rows = self._pack(events, False)
            deadline_rows = self._pack(deadlines, False)
        rows = event_rows + deadline_rows
        floor = _LABEL_ROW_H if labels else 4.0
        self._row_h = float(max(floor, min(_ROW_H, room / rows)))
        if self._row_h < _MIN_ROW_H:  # rows overlap: their text would too
            for item in items:
                item.show_label = False
        self._lanes = _Lanes(event_rows, deadline_rows, labels, items)
        self._layout_height = self.height()
        self.setMinimumHeight(self._min_height)
        self.updateGeometry()
        self.update()
        self.contentChanged.emit()

    @staticmethod
    def _fixed_height() -> int:
        """The canvas's height without the marker rows."""
        return _BAND_H + _PILL_H + 4 * _LANE_PAD + _WEEK_H + _DATE_H + _MONTH_H + 6

    def _needed_height(self) -> int:
        """The height that shows every marker with its label."""
        return getattr(self, "_full_height", self._fixed_height() + 2 * _ROW_H)

    def sizeHint(self) -> QSize:
        return QSize(720, self._needed_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(_GUTTER + 120, getattr(self, "_min_height", self._needed_height()))

    # geometry in widget coordinates
    def _plot_top(self) -> float:
        return _BAND_H

    def _axis_top(self) -> float:
        return self.height() - (_WEEK_H + _DATE_H + _MONTH_H + 6)

    def _deadline_lane(self) -> tuple[float, float]:
        bottom = self._axis_top()
        height = self._lanes.deadline_rows * self._row_h + 2 * _LANE_PAD
        return bottom - height, bottom

    def _event_lane(self) -> tuple[float, float]:
        return self._plot_top() + _PILL_H, self._deadline_lane()[0]

    def _screen_x(self, content_x: float) -> float:
        return _GUTTER + content_x - self._scroll

    def _view_width(self) -> float:
        return max(1.0, self.width() - _GUTTER)

    def _item_center(self, item: _Item) -> QPointF:
        top = self._event_lane()[0] if item.lane == "event" else self._deadline_lane()[0]
        y0 = top + _LANE_PAD
        return QPointF(self._screen_x(item.x), y0 + item.row * self._row_h + self._row_h / 2)

    def _item_rect(self, item: _Item) -> QRectF:
        c = self._item_center(item)
        return QRectF(c.x() - _R, c.y() - _R, 2 * _R, 2 * _R)

    def _hit_rect(self, item: _Item) -> QRectF:
        rect = self._item_rect(item).adjusted(-3, -4, 3, 4)
        if item.show_label:
            rect.setRight(rect.right() + _LABEL_GAP + item.shown_w)
        return rect

    # --------------------------------------------------------------------- public-ish

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, pixels_per_week: float, anchor_x: float | None = None) -> None:
        value = min(_MAX_ZOOM, max(_MIN_ZOOM, float(pixels_per_week)))
        if math.isclose(value, self._zoom):
            return
        anchor = self._view_width() / 2 if anchor_x is None else anchor_x - _GUTTER
        content_at_anchor = (self._scroll + anchor) / self._zoom
        self._zoom = value
        self._scroll_to_today = False
        self._relayout()
        self.set_scroll(content_at_anchor * self._zoom - anchor)
        self.zoomChanged.emit(value)

    def scroll_value(self) -> float:
        return self._scroll

    def max_scroll(self) -> float:
        return max(0.0, self.content_width() - self._view_width())

    def set_scroll(self, value: float) -> None:
        value = min(self.max_scroll(), max(0.0, float(value)))
        if not math.isclose(value, self._scroll):
            self._scroll = value
            self.update()
            self.contentChanged.emit()

    def scroll_to_date(self, day: dt.date, fraction: float = 0.5) -> None:
        self.set_scroll(self._content_x(day) - self._view_width() * fraction)

    def _apply_initial_scroll(self) -> None:
        if self._data and self._scroll_to_today and self.width() > _GUTTER + 100:
            self._scroll_to_today = False
            # Show the whole case when that stays readable; otherwise keep the zoom and
            # put today a little right of the centre: the recent past is what matters.
            fit = (self._view_width() - 12) / max(1, len(self._columns))
            if fit >= _FIT_MIN_ZOOM:
                self._zoom = min(fit, _FIT_MAX_ZOOM)
                self._relayout()
                self.set_scroll(0)
                self.zoomChanged.emit(self._zoom)
            else:
                self.scroll_to_date(self._data.today, 0.7)

    def markers(self) -> list[MarkerInfo]:
        return [self._info(item) for item in self._lanes.items]

    def _info(self, item: _Item) -> MarkerInfo:
        return MarkerInfo(item.item_id, item.lane, item.state, item.day, item.title,
                          item.colour, self._item_rect(item), item.tooltip)

    def item_at(self, pos: QPointF | QPoint) -> str | None:
        point = QPointF(pos)
        if point.x() < _GUTTER:
            return None
        hits = [i for i in self._lanes.items if self._hit_rect(i).contains(point)]
        if not hits:
            return None
        # Prefer a hit on the marker itself over one on a neighbour's label.
        on_marker = [i for i in hits if self._item_rect(i).adjusted(-3, -3, 3, 3).contains(point)]
        return (on_marker or hits)[0].item_id

    def selected(self) -> str | None:
        return self._selected

    def select(self, item_id: str | None, *, ensure_visible: bool = True) -> bool:
        item = next((i for i in self._lanes.items if i.item_id == item_id), None)
        self._selected = item.item_id if item else None
        if item and ensure_visible:
            x = self._screen_x(item.x)
            if x < _GUTTER + 20 or x > self.width() - 40:
                self.scroll_to_date(item.day, 0.4)
        self.update()
        return item is not None

    # ----------------------------------------------------------------------- events

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.height() != self._layout_height:
            self._relayout()  # more or less room for labels
        self._apply_initial_scroll()
        self.set_scroll(self._scroll)
        self.contentChanged.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF | QPoint) -> str:
        """The tooltip at a point: an item's description, a vacation or a band name."""
        point = QPointF(pos)
        item_id = self.item_at(point)
        if item_id:
            return next(i.tooltip for i in self._lanes.items if i.item_id == item_id)
        if point.x() < _GUTTER or not self._columns:
            return ""
        col = int((point.x() - _GUTTER + self._scroll) // self._zoom)
        if not 0 <= col < len(self._columns):
            return ""
        column = self._columns[col]
        monday = column.week.monday
        span = f"{_fmt_date(monday)} – {_fmt_date(monday + dt.timedelta(days=4))}"
        if point.y() < _BAND_H and column.band is not None:
            band = self._bands[column.band]
            weeks = (f"week {band.from_week}–{band.to_week}" if band.to_week is not None
                     else f"vanaf week {band.from_week}")
            return f"<b>{html.escape(band.name)}</b><br>{weeks}"
        if column.week.is_vacation:
            return f"<b>{html.escape(column.week.label or 'Vakantie')}</b><br>{span}"
        if column.week.index is not None and column.week.index >= 1:
            return f"<b>Lesweek {column.week.index}</b><br>{span}"
        return ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.item_at(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if hover
                           else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            item_id = self.item_at(event.position())
            if item_id:
                self.select(item_id, ensure_visible=False)
                self.itemActivated.emit(item_id)
            else:
                self.select(None)
            event.accept()
            return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta.y():
                factor = _ZOOM_STEP if delta.y() > 0 else 1 / _ZOOM_STEP
                self.set_zoom(self._zoom * factor, event.position().x())
            event.accept()
            return
        horizontal = delta.x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not horizontal:
            horizontal = delta.y()
        if horizontal:
            self.set_scroll(self._scroll - horizontal / 120 * self._zoom)
            event.accept()
            return
        event.ignore()  # a plain vertical wheel scrolls the page around us

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self._zoom * _ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.set_zoom(self._zoom / _ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.set_zoom(_DEFAULT_ZOOM)
        elif key == Qt.Key.Key_Home:
            self.set_scroll(0)
        elif key == Qt.Key.Key_End:
            self.set_scroll(self.max_scroll())
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._selected:
            self.itemActivated.emit(self._selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_selection(self, step: int) -> None:
        items = sorted(self._lanes.items, key=lambda i: (i.day, i.lane == "deadline", i.row))
        if not items:
            return
        ids = [i.item_id for i in items]
        if self._selected in ids:
            index = min(len(ids) - 1, max(0, ids.index(self._selected) + step))
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.select(ids[index])
        self.itemActivated.emit(ids[index])

    def focusInEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().focusOutEvent(event)
        self.update()

    # --------------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self._data or not self._columns:
            painter.setPen(_MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Geen gegevens voor de tijdlijn")
            painter.end()
            return
        width = self.width()
        plot_clip = QRectF(_GUTTER, 0, width - _GUTTER, self.height())
        painter.save()
        painter.setClipRect(plot_clip)
        self._paint_bands(painter)
        self._paint_vacations(painter)
        self._paint_grid(painter)
        self._paint_axis(painter)
        self._paint_today(painter)
        self._paint_selection_guide(painter)
        self._paint_items(painter)
        painter.restore()
        self._paint_gutter(painter)
        if self.hasFocus():
            painter.setPen(QPen(_FOCUS, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0.75, 0.75, width - 1.5, self.height() - 1.5))
        painter.end()

    def _visible_columns(self) -> range:
        first = max(0, int(self._scroll // self._zoom) - 1)
        last = min(len(self._columns), int((self._scroll + self._view_width()) // self._zoom) + 2)
        return range(first, last)

    def _col_x(self, col: int) -> float:
        return self._screen_x(col * self._zoom)

    def _band_segments(self) -> list[tuple[int, int, int]]:
        segments: list[tuple[int, int, int]] = []
        start = 0
        for i in range(1, len(self._columns) + 1):
            if i == len(self._columns) or self._columns[i].band != self._columns[start].band:
                band = self._columns[start].band
                if band is not None:
                    segments.append((band, start, i))
                start = i
        return segments

    def _paint_bands(self, painter: QPainter) -> None:
        plot_bottom = self._axis_top()
        for band_index, start, end in self._band_segments():
            band = self._bands[band_index]
            colour = QColor(band.colour)
            x0, x1 = self._col_x(start), self._col_x(end)
            tint = QColor(colour)
            tint.setAlpha(110)
            painter.fillRect(QRectF(x0, _BAND_H, x1 - x0, plot_bottom - _BAND_H), tint)
            painter.fillRect(QRectF(x0, 0, x1 - x0, _BAND_H), colour)
            # the band name stays in view while its band is
            visible_left, visible_right = max(x0, _GUTTER), min(x1, self.width())
            if visible_right - visible_left > 24:
                painter.setFont(self._small_bold)
                painter.setPen(_readable_text_on(colour))
                metrics = QFontMetrics(self._small_bold)
                weeks = (f"wk {band.from_week}–{band.to_week}" if band.to_week is not None
                         else f"vanaf wk {band.from_week}")
                text = f"{band.name}  ·  {weeks}"
                if metrics.horizontalAdvance(text) > visible_right - visible_left - 16:
                    text = band.name
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                          int(visible_right - visible_left - 12))
                painter.drawText(QRectF(visible_left + 8, 0, visible_right - visible_left - 12,
                                        _BAND_H),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.drawLine(QPointF(x0, 0), QPointF(x0, _BAND_H))
        # boundary lines between bands through the plot
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1, Qt.PenStyle.SolidLine))
        for _band, start, _end in self._band_segments()[1:]:
            x = self._col_x(start)
            painter.drawLine(QPointF(x, _BAND_H), QPointF(x, plot_bottom))
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawLine(QPointF(_GUTTER, _BAND_H - 0.5), QPointF(self.width(), _BAND_H - 0.5))

    def _vacation_segments(self) -> list[tuple[int, int, str]]:
        segments: list[tuple[int, int, str]] = []
        i = 0
        while i < len(self._columns):
            week = self._columns[i].week
            if week.is_vacation:
                j = i
                while (j + 1 < len(self._columns) and self._columns[j + 1].week.is_vacation
                       and self._columns[j + 1].week.label == week.label):
                    j += 1
                segments.append((i, j + 1, week.label or "Vakantie"))
                i = j + 1
            else:
                i += 1
        return segments

    def _paint_vacations(self, painter: QPainter) -> None:
        bottom = self._axis_top() + _WEEK_H
        for start, end, _label in self._vacation_segments():
            rect = QRectF(self._col_x(start), _BAND_H, (end - start) * self._zoom,
                          bottom - _BAND_H)
            painter.fillRect(rect, _VACATION_FILL)
            painter.fillRect(rect, QBrush(_VACATION_HATCH, Qt.BrushStyle.BDiagPattern))

    def _paint_grid(self, painter: QPainter) -> None:
        top, bottom = _BAND_H, self._axis_top()
        painter.setPen(QPen(QColor(0, 0, 0, 22), 1))
        for col in self._visible_columns():
            x = round(self._col_x(col)) + 0.5
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        lane_top, _ = self._deadline_lane()
        painter.setPen(QPen(QColor("#cbd5e1"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(_GUTTER, lane_top + 0.5), QPointF(self.width(), lane_top + 0.5))

    def _paint_axis(self, painter: QPainter) -> None:
        axis = self._axis_top()
        painter.setPen(QPen(_AXIS, 1))
        painter.drawLine(QPointF(_GUTTER, axis + 0.5), QPointF(self.width(), axis + 0.5))
        metrics = QFontMetrics(self._small)
        zoom = self._zoom
        today_col = self._column_for(self._data.today) if self._data else None
        # week labels: "wk 5", "5", or every n-th number when zoomed far out
        step = 1 if zoom >= 22 else math.ceil(22 / zoom)
        for col in self._visible_columns():
            column = self._columns[col]
            x0 = self._col_x(col)
            painter.setPen(QPen(_AXIS, 1))
            painter.drawLine(QPointF(round(x0) + 0.5, axis), QPointF(round(x0) + 0.5, axis + 4))
            week = column.week
            if week.is_vacation or week.index is None or week.index < 1:
                continue
            if week.index % step and step > 1:
                continue
            text = f"wk {week.index}" if zoom >= 40 else str(week.index)
            is_now = column is today_col
            painter.setFont(self._small_bold if is_now else self._small)
            painter.setPen(_TODAY if is_now else _TEXT)
            painter.drawText(QRectF(x0, axis + 2, zoom * (step if step > 1 else 1), _WEEK_H - 2),
                             Qt.AlignmentFlag.AlignCenter, text)
        # vacation names in the week row
        painter.setFont(self._small)
        painter.setPen(_MUTED)
        for start, end, label in self._vacation_segments():
            rect = QRectF(self._col_x(start) + 2, axis + 2, (end - start) * zoom - 4, _WEEK_H - 2)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width()))
            if metrics.horizontalAdvance(text) < 14 or text == "…":
                text = "vak."
                if metrics.horizontalAdvance(text) > rect.width():
                    continue
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        # dates of the Mondays
        date_top = axis + _WEEK_H
        date_step = 1 if zoom >= 28 else math.ceil(28 / zoom)
        painter.setPen(_MUTED)
        for col in self._visible_columns():
            if col % date_step:
                continue
            monday = self._columns[col].week.monday
            text = f"{monday.day} {_MONTHS[monday.month - 1]}" if zoom >= 52 else str(monday.day)
            painter.drawText(QRectF(self._col_x(col) + 3, date_top, zoom * date_step, _DATE_H),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        # month names, with a tick at the first of the month; the first stays in view
        month_top = date_top + _DATE_H
        first_day = self._columns[0].week.monday
        last_day = self._columns[-1].week.monday + dt.timedelta(days=6)
        months: list[tuple[float, dt.date]] = []
        cursor = dt.date(first_day.year, first_day.month, 1)
        while cursor <= last_day:
            x = self._screen_x(self._content_x(cursor) - zoom * 0.5 / 7)
            months.append((x, cursor))
            cursor = dt.date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
        painter.setFont(self._small_bold)
        bold_metrics = QFontMetrics(self._small_bold)
        for i, (x, month) in enumerate(months):
            next_x = months[i + 1][0] if i + 1 < len(months) else self.width() + 400
            if next_x < _GUTTER:
                continue
            if x > self.width():
                break
            if x >= _GUTTER:
                painter.setPen(QPen(_AXIS, 1))
                painter.drawLine(QPointF(x, month_top + 2), QPointF(x, month_top + _MONTH_H - 2))
            left = max(x, _GUTTER) + 5
            room = next_x - left - 6
            for text in (f"{_MONTHS_LONG[month.month - 1]} {month.year}",
                         f"{_MONTHS[month.month - 1]} {month.year}",
                         f"{_MONTHS[month.month - 1]} '{month.year % 100:02d}",
                         _MONTHS[month.month - 1]):
                if bold_metrics.horizontalAdvance(text) <= room:
                    painter.setPen(_TEXT)
                    painter.drawText(QRectF(left, month_top, room + 2, _MONTH_H),
                                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                     text)
                    break

    def _paint_today(self, painter: QPainter) -> None:
        if not self._data:
            return
        x = self._screen_x(self._content_x(self._data.today))
        bottom = self._axis_top() + _WEEK_H
        painter.setPen(QPen(_TODAY, 2))
        painter.drawLine(QPointF(x, _BAND_H), QPointF(x, bottom))
        # a pill "vandaag" at the top of the plot
        painter.setFont(self._small_bold)
        metrics = QFontMetrics(self._small_bold)
        text = "vandaag"
        w = metrics.horizontalAdvance(text) + 12
        pill = QRectF(x - w / 2, _BAND_H + 3, w, _PILL_H - 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TODAY)
        painter.drawRoundedRect(pill, 8, 8)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_selection_guide(self, painter: QPainter) -> None:
        item = next((i for i in self._lanes.items if i.item_id == self._selected), None)
        if item is None:
            return
        x = self._item_center(item).x()
        painter.setPen(QPen(QColor(15, 23, 42, 110), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, _BAND_H), QPointF(x, self._axis_top()))

    def _paint_items(self, painter: QPainter) -> None:
        metrics = QFontMetrics(self._small)
        left_edge, right_edge = _GUTTER - 200, self.width() + 20
        for item in self._lanes.items:
            center = self._item_center(item)
            if not left_edge < center.x() < right_edge:
                continue
            if item.item_id in (self._hover, self._selected):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(15, 23, 42, 40 if item.item_id == self._hover else 28))
                painter.drawEllipse(center, _R + 5, _R + 5)
            if item.lane == "event":
                _paint_event_marker(painter, EventKind(item.state), center, _R)
            else:
                _paint_deadline_marker(painter, item.state, center, _R)
            if item.item_id == self._selected:
                painter.setPen(QPen(_SELECT, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(center, _R + 4, _R + 4)
            if item.show_label:
                if item.state == "overdue":
                    painter.setFont(self._small_bold)
                    painter.setPen(_OVERDUE.darker(110))
                elif item.state == "done":
                    painter.setFont(self._small)
                    painter.setPen(QColor("#6b7280"))
                else:
                    painter.setFont(self._small_bold if item.item_id == self._selected
                                    else self._small)
                    painter.setPen(_TEXT)
                text = metrics.elidedText(item.title, Qt.TextElideMode.ElideRight,
                                          int(item.shown_w) + 1)
                rect = QRectF(center.x() + _R + _LABEL_GAP, center.y() - self._row_h / 2,
                              item.shown_w + 40, self._row_h)
                # a soft halo keeps labels legible over grid lines and hatching
                back = QRectF(rect.x() - 2, center.y() - metrics.height() / 2 - 1,
                              metrics.horizontalAdvance(text) + 4, metrics.height() + 2)
                painter.save()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(255, 255, 255, 170))
                painter.drawRoundedRect(back, 3, 3)
                painter.restore()
                painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 text)

    def _paint_gutter(self, painter: QPainter) -> None:
        height = self.height()
        painter.fillRect(QRectF(0, 0, _GUTTER, height), _GUTTER_BG)
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawLine(QPointF(_GUTTER - 0.5, 0), QPointF(_GUTTER - 0.5, height))
        painter.setFont(self._small_bold)
        painter.setPen(_MUTED)
        left = 10
        w = _GUTTER - 16
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(left, 0, w, _BAND_H), align, "Fase")
        top, bottom = self._event_lane()
        painter.setPen(_TEXT)
        painter.drawText(QRectF(left, top, w, bottom - top), align, "Gebeurtenissen")
        top, bottom = self._deadline_lane()
        painter.drawText(QRectF(left, top, w, bottom - top), align, "Termijnen")
        axis = self._axis_top()
        painter.setFont(self._small)
        painter.setPen(_MUTED)
        painter.drawText(QRectF(left, axis + 2, w, _WEEK_H - 2), align, "Lesweek")
        painter.drawText(QRectF(left, axis + _WEEK_H, w, _DATE_H), align, "Maandag")
        painter.drawText(QRectF(left, axis + _WEEK_H + _DATE_H, w, _MONTH_H), align, "Maand")
        painter.setPen(QPen(QColor("#cbd5e1"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(0, self._deadline_lane()[0] + 0.5),
                         QPointF(_GUTTER, self._deadline_lane()[0] + 0.5))
        painter.setPen(QPen(_AXIS, 1))
        painter.drawLine(QPointF(0, axis + 0.5), QPointF(_GUTTER, axis + 0.5))
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawLine(QPointF(0, _BAND_H - 0.5), QPointF(_GUTTER, _BAND_H - 0.5))


class _Legend(QWidget):
    """A wrapping row of marker samples with their Dutch names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str, str]] = []  # (lane, state, label)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.0))
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Legenda")

    def set_entries(self, entries: list[tuple[str, str, str]]) -> None:
        self._entries = entries
        self.setAccessibleDescription(", ".join(label for _l, _s, label in entries))
        self.setToolTip("Legenda: " + ", ".join(label for _l, _s, label in entries))
        self.updateGeometry()
        self.update()

    def _layout(self, width: int) -> list[tuple[QRectF, tuple[str, str, str]]]:
        metrics = QFontMetrics(self.font())
        x, y, line_h = 0.0, 0.0, max(18, metrics.height() + 4)
        placed = []
        for entry in self._entries:
            w = 20 + metrics.horizontalAdvance(entry[2]) + 14
            if x > 0 and x + w > width:
                x, y = 0.0, y + line_h
            placed.append((QRectF(x, y, w, line_h), entry))
            x += w
        return placed

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        placed = self._layout(width)
        return int(placed[-1][0].bottom()) if placed else 0

    def sizeHint(self) -> QSize:
        placed = self._layout(10_000)
        width = int(placed[-1][0].right()) if placed else 0
        return QSize(width, self.heightForWidth(max(self.width(), 200)))

    def minimumSizeHint(self) -> QSize:
        # One line: the layout gives the wrapped height through heightForWidth. (The
        # height at a 200 px width made the whole timeline at least 300 px tall.)
        return QSize(80, max(18, QFontMetrics(self.font()).height() + 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, (lane, state, label) in self._layout(self.width()):
            center = QPointF(rect.x() + 8, rect.center().y())
            if lane == "event":
                _paint_event_marker(painter, EventKind(state), center, 6)
            else:
                _paint_deadline_marker(painter, state, center, 6)
            painter.setPen(_TEXT)
            painter.drawText(QRectF(rect.x() + 19, rect.y(), rect.width() - 19, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
        painter.end()


class TimelineWidget(QWidget):
    """The case timeline: bands, vacations, today line, event and deadline markers.

    :param data: what to show; see :class:`TimelineData`. May be set later with
        :meth:`set_data`.

    Signals:

    * ``itemActivated(str item_id)`` — the user clicked an event or deadline (or picked
      it with the arrow keys / Enter).
    * ``zoomChanged(float pixels_per_week)``.
    """

    itemActivated = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, data: TimelineData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tijdlijn van de casus")
        self._canvas = _TimelineCanvas(self)
        self._scrollbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self._scrollbar.setAccessibleName("Tijdlijn schuiven")
        self._legend = _Legend(self)

        self._zoom_out = self._tool_button("−", "Uitzoomen (−, Ctrl+scrollwiel)", "Uitzoomen")
        self._zoom_in = self._tool_button("+", "Inzoomen (+, Ctrl+scrollwiel)", "Inzoomen")
        self._today = self._tool_button("Vandaag", "Naar vandaag scrollen (Ctrl+T)", "Vandaag")
        self._fit = self._tool_button("Alles", "Hele tijdlijn tonen", "Hele tijdlijn tonen")
        self._zoom_out.clicked.connect(self.zoom_out)
        self._zoom_in.clicked.connect(self.zoom_in)
        self._today.clicked.connect(self.scroll_to_today)
        self._fit.clicked.connect(self.zoom_to_fit)
        today_shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        today_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        today_shortcut.activated.connect(self.scroll_to_today)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self._legend, 1)
        top.addSpacing(8)
        for button in (self._today, self._fit, self._zoom_out, self._zoom_in):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self._canvas, 1)
        layout.addWidget(self._scrollbar)

        self._canvas.itemActivated.connect(self.itemActivated)
        self._canvas.zoomChanged.connect(self.zoomChanged)
        self._canvas.contentChanged.connect(self._sync_scrollbar)
        self._scrollbar.valueChanged.connect(lambda v: self._canvas.set_scroll(float(v)))
        self.setTabOrder(self._canvas, self._today)
        self.setTabOrder(self._today, self._fit)
        self.setTabOrder(self._fit, self._zoom_out)
        self.setTabOrder(self._zoom_out, self._zoom_in)
        self.setFocusProxy(self._canvas)
        self.set_data(data)

    def _tool_button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAutoRaise(False)
        button.setMinimumWidth(28)
        return button

    # ----------------------------------------------------------------------- public

    @property
    def canvas(self) -> QWidget:
        """The painted area (for event filters, tests and screenshots)."""
        return self._canvas

    def set_data(self, data: TimelineData | None) -> None:
        """Show new data; keeps the zoom, scrolls so that today is in view."""
        self._canvas.set_data(data)
        entries: list[tuple[str, str, str]] = []
        if data:
            kinds = {EventKind.coerce(str(e.kind)) for e in data.events}
            entries = [("event", k.value, _SHAPES[k][2]) for k in EventKind if k in kinds]
            if data.deadlines:
                entries += [("deadline", s, label) for s, (_f, label) in _DEADLINE_STYLE.items()]
        self._legend.set_entries(entries)
        self._sync_scrollbar()

    def data(self) -> TimelineData | None:
        """The data shown."""
        return self._canvas._data

    def zoom(self) -> float:
        """The zoom as the width of one week in pixels."""
        return self._canvas.zoom()

    def set_zoom(self, pixels_per_week: float) -> None:
        """Set the width of one week in pixels (clamped to 14–260), keeping the centre."""
        self._canvas.set_zoom(pixels_per_week)

    def zoom_in(self) -> None:
        """Zoom in one step (×1.25)."""
        self._canvas.set_zoom(self._canvas.zoom() * _ZOOM_STEP)

    def zoom_out(self) -> None:
        """Zoom out one step (÷1.25)."""
        self._canvas.set_zoom(self._canvas.zoom() / _ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        """Zoom so that the whole case fits the visible width."""
        weeks = max(1, len(self._canvas._columns))
        self._canvas.set_zoom((self._canvas._view_width() - 12) / weeks)
        self._canvas.set_scroll(0)

    def scroll_to_today(self) -> None:
        """Scroll so that the today line is in view."""
        data = self._canvas._data
        if data:
            self._canvas.scroll_to_date(data.today, 0.7)

    def scroll_to_date(self, day: dt.date) -> None:
        """Scroll so that ``day`` is in the middle of the view."""
        self._canvas.scroll_to_date(day)

    def scroll_offset(self) -> float:
        """The horizontal scroll offset in pixels."""
        return self._canvas.scroll_value()

    def select_item(self, item_id: str | None) -> bool:
        """Highlight an event or deadline (scrolling it into view) without emitting.

        :returns: False when there is no such item (the selection is cleared).
        """
        return self._canvas.select(item_id)

    def selected_item(self) -> str | None:
        """The id of the selected item, if any."""
        return self._canvas.selected()

    def markers(self) -> list[MarkerInfo]:
        """Every marker as drawn now (rects in :attr:`canvas` coordinates)."""
        return self._canvas.markers()

    def marker(self, item_id: str) -> MarkerInfo:
        """The marker of one item (KeyError when unknown)."""
        for info in self._canvas.markers():
            if info.item_id == item_id:
                return info
        raise KeyError(item_id)

    def item_at(self, pos: QPoint | QPointF) -> str | None:
        """The id of the item under ``pos`` (in :attr:`canvas` coordinates), if any."""
        return self._canvas.item_at(pos)

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """The tooltip text at ``pos`` (in :attr:`canvas` coordinates)."""
        return self._canvas.tooltip_at(pos)

    # ---------------------------------------------------------------------- private

    def _sync_scrollbar(self) -> None:
        bar = self._scrollbar
        bar.blockSignals(True)
        maximum = math.ceil(self._canvas.max_scroll())
        bar.setRange(0, maximum)
        bar.setPageStep(max(1, int(self._canvas._view_width())))
        bar.setSingleStep(max(1, int(self._canvas.zoom())))
        bar.setValue(round(self._canvas.scroll_value()))
        bar.setVisible(maximum > 0)
        bar.blockSignals(False)
        self._zoom_in.setEnabled(self._canvas.zoom() < _MAX_ZOOM)
        self._zoom_out.setEnabled(self._canvas.zoom() > _MIN_ZOOM)

    def sizeHint(self) -> QSize:
        hint = self._canvas.sizeHint()
        return QSize(hint.width(), hint.height() + 60)

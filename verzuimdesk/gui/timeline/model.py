"""What the case timeline shows, as plain data: weeks, bands, events and deadlines.

No Qt here: the desk's case file builds these from the services, the layout
(:mod:`.layout`) places them, the canvas paints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


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


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def build_weeks(
    first_absence: dt.date,
    until: dt.date,
    vacations: Mapping[dt.date, str] | Iterable[dt.date] = (),
    numbers: Mapping[dt.date, int] | None = None,
) -> list[WeekSpan]:
    """Build the week columns from the week of ``first_absence`` to the week of ``until``.

    :param vacations: Mondays of vacation weeks, optionally mapped to the vacation name.
        Vacation weeks do not count as lesweken (their ``index`` repeats the previous
        lesweek), so the week after a two-week Christmas vacation continues the count.
    :param numbers: Monday -> the week's number of continued absence (0: the pupil is at
        school), as the case's header counts weeks; without it the school weeks are
        numbered on from the first absence day. A school week missing from it continues
        the count of the week before (or stays 0).
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
            shown = lesweek if numbers is not None else max(lesweek, 1)
            weeks.append(WeekSpan(shown, monday, True, names[monday] or "Vakantie"))
        else:
            if numbers is None:
                lesweek += 1
            else:
                lesweek = numbers.get(monday, lesweek + 1 if lesweek > 0 else 0)
            weeks.append(WeekSpan(lesweek, monday))
        monday += dt.timedelta(days=7)
    return weeks


# Marker styles; the painter draws the shapes, the legend and tooltips use the labels.
EVENT_STYLE: dict[EventKind, tuple[str, str, str]] = {
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
DEADLINE_STYLE: dict[str, tuple[str, str]] = {
    # state: (fill colour, Dutch legend label)
    "open": ("#ffffff", "Termijn"),
    "overdue": ("#dc2626", "Termijn verlopen"),
    "done": ("#9ca3af", "Termijn afgerond"),
}

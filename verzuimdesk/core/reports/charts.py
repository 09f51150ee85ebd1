"""The numbers behind the Overzicht charts and the Kwartaalrapportage (pure, no drawing).

Each chart is a :class:`ChartData`: category labels along one axis and one or more series
of counts. The GUI draws them with matplotlib and shows :meth:`ChartData.table` under each
chart; the PDF draws the same data. How each count is made:

- *Thuiszitters per categorie per kwartaal*: every pupil with a thuiszitter category on at
  least one day of the quarter, counted once, in the last such category of the quarter.
- *Instroom en uitstroom per maand*: episodes (see :mod:`.lists`) that started, and that
  ended, in the month.
- *Tijd tot terugkeer*: the duration of the episodes that ended, in week classes.
- *Open casussen per school / per stap*: the cases open on the report date.
- *Signalen per week*: the stored signals by the Monday of their week, per kind.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, or_, select

from verzuimdesk.core.models import Case, StoredSignal
from verzuimdesk.core.models import Pupil as PupilRow
from verzuimdesk.core.reports.facts import Facts
from verzuimdesk.core.reports.lists import CATEGORY_ORDER, episodes, stage_label
from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.inspectie_history import THUISZITTER_CATEGORIES
from verzuimdesk.core.rules.signal_codes import SignalCode

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "CATEGORY_COLOURS",
    "MONTHS",
    "PALETTE",
    "RETURN_CLASSES",
    "ChartData",
    "Overview",
    "chart_quarters",
    "overview",
]

#: The desk's colours (resources/style.qss and the forms: blue, navy, red, amber, ...).
PALETTE: tuple[str, ...] = (
    "#2563eb",
    "#1e3a8a",
    "#b91c1c",
    "#d97706",
    "#059669",
    "#7c3aed",
    "#0891b2",
    "#64748b",
)
CATEGORY_COLOURS: dict[InspectieCategory, str] = {
    InspectieCategory.B2A: "#2563eb",
    InspectieCategory.B2B: "#1e3a8a",
    InspectieCategory.B3: "#b91c1c",
    InspectieCategory.A1: "#d97706",
    InspectieCategory.A2A: "#059669",
    InspectieCategory.A2B: "#10b981",
    InspectieCategory.A2C: "#6ee7b7",
    InspectieCategory.C: "#64748b",
}
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
#: Classes of the time until return, in whole weeks: (label, from, up to excluding).
RETURN_CLASSES: tuple[tuple[str, int, int], ...] = (
    ("< 4 wk", 0, 4),
    ("4–8 wk", 4, 8),
    ("8–13 wk", 8, 13),
    ("13–26 wk", 13, 26),
    ("26–52 wk", 26, 52),
    ("≥ 52 wk", 52, 10_000),
)
#: Signal kinds of the weekly chart: label -> codes (the rest is "overig").
SIGNAL_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("16 uur", frozenset({SignalCode.DUO_16H})),
    ("LRV", frozenset({SignalCode.DUO_LRV})),
    ("Luxe", frozenset({SignalCode.DUO_LUXE})),
    (
        "Ziek",
        frozenset(
            {
                SignalCode.SICK_7_DAYS,
                SignalCode.SICK_4_IN_12,
                SignalCode.SICK_PO_5_REPORTS,
                SignalCode.SICK_PO_10_DAYS,
            }
        ),
    ),
)
#: The number of schools shown by name in the per-school chart; the rest is "overige".
TOP_SCHOOLS = 12

Kind = Literal["stacked", "bars", "barh", "lines"]


@dataclass
class ChartData:
    """One chart: labels along the axis and named series of counts."""

    id: str
    title: str
    kind: Kind
    labels: list[str]
    series: list[tuple[str, list[int]]]
    colours: list[str] = field(default_factory=list)
    y_label: str = "aantal"
    x_label: str = ""
    #: A short name for lists; the title when empty.
    short: str = ""
    #: Whether a "Totaal" column sums the series (not for in- and outflow side by side).
    totals: bool = True

    def table(self) -> tuple[list[str], list[list[str | int]]]:
        """The numbers behind the chart: headers and one row per label, with a total."""
        with_total = self.totals and len(self.series) > 1
        headers = [self.x_label or "", *(name for name, _ in self.series)]
        if with_total:
            headers.append("Totaal")
        rows: list[list[str | int]] = []
        for i, label in enumerate(self.labels):
            values = [values[i] for _, values in self.series]
            row: list[str | int] = [label, *values]
            if with_total:
                row.append(sum(values))
            rows.append(row)
        return headers, rows

    @property
    def total(self) -> int:
        """The sum of every count."""
        return sum(sum(values) for _, values in self.series)


@dataclass
class Overview:
    """Every chart of the Overzicht tab and the Kwartaalrapportage, and the key figures."""

    quarter: Quarter
    as_of: dt.date
    charts: list[ChartData]
    figures: list[tuple[str, int]]

    def chart(self, chart_id: str) -> ChartData:
        """The chart with this id."""
        return next(c for c in self.charts if c.id == chart_id)


def chart_quarters(quarter: Quarter, count: int = 4) -> list[Quarter]:
    """The *count* quarters ending with *quarter*, oldest first."""
    out = [quarter]
    while len(out) < count:
        out.insert(0, out[0].previous())
    return out


def _per_quarter(facts: Facts, quarters: list[Quarter], as_of: dt.date) -> ChartData:
    counts: dict[InspectieCategory, list[int]] = {c: [0] * len(quarters) for c in CATEGORY_ORDER}
    bounds = [(i, q.start, min(q.end, as_of)) for i, q in enumerate(quarters)]
    for pupil in facts.pupils.values():
        periods = [p for p in pupil.periods if p.category in THUISZITTER_CATEGORIES]
        if not periods:
            continue
        for i, first, last_day in bounds:
            last = None
            for p in periods:
                if p.start <= last_day and p.end >= first:
                    last = p.category
            if last is not None:
                counts[last][i] += 1
    used = [c for c in CATEGORY_ORDER if any(counts[c])] or list(CATEGORY_ORDER[:3])
    return ChartData(
        "per-kwartaal",
        "Thuiszitters per inspectiecategorie per kwartaal",
        "stacked",
        [f"{q.number}e kw. {q.year}" for q in quarters],
        [(c.value, counts[c]) for c in used],
        [CATEGORY_COLOURS[c] for c in used],
        y_label="leerlingen",
        x_label="Kwartaal",
        short="Thuiszitters per categorie",
    )


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def _flow(facts: Facts, as_of: dt.date) -> tuple[ChartData, ChartData]:
    eps = episodes(facts, as_of)
    months = _months(facts.start, as_of)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    inflow = [0] * len(months)
    outflow = [0] * len(months)
    durations: Counter[str] = Counter()
    for ep in eps:
        if ep.start > facts.start and (ep.start.year, ep.start.month) in index:
            inflow[index[(ep.start.year, ep.start.month)]] += 1
        if ep.end is not None:
            if (ep.end.year, ep.end.month) in index:
                outflow[index[(ep.end.year, ep.end.month)]] += 1
            for label, lo, hi in RETURN_CLASSES:
                if lo <= ep.weeks < hi:
                    durations[label] += 1
    flow = ChartData(
        "instroom-uitstroom",
        "Instroom en uitstroom van thuiszitters per maand",
        "bars",
        [f"{MONTHS[m.month - 1]} {m:%y}" for m in months],
        [("Instroom", inflow), ("Uitstroom", outflow)],
        [PALETTE[0], PALETTE[4]],
        y_label="leerlingen",
        x_label="Maand",
        short="Instroom en uitstroom",
        totals=False,
    )
    back = ChartData(
        "tijd-tot-terugkeer",
        "Tijd tot terugkeer (beëindigde thuiszitperiodes)",
        "bars",
        [label for label, _lo, _hi in RETURN_CLASSES],
        [("Leerlingen", [durations[label] for label, _lo, _hi in RETURN_CLASSES])],
        [PALETTE[1]],
        y_label="leerlingen",
        x_label="Duur",
        short="Tijd tot terugkeer",
    )
    return flow, back


def _open_cases(desk: Desk, facts: Facts, as_of: dt.date) -> tuple[ChartData, ChartData]:
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(PupilRow.school_id, Case.stage_id, func.count())
            .select_from(Case)
            .join(PupilRow, PupilRow.id == Case.pupil_id)
            .where(Case.opened_on <= as_of, or_(Case.closed_on.is_(None), Case.closed_on > as_of))
            .group_by(PupilRow.school_id, Case.stage_id)
        ).all()
    per_school: Counter[str] = Counter()
    per_stage: Counter[str] = Counter()
    for school_id, stage_id, n in rows:
        school = facts.school(school_id)
        per_school[school.name if school else "Geen school"] += n
        per_stage[stage_id] += n
    top = per_school.most_common(TOP_SCHOOLS)
    rest = sum(per_school.values()) - sum(n for _, n in top)
    if rest:
        top.append((f"Overige {len(per_school) - len(top)} scholen", rest))
    schools = ChartData(
        "per-school",
        "Open casussen per school",
        "barh",
        [name for name, _ in top],
        [("Open casussen", [n for _, n in top])],
        [PALETTE[0]],
        y_label="casussen",
        x_label="School",
        short="Open casussen per school",
    )
    stages = [s for s in desk.registry.ladder(desk.region_id).stages if per_stage[s.id]]
    known = {s.id for s in stages}
    labels = [stage_label(desk, s.id) for s in stages]
    values = [per_stage[s.id] for s in stages]
    other = sum(n for sid, n in per_stage.items() if sid not in known)
    if other:
        labels.append("Onbekende stap")
        values.append(other)
    steps = ChartData(
        "per-stap",
        "Open casussen per stap van de route",
        "barh",
        labels,
        [("Open casussen", values)],
        [PALETTE[1]],
        y_label="casussen",
        x_label="Stap",
        short="Open casussen per stap",
    )
    return schools, steps


def _signals_per_week(desk: Desk, start: dt.date, as_of: dt.date) -> ChartData:
    monday = start - dt.timedelta(days=start.weekday())
    weeks: list[dt.date] = []
    day = monday
    while day <= as_of:
        weeks.append(day)
        day += dt.timedelta(days=7)
    groups = [label for label, _ in SIGNAL_GROUPS] + ["Overig"]
    counts = {g: [0] * len(weeks) for g in groups}
    code_group = {code: label for label, codes in SIGNAL_GROUPS for code in codes}
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(StoredSignal.datum, StoredSignal.code, func.count())
            .where(StoredSignal.datum >= monday, StoredSignal.datum <= as_of)
            .group_by(StoredSignal.datum, StoredSignal.code)
        ).all()
    for datum, code, n in rows:
        if code in (SignalCode.THUISZITTER_B2A, SignalCode.THUISZITTER_B2B):
            continue  # the same moment as the LRV: counted there
        counts[code_group.get(code, "Overig")][(datum - monday).days // 7] += n
    used = [g for g in groups if any(counts[g])] or groups[:1]
    colours = dict(
        zip(groups, (PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[2], PALETTE[5]), strict=True)
    )
    return ChartData(
        "signalen-per-week",
        "Signalen per week",
        "stacked",
        [f"{w.day} {MONTHS[w.month - 1]}" for w in weeks],
        [(g, counts[g]) for g in used],
        [colours[g] for g in used],
        y_label="signalen",
        x_label="Week van",
        short="Signalen per week",
    )


def overview(desk: Desk, facts: Facts, quarter: Quarter, as_of: dt.date) -> Overview:
    """Every chart for *quarter* from *facts* (loaded from the first charted quarter on)."""
    quarters = chart_quarters(quarter)
    per_quarter = _per_quarter(facts, quarters, as_of)
    flow, back = _flow(facts, as_of)
    schools, steps = _open_cases(desk, facts, as_of)
    weekly = _signals_per_week(desk, max(quarter.start, facts.start), as_of)
    last = {name: values[-1] for name, values in per_quarter.series}
    figures = [
        ("Thuiszitters dit kwartaal", sum(last.values())),
        ("waarvan B2a/B2b", last.get("B2a", 0) + last.get("B2b", 0)),
        ("waarvan B3", last.get("B3", 0)),
        ("Instroom dit kwartaal", _in_quarter(flow, quarter, 0)),
        ("Uitstroom dit kwartaal", _in_quarter(flow, quarter, 1)),
        ("Open casussen", schools.total),
        ("Signalen dit kwartaal", weekly.total),
    ]
    return Overview(quarter, as_of, [per_quarter, flow, back, schools, steps, weekly], figures)


def _in_quarter(flow: ChartData, quarter: Quarter, series: int) -> int:
    wanted = {f"{MONTHS[m - 1]} {quarter.year % 100:02d}" for m in _quarter_months(quarter)}
    values = flow.series[series][1]
    return sum(v for label, v in zip(flow.labels, values, strict=True) if label in wanted)


def _quarter_months(quarter: Quarter) -> list[int]:
    return [3 * quarter.number - 2, 3 * quarter.number - 1, 3 * quarter.number]

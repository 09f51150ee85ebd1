"""The one entry point of every report: which kinds exist, building one, writing it.

The command line (``verzuimdesk report``) and the desk's *Rapportages* menu both call
:func:`build_report` and :func:`write_report` (or :func:`produce`, which does both), so
their files have the same content.

Kinds: ``inspectie`` (anonymised thuiszitterslijst), ``groslijst`` (with names,
vertrouwelijk), ``kwartaalrapportage`` (PDF with the figures and the charts) and the id of
every ``ReportFormat`` the region's plugin registers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from verzuimdesk.core.reports.charts import Overview, chart_quarters, overview
from verzuimdesk.core.reports.facts import Facts, PupilFacts, collector_paused
from verzuimdesk.core.reports.facts_cache import cached_facts
from verzuimdesk.core.reports.lists import groslijst, inspectie_list
from verzuimdesk.core.reports.model import Column, Quarter, QuarterError, Report, Table
from verzuimdesk.core.reports.writers import WRITERS, ReportFormatError, format_for
from verzuimdesk.core.rules.inspectie_history import CategoryPeriod
from verzuimdesk.core.services.common import today

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "QUARTER_REPORT",
    "BuiltReport",
    "ReportFormatError",
    "ReportKind",
    "UnknownKindError",
    "as_of",
    "build_overview",
    "build_report",
    "kind_by_id",
    "preview_pages",
    "produce",
    "report_kinds",
    "report_produced",
    "write_report",
]

QUARTER_REPORT = "kwartaalrapportage"


class UnknownKindError(ValueError):
    """A report kind the region does not have; ``str()`` is the Dutch message."""


@dataclass(frozen=True)
class ReportKind:
    """A report the desk can make: id, Dutch name and description, file types."""

    id: str
    name: str
    description: str
    extensions: tuple[str, ...]
    confidential: bool = False
    regional: bool = False


@dataclass
class BuiltReport:
    """A report ready to preview and write; the quarter report also has its charts."""

    kind: ReportKind
    report: Report
    overview: Overview | None = None


_TABLES = (".xlsx", ".csv", ".pdf")


def report_kinds(desk: Desk) -> list[ReportKind]:
    """Every report of the desk's region: the national three, then the plugin's own."""
    kinds = [
        ReportKind(
            "inspectie",
            "Thuiszitterslijst inspectie",
            "Geanonimiseerd, cumulatief over het schooljaar: categorie, begin- en einddatum, "
            "duur, reden, BRIN en sector, wat is gedaan.",
            _TABLES,
        ),
        ReportKind(
            "groslijst",
            "Groslijst thuiszitters (vertrouwelijk)",
            "Dezelfde thuiszitters met namen, voor directeur en bestuur, met aantallen per "
            "categorie, school en stap.",
            _TABLES,
            confidential=True,
        ),
        ReportKind(
            QUARTER_REPORT,
            "Kwartaalrapportage (pdf)",
            "Kerncijfers en grafieken van het kwartaal, met de regio en het kwartaal.",
            (".pdf",),
        ),
    ]
    from verzuimdesk.core.reports.regional import norm

    for fmt in desk.registry.report_formats(desk.region_id):
        names = {norm(c) for c in fmt.columns}
        kinds.append(
            ReportKind(
                fmt.id,
                fmt.name,
                fmt.description,
                _TABLES,
                confidential=bool(names & {"leerling", "toelichting"}),
                regional=True,
            )
        )
    return kinds


def kind_by_id(desk: Desk, kind: str) -> ReportKind:
    """The report kind *kind* of the region.

    :raises UnknownKindError: naming the kinds there are.
    """
    kinds = report_kinds(desk)
    for k in kinds:
        if k.id == kind:
            return k
    known = ", ".join(k.id for k in kinds)
    raise UnknownKindError(f"Onbekende soort rapportage ‘{kind}’: kies uit {known}.")


def as_of(desk: Desk, quarter: Quarter) -> dt.date:
    """The report date: the quarter's last day, or today while the quarter runs.

    :raises QuarterError: when the quarter has not begun yet.
    """
    now = today(desk)
    if quarter.start > now:
        raise QuarterError(
            f"Het {quarter.label} ({quarter.code}) is nog niet begonnen: kies een kwartaal tot "
            f"en met {Quarter.of(now).code}."
        )
    return min(quarter.end, now)


def build_report(desk: Desk, kind: str, quarter: Quarter) -> BuiltReport:
    """Build the report *kind* for *quarter* (the same content for the CLI and the GUI).

    :raises UnknownKindError: for a kind the region does not have.
    :raises QuarterError: for a quarter that has not begun.
    """
    spec = kind_by_id(desk, kind)
    until = as_of(desk, quarter)
    with collector_paused():
        return _build(desk, spec, quarter, until)


def _build(desk: Desk, spec: ReportKind, quarter: Quarter, until: dt.date) -> BuiltReport:
    kind = spec.id
    if kind in ("inspectie", "groslijst"):
        facts = cached_facts(desk, quarter.school_year_start, until)
        build = inspectie_list if kind == "inspectie" else groslijst
        return BuiltReport(spec, build(desk, facts, quarter, until))
    if kind == QUARTER_REPORT:
        return _quarter_report(desk, spec, quarter, until)
    from verzuimdesk.core.reports.regional import regional_report

    fmt = next(f for f in desk.registry.report_formats(desk.region_id) if f.id == kind)
    return BuiltReport(spec, regional_report(desk, fmt, quarter, until))


def build_overview(desk: Desk, quarter: Quarter) -> Overview:
    """The charts of the Overzicht tab for *quarter* (the four quarters up to it).

    The facts come from the desk's cache (:mod:`.facts_cache`), shared with the reports:
    while nothing changed they are not read again, after a change only the pupils it
    named are.
    """
    until = as_of(desk, quarter)
    start = chart_quarters(quarter)[0].start
    with collector_paused():
        return overview(desk, cached_facts(desk, start, until), quarter, until)


def _quarter_report(desk: Desk, spec: ReportKind, quarter: Quarter, until: dt.date) -> BuiltReport:
    first = min(chart_quarters(quarter)[0].start, quarter.school_year_start)
    facts = cached_facts(desk, first, until)
    year_facts = Facts(
        quarter.school_year_start,
        until,
        facts.schools,
        {pid: _clipped(p, quarter.school_year_start) for pid, p in facts.pupils.items()},
    )
    counts = inspectie_list(desk, year_facts, quarter, until).tables[1]
    view = overview(desk, facts, quarter, until)
    figures = Table("Kerncijfers", (Column("Cijfer", "text", 34), Column("Aantal", "int", 10)))
    figures.rows.extend(view.figures)
    tables = [figures, counts]
    for chart in view.charts:
        headers, rows = chart.table()
        columns = tuple(
            Column(h or "", "text" if i == 0 else "int", 30 if i == 0 else 10)
            for i, h in enumerate(headers)
        )
        tables.append(Table(chart.title, columns, [tuple(r) for r in rows]))
    report = Report(
        kind=QUARTER_REPORT,
        title="Kwartaalrapportage verzuim en thuiszitters",
        region=desk.region.name,
        quarter=quarter,
        as_of=until,
        tables=tables,
        notes=["Kerncijfers en de cijfers achter elke grafiek; de pdf bevat ook de grafieken."],
    )
    return BuiltReport(spec, report, view)


def _clipped(pupil: PupilFacts, start: dt.date) -> PupilFacts:
    """A copy of *pupil* with only the periods from *start* on (clipped to it)."""
    periods = [
        CategoryPeriod(p.category, max(p.start, start), p.end)
        for p in pupil.periods
        if p.end >= start
    ]
    return replace(pupil, periods=periods)


def write_report(built: BuiltReport, path: Path | str) -> Path:
    """Write *built* to *path*; the format follows from the extension.

    :raises ReportFormatError: for an extension the kind cannot be written as.
    """
    path = Path(path)
    suffix = format_for(path, built.kind.extensions)
    if built.kind.id == QUARTER_REPORT:
        from verzuimdesk.core.reports.pdf import write_quarter_pdf

        assert built.overview is not None
        write_quarter_pdf(built.overview, built.report.region, built.report.tables[1], path)
    else:
        WRITERS[suffix](built.report, path)
    return path


def preview_pages(built: BuiltReport, *, dpi: float = 72) -> list[bytes]:
    """PNG images of the pages :func:`write_report` puts in the quarter report's PDF (the
    same drawing); ``[]`` for a report that is a table."""
    if built.kind.id != QUARTER_REPORT or built.overview is None:
        return []
    from verzuimdesk.core.reports.pdf import quarter_page_images

    return quarter_page_images(built.overview, built.report.region, built.report.tables[1], dpi=dpi)


def produce(desk: Desk, kind: str, quarter: Quarter, path: Path | str) -> BuiltReport:
    """Build and write a report, then tell the desk it was produced."""
    built = build_report(desk, kind, quarter)
    write_report(built, path)
    report_produced(desk, kind, quarter)
    return built


def report_produced(desk: Desk, kind: str, quarter: Quarter) -> None:
    """Called once after a report file was written (from :func:`produce` and the GUI).

    Producing the ``inspectie`` list closes the quarter's region-level inspectie deadline
    (due on the 15th after the quarter, in Termijnen).
    """
    if kind != "inspectie":
        return
    from verzuimdesk.core.services.region_deadlines import KIND_INSPECTIE, close_region_deadline

    close_region_deadline(desk, KIND_INSPECTIE, f"{quarter.year}Q{quarter.number}")

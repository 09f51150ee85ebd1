"""Producing the reports a region's plugin registers (:class:`ReportFormat`).

A ``ReportFormat`` names its columns in Dutch; the desk fills every column it knows
(:data:`CASE_COLUMNS`, :data:`SCHOOL_COLUMNS`, :data:`DECISION_COLUMNS`, compared without
case, spaces or hyphens). What one row is follows from ``ReportFormat.rows``
(``casussen``, ``scholen`` or ``besluiten``) or, when the plugin leaves it empty, from the
columns: a ``besluit`` column makes a row per decision, a ``leerling`` or ``casus`` column
a row per case, anything else a row per school. A column the case base has no data for
(Amsterdam's ``klas``) stays empty and the report says so in its notes.

- *casussen*: the cases open on the report date;
- *scholen*: per school, the quarter's signals and absence hours up to the report date;
- *besluiten*: the decisions taken in the quarter up to the report date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from verzuimdesk.core.models import AbsenceRecord, Case, CaseEvent, Deadline, School, StoredSignal
from verzuimdesk.core.models import Pupil as PupilRow
from verzuimdesk.core.region_spec import ReportFormat
from verzuimdesk.core.reports.lists import stage_label
from verzuimdesk.core.reports.model import Cell, Column, Quarter, Report, Table
from verzuimdesk.core.rules.inspectie_history import SICK_CODES
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.services import rules_gateway

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.rules.calendar import SchoolCalendar

__all__ = [
    "CASE_COLUMNS",
    "DECISION_COLUMNS",
    "ROW_KINDS",
    "SCHOOL_COLUMNS",
    "regional_report",
    "row_kind",
    "unknown_columns",
]

ROW_KINDS = ("casussen", "scholen", "besluiten")


def norm(name: str) -> str:
    """A column name compared without case, spaces, hyphens or dots."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


#: The columns a per-case report can have (normalised name -> meaning, for docs/plugins.md).
CASE_COLUMNS: dict[str, str] = {
    "leerling": "naam van de leerling",
    "casus": "casusnummer",
    "school": "naam van de school",
    "brin": "BRIN van de school",
    "sector": "PO, VO of MBO",
    "gemeente": "woongemeente van de leerling",
    "stap": "stap van de route (nummer en naam)",
    "situatie": "naam van de stap",
    "fase": "fase (band) van de stap",
    "lesweek": "lesweek sinds de eerste verzuimdag",
    "lesweken": "lesweken sinds de eerste verzuimdag",
    "inregie": "rol (en persoon) in regie",
    "regiehouder": "rol (en persoon) in regie",
    "criteria": "de aangevinkte punten van de checklists",
    "volgendeevaluatie": "de eerstvolgende open termijn",
    "categorie": "inspectiecategorie (uit de geschiedenis berekend)",
    "geopend": "datum van opening",
    "klas": "niet vastgelegd in de desk",
}
#: The columns a per-school report can have.
SCHOOL_COLUMNS: dict[str, str] = {
    "school": "naam van de school",
    "brin": "BRIN",
    "sector": "PO, VO of MBO",
    "klas": "niet vastgelegd in de desk",
    "16uur": "signalen 16 uur ongeoorloofd verzuim",
    "lrv": "signalen langdurig relatief verzuim",
    "luxe": "signalen luxe verzuim",
    "overig": "overige landelijke signalen (absoluut verzuim)",
    "ziekteverzuim": "signalen zorgwekkend ziekteverzuim",
    "ziekmeldingen": "dagen ziek gemeld",
    "geoorloofduren": "uren geoorloofd verzuim",
    "ongeoorloofduren": "uren ongeoorloofd verzuim (met luxe)",
    "duomeldingen": "DUO-meldingen (16 uur, LRV, luxe)",
    "spreekuren": "regionaal signaal waarvan de naam 'spreekuur' bevat",
    "verzuimgesprekken": "regionaal signaal waarvan de naam 'verzuimgesprek' bevat",
    "opencasussen": "open casussen op de peildatum",
}
#: The columns a per-decision report can have.
DECISION_COLUMNS: dict[str, str] = {
    "casus": "casusnummer",
    "leerling": "naam van de leerling",
    "gemeente": "woongemeente van de leerling",
    "school": "naam van de school",
    "datum": "datum van het besluit",
    "besluit": "het besluit",
    "stap": "de stap waar het besluit viel",
    "toelichting": "de toelichting bij het besluit",
}
_NOT_RECORDED = {"klas"}
_KNOWN = {"casussen": CASE_COLUMNS, "scholen": SCHOOL_COLUMNS, "besluiten": DECISION_COLUMNS}


def row_kind(fmt: ReportFormat) -> str:
    """What one row of *fmt* is: ``casussen``, ``scholen`` or ``besluiten``."""
    given = getattr(fmt, "rows", "")
    if given in ROW_KINDS:
        return str(given)
    names = {norm(c) for c in fmt.columns}
    if "besluit" in names:
        return "besluiten"
    if names & {"leerling", "casus"}:
        return "casussen"
    return "scholen"


def unknown_columns(fmt: ReportFormat) -> list[str]:
    """The columns of *fmt* the desk cannot fill (not in the vocabulary or not recorded)."""
    known = _KNOWN[row_kind(fmt)]
    return [c for c in fmt.columns if norm(c) not in known or norm(c) in _NOT_RECORDED]


def _width(name: str) -> int:
    return {
        "leerling": 26,
        "school": 30,
        "stap": 34,
        "toelichting": 50,
        "inregie": 30,
        "regiehouder": 30,
        "criteria": 30,
        "situatie": 30,
    }.get(norm(name), max(10, len(name) + 2))


def _kind_of(name: str, values: list[Cell]) -> str:
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, dt.date):
        return "date"
    if isinstance(sample, float):
        return "float"
    if isinstance(sample, int):
        return "int"
    return "text"


def _table(fmt: ReportFormat, rows: list[dict[str, Cell]]) -> Table:
    keys = [norm(c) for c in fmt.columns]
    cells = [tuple(row.get(k) for k in keys) for row in rows]
    columns = tuple(
        Column(c, _kind_of(c, [r[i] for r in cells]), _width(c))  # type: ignore[arg-type]
        for i, c in enumerate(fmt.columns)
    )
    return Table(fmt.name, columns, cells)


def _regie(desk: Desk, case: Case) -> str:
    if not case.regie_role_id:
        return ""
    text = desk.registry.role_name(desk.region_id, case.regie_role_id)
    if case.regie_person is not None:
        text += f": {case.regie_person.name}"
    return text


def _categories_on(desk: Desk, as_of: dt.date) -> dict[int, str]:
    """Every pupil's inspectie category on *as_of*, computed from the history."""
    from verzuimdesk.core.reports.facts import load_facts

    facts = load_facts(desk, as_of, as_of)
    return {pid: p.periods[-1].category.value for pid, p in facts.pupils.items() if p.periods}


def _case_rows(desk: Desk, as_of: dt.date, with_category: bool) -> list[dict[str, Cell]]:
    bands = {b.id: b.name for b in desk.registry.bands(desk.region_id)}
    calendars: dict[int | None, SchoolCalendar] = {}
    categories = _categories_on(desk, as_of) if with_category else {}
    out: list[dict[str, Cell]] = []
    with desk.case_base.sessions() as session:
        cases = session.scalars(
            select(Case)
            .where(Case.opened_on <= as_of, or_(Case.closed_on.is_(None), Case.closed_on > as_of))
            .options(
                selectinload(Case.pupil).selectinload(PupilRow.school),
                selectinload(Case.regie_person),
            )
            .order_by(Case.number)
        ).all()
        due = dict(
            session.execute(
                select(Deadline.case_id, func.min(Deadline.due_on))
                .where(Deadline.done_on.is_(None))
                .group_by(Deadline.case_id)
            ).all()
        )
        for case in cases:
            pupil = case.pupil
            school = pupil.school
            stage = rules_gateway.stage_of(desk, case.stage_id)
            key = school.id if school is not None else None
            if key not in calendars:
                calendars[key] = rules_gateway.school_calendar(desk, school)
            week = rules_gateway.lesweken(
                calendars[key],
                case.first_absence_on,
                as_of,
            )
            ticked = [
                item
                for answers in (case.checklists or {}).values()
                if isinstance(answers, dict)
                for item, value in answers.items()
                if value is True
            ] + [k for k, v in (case.checklists or {}).items() if v is True]
            out.append(
                {
                    "leerling": pupil.full_name,
                    "casus": case.number,
                    "school": school.name if school else "",
                    "brin": (school.brin or "") if school else "",
                    "sector": school.sector if school else "",
                    "gemeente": pupil.municipality or "",
                    "stap": stage_label(desk, case.stage_id),
                    "situatie": stage.name if stage else case.stage_id,
                    "fase": bands.get(stage.band, stage.band) if stage else "",
                    "lesweek": week,
                    "lesweken": week,
                    "inregie": _regie(desk, case),
                    "regiehouder": _regie(desk, case),
                    "criteria": ", ".join(sorted(ticked)),
                    "volgendeevaluatie": due.get(case.id),
                    "categorie": categories.get(pupil.id, ""),
                    "geopend": case.opened_on,
                }
            )
    return out


def _school_rows(desk: Desk, quarter: Quarter, as_of: dt.date) -> list[dict[str, Cell]]:
    start, end = quarter.start, min(quarter.end, as_of)
    regional = {s.code: norm(s.name) for s in desk.registry.regional_signals(desk.region_id)}
    signals: dict[int | None, Counter[str]] = defaultdict(Counter)
    hours: dict[int | None, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    sick_days: Counter[int | None] = Counter()
    with desk.case_base.sessions() as session:
        schools = session.scalars(select(School).order_by(School.name)).all()
        for school_id, code, n in session.execute(
            select(PupilRow.school_id, StoredSignal.code, func.count())
            .select_from(StoredSignal)
            .join(PupilRow, PupilRow.id == StoredSignal.pupil_id)
            .where(StoredSignal.datum >= start, StoredSignal.datum <= end)
            .group_by(PupilRow.school_id, StoredSignal.code)
        ):
            signals[school_id][code] += n
        for school_id, kind, total, n in session.execute(
            select(
                PupilRow.school_id, AbsenceRecord.kind, func.sum(AbsenceRecord.hours), func.count()
            )
            .select_from(AbsenceRecord)
            .join(PupilRow, PupilRow.id == AbsenceRecord.pupil_id)
            .where(AbsenceRecord.date >= start, AbsenceRecord.date <= end)
            .group_by(PupilRow.school_id, AbsenceRecord.kind)
        ):
            hours[school_id][kind] += float(total or 0)
            if kind == "ziek":
                sick_days[school_id] += n
        open_cases = dict(
            session.execute(
                select(PupilRow.school_id, func.count())
                .select_from(Case)
                .join(PupilRow, PupilRow.id == Case.pupil_id)
                .where(
                    Case.opened_on <= as_of, or_(Case.closed_on.is_(None), Case.closed_on > as_of)
                )
                .group_by(PupilRow.school_id)
            ).all()
        )

    def regional_count(school_id: int, word: str) -> int:
        return sum(n for code, n in signals[school_id].items() if word in regional.get(code, ""))

    out: list[dict[str, Cell]] = []
    for school in schools:
        s = signals[school.id]
        h = hours[school.id]
        out.append(
            {
                "school": school.name,
                "brin": school.brin or "",
                "sector": school.sector,
                "16uur": s[SignalCode.DUO_16H],
                "lrv": s[SignalCode.DUO_LRV],
                "luxe": s[SignalCode.DUO_LUXE],
                "overig": s[SignalCode.ABSOLUUT_VERZUIM],
                "ziekteverzuim": sum(s[c] for c in SICK_CODES),
                "ziekmeldingen": sick_days[school.id],
                "geoorloofduren": round(h["geoorloofd"], 1),
                "ongeoorloofduren": round(h["ongeoorloofd"] + h["luxe"], 1),
                "duomeldingen": s[SignalCode.DUO_16H]
                + s[SignalCode.DUO_LRV]
                + s[SignalCode.DUO_LUXE],
                "spreekuren": regional_count(school.id, "spreekuur"),
                "verzuimgesprekken": regional_count(school.id, "verzuimgesprek"),
                "opencasussen": open_cases.get(school.id, 0),
            }
        )
    return out


def _decision_rows(desk: Desk, quarter: Quarter, as_of: dt.date) -> list[dict[str, Cell]]:
    out: list[dict[str, Cell]] = []
    with desk.case_base.sessions() as session:
        events = session.scalars(
            select(CaseEvent)
            .where(
                CaseEvent.decision.is_not(None),
                CaseEvent.kind != "outcome",
                CaseEvent.kind != "reopened",
                CaseEvent.deleted_at.is_(None),
                CaseEvent.occurred_on >= quarter.start,
                CaseEvent.occurred_on <= min(quarter.end, as_of),
            )
            .options(
                selectinload(CaseEvent.case).selectinload(Case.pupil).selectinload(PupilRow.school)
            )
            .order_by(CaseEvent.occurred_on, CaseEvent.id)
        ).all()
        for event in events:
            case = event.case
            stage = rules_gateway.stage_of(desk, event.from_stage_id or "")
            label = event.decision or ""
            if stage is not None:
                for d in stage.decisions:
                    if getattr(d, "id", d) == event.decision:
                        label = getattr(d, "label", label)
            out.append(
                {
                    "casus": case.number,
                    "leerling": case.pupil.full_name,
                    "gemeente": case.pupil.municipality or "",
                    "school": case.pupil.school.name if case.pupil.school else "",
                    "datum": event.occurred_on,
                    "besluit": label,
                    "stap": stage_label(desk, event.from_stage_id) if event.from_stage_id else "",
                    "toelichting": event.text or "",
                }
            )
    return out


_BUILDERS: dict[str, Callable[[Desk, Quarter, dt.date, bool], list[dict[str, Cell]]]] = {
    "casussen": lambda desk, _q, as_of, cat: _case_rows(desk, as_of, cat),
    "scholen": lambda desk, q, as_of, _cat: _school_rows(desk, q, as_of),
    "besluiten": lambda desk, q, as_of, _cat: _decision_rows(desk, q, as_of),
}


def regional_report(desk: Desk, fmt: ReportFormat, quarter: Quarter, as_of: dt.date) -> Report:
    """The report *fmt* of the region for *quarter*, up to *as_of*."""
    kind = row_kind(fmt)
    names = {norm(c) for c in fmt.columns}
    table = _table(fmt, _BUILDERS[kind](desk, quarter, as_of, "categorie" in names))
    notes = [fmt.description] if fmt.description else []
    notes.append(
        {
            "casussen": f"Een regel per casus die op {as_of:%d-%m-%Y} open is.",
            "scholen": f"Een regel per school; signalen en uren van {quarter.start:%d-%m-%Y} "
            f"t/m {min(quarter.end, as_of):%d-%m-%Y}.",
            "besluiten": "Een regel per besluit in het kwartaal.",
        }[kind]
    )
    missing = unknown_columns(fmt)
    if missing:
        notes.append("Niet vastgelegd in de desk (kolom leeg): " + ", ".join(missing) + ".")
    if fmt.source:
        notes.append(f"Bron: {fmt.source}")
    return Report(
        kind=fmt.id,
        title=fmt.name,
        region=desk.region.name,
        quarter=quarter,
        as_of=as_of,
        tables=[table],
        confidential=bool(names & {"leerling", "toelichting"}),
        notes=notes,
    )

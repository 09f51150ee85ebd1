"""The inspectie thuiszitterslijst (anonymised) and the SWV's groslijst (with names).

Both list the *episodes* of the school year up to the report date: a run of days on which
the pupil was in one of the thuiszitter categories
(:data:`~verzuimdesk.core.rules.inspectie_history.THUISZITTER_CATEGORIES`), the category
possibly changing on the way (B2a → B2b). The list is cumulative: an episode that ended
stays on it with its end date. An episode still running on the report date has no end
date; its duration counts up to the report date. Durations are whole weeks, rounded down.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from verzuimdesk.core.reports.facts import CaseFacts, Facts, PupilFacts
from verzuimdesk.core.reports.model import Column, Quarter, Report, Table
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.inspectie_history import CategoryPeriod, thuiszitter_periods
from verzuimdesk.core.services.outcomes import outcome_name

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "REASONS",
    "Episode",
    "episodes",
    "groslijst",
    "inspectie_list",
    "stage_label",
]

ONE_DAY = dt.timedelta(days=1)

#: The reason the inspectie list gives per category (no free text: notes hold names).
REASONS: dict[InspectieCategory, str] = {
    InspectieCategory.A1: "Langdurig of vaak ziek gemeld",
    InspectieCategory.A2A: "Vrijstelling art. 5a: lichamelijk of psychisch niet in staat",
    InspectieCategory.A2B: "Vrijstelling art. 5b: bezwaar tegen de richting",
    InspectieCategory.A2C: "Vrijstelling art. 5c: school in het buitenland",
    InspectieCategory.B1: "Relatief verzuim",
    InspectieCategory.B2A: "Langdurig relatief verzuim (4 weken tot 3 maanden)",
    InspectieCategory.B2B: "Langdurig relatief verzuim (meer dan 3 maanden)",
    InspectieCategory.B3: "Niet ingeschreven (absoluut verzuim)",
    InspectieCategory.C: "Restcategorie (art. 11g)",
}

#: The order categories are counted and charted in.
CATEGORY_ORDER: tuple[InspectieCategory, ...] = (
    InspectieCategory.B2A,
    InspectieCategory.B2B,
    InspectieCategory.B3,
    InspectieCategory.A1,
    InspectieCategory.A2A,
    InspectieCategory.A2B,
    InspectieCategory.A2C,
    InspectieCategory.C,
)


@dataclass(frozen=True)
class Episode:
    """One pupil's run of thuiszitter days: its periods, first and last day (computed once:
    the charts read them for every episode of a large region)."""

    pupil: PupilFacts
    periods: tuple[CategoryPeriod, ...]
    ongoing: bool

    @property
    def category(self) -> InspectieCategory:
        """The category at the end of the episode (its latest)."""
        return self.periods[-1].category

    @cached_property
    def start(self) -> dt.date:
        """The first day."""
        return self.periods[0].start

    @cached_property
    def last_day(self) -> dt.date:
        """The last day within the range (the report date when still running)."""
        return self.periods[-1].end

    @property
    def end(self) -> dt.date | None:
        """The last day, or None while the episode still runs on the report date."""
        return None if self.ongoing else self.last_day

    @cached_property
    def weeks(self) -> int:
        """The duration in whole weeks."""
        return ((self.last_day - self.start).days + 1) // 7

    @property
    def course(self) -> str:
        """The categories in order, ``B2a → B2b``."""
        names: list[str] = []
        for p in self.periods:
            if not names or names[-1] != p.category.value:
                names.append(p.category.value)
        return " → ".join(names)

    def case(self) -> CaseFacts | None:
        """The case the episode belongs to (open at its end, else the last before)."""
        return self.pupil.case_on(self.last_day)


def episodes(facts: Facts, as_of: dt.date) -> list[Episode]:
    """Every episode in the facts' range, by start date and pupil."""
    out: list[Episode] = []
    for pupil in facts.pupils.values():
        run: list[CategoryPeriod] = []
        for period in thuiszitter_periods(pupil.periods):
            if run and run[-1].end + ONE_DAY < period.start:
                out.append(Episode(pupil, tuple(run), ongoing=False))
                run = []
            run.append(period)
        if run:
            out.append(Episode(pupil, tuple(run), ongoing=run[-1].end >= as_of))
    out.sort(key=lambda e: (e.start, e.pupil.last_name, e.pupil.id))
    return out


def stage_label(desk: Desk, stage_id: str) -> str:
    """``Stap 5 JES-overleg`` (the id itself when the ladder does not know it)."""
    from verzuimdesk.core.services import rules_gateway

    stage = rules_gateway.stage_of(desk, stage_id)
    return stage_id if stage is None else f"Stap {stage.number} {stage.name}"


def _what_was_done(desk: Desk, case: CaseFacts | None) -> str:
    if case is None:
        return "Geen casus"
    role = desk.registry.role_name(desk.region_id, case.regie_role_id) if case.regie_role_id else ""
    text = stage_label(desk, case.stage_id)
    if role:
        text += f" (in regie: {role})"
    if case.closed_on is not None:
        text += f"; afgesloten {case.closed_on:%d-%m-%Y}: {outcome_name(desk, case.outcome)}"
    return text


def _school_of(facts: Facts, pupil: PupilFacts, day: dt.date) -> tuple[str, str, str]:
    school = facts.school(pupil.school_on(day))
    return ("", "", "") if school is None else (school.name, school.brin, school.sector)


INSPECTIE_COLUMNS: tuple[Column, ...] = (
    Column("Nr", "int", 6),
    Column("Casusnummer", "text", 14),
    Column("Categorie", "text", 10),
    Column("Verloop", "text", 14),
    Column("Begindatum", "date", 12),
    Column("Einddatum", "date", 12),
    Column("Duur (weken)", "int", 12),
    Column("Reden", "text", 44),
    Column("BRIN", "text", 8),
    Column("Sector", "text", 8),
    Column("Wat is gedaan", "text", 60),
)


def inspectie_list(desk: Desk, facts: Facts, quarter: Quarter, as_of: dt.date) -> Report:
    """The anonymised, cumulative thuiszitterslijst for the inspectie.

    No name, BSN, address or birth date: a pupil is known by the case number only.
    """
    table = Table("Thuiszitters", INSPECTIE_COLUMNS)
    eps = episodes(facts, as_of)
    for nr, ep in enumerate(eps, start=1):
        case = ep.case()
        _name, brin, sector = _school_of(facts, ep.pupil, ep.start)
        table.rows.append(
            (
                nr,
                case.number if case else "",
                ep.category.value,
                ep.course,
                ep.start,
                ep.end,
                ep.weeks,
                REASONS[ep.category],
                brin,
                sector,
                _what_was_done(desk, case),
            )
        )
    return Report(
        kind="inspectie",
        title="Thuiszitterslijst inspectie",
        region=desk.region.name,
        quarter=quarter,
        as_of=as_of,
        tables=[table, _count_table(eps)],
        notes=[
            f"Cumulatief over het schooljaar: {facts.start:%d-%m-%Y} t/m {as_of:%d-%m-%Y}.",
            "Geanonimiseerd: zonder naam, BSN, adres of geboortedatum.",
        ],
    )


def _count_table(eps: list[Episode]) -> Table:
    table = Table(
        "Per categorie",
        (
            Column("Categorie", "text", 10),
            Column("Omschrijving", "text", 60),
            Column("Nog thuis", "int", 10),
            Column("Beëindigd", "int", 10),
            Column("Totaal", "int", 10),
        ),
    )
    ongoing = Counter(e.category for e in eps if e.ongoing)
    ended = Counter(e.category for e in eps if not e.ongoing)
    for cat in CATEGORY_ORDER:
        if ongoing[cat] or ended[cat]:
            table.rows.append(
                (cat.value, cat.label, ongoing[cat], ended[cat], ongoing[cat] + ended[cat])
            )
    table.rows.append(("Totaal", "", sum(ongoing.values()), sum(ended.values()), len(eps)))
    return table


def groslijst(desk: Desk, facts: Facts, quarter: Quarter, as_of: dt.date) -> Report:
    """The SWV's groslijst: the same episodes with names, and counts per category, school
    and step. Marked *vertrouwelijk*: for the director and the board only."""
    eps = episodes(facts, as_of)
    main = Table(
        "Groslijst",
        (
            Column("Casusnummer", "text", 14),
            Column("Naam", "text", 26),
            Column("School", "text", 30),
            Column("Categorie", "text", 10),
            Column("Verloop", "text", 14),
            Column("Begindatum", "date", 12),
            Column("Einddatum", "date", 12),
            Column("Duur (weken)", "int", 12),
            Column("Stap", "text", 34),
            Column("In regie", "text", 26),
            Column("Stand", "text", 34),
        ),
    )
    per_school: dict[str, Counter[InspectieCategory]] = defaultdict(Counter)
    per_step: Counter[str] = Counter()
    for ep in eps:
        case = ep.case()
        school, brin, _sector = _school_of(facts, ep.pupil, ep.start)
        step = stage_label(desk, case.stage_id) if case else "Geen casus"
        regie = ""
        if case is not None and case.regie_role_id:
            regie = desk.registry.role_name(desk.region_id, case.regie_role_id)
            if case.regie_person:
                regie += f": {case.regie_person}"
        if ep.ongoing:
            state = "Nog thuis"
        elif case is not None and case.closed_on is not None:
            state = f"Afgesloten: {outcome_name(desk, case.outcome)}"
        else:
            state = "Beëindigd"
        main.rows.append(
            (
                case.number if case else "",
                ep.pupil.full_name,
                school,
                ep.category.value,
                ep.course,
                ep.start,
                ep.end,
                ep.weeks,
                step,
                regie,
                state,
            )
        )
        per_school[f"{school} ({brin})" if school else "Geen school"][ep.category] += 1
        per_step[step] += 1
    cats = [c for c in CATEGORY_ORDER if any(c in v for v in per_school.values())]
    school_table = Table(
        "Per school",
        (
            Column("School", "text", 40),
            *(Column(c.value, "int", 7) for c in cats),
            Column("Totaal", "int", 8),
        ),
    )
    for name in sorted(per_school):
        counts = per_school[name]
        school_table.rows.append((name, *(counts[c] for c in cats), sum(counts.values())))
    step_table = Table("Per stap", (Column("Stap", "text", 50), Column("Aantal", "int", 8)))
    for step, n in sorted(per_step.items(), key=lambda kv: _step_key(desk, kv[0])):
        step_table.rows.append((step, n))
    return Report(
        kind="groslijst",
        title="Groslijst thuiszitters",
        region=desk.region.name,
        quarter=quarter,
        as_of=as_of,
        tables=[main, _count_table(eps), school_table, step_table],
        confidential=True,
        notes=[
            "VERTROUWELIJK: met namen, alleen voor de directeur en het bestuur van het SWV.",
            f"Cumulatief over het schooljaar: {facts.start:%d-%m-%Y} t/m {as_of:%d-%m-%Y}.",
        ],
    )


def _step_key(desk: Desk, label: str) -> tuple[int, str]:
    names = [stage_label(desk, s.id) for s in desk.registry.ladder(desk.region_id).stages]
    return (names.index(label) if label in names else len(names), label)

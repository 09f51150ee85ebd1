"""The demo's cases: a case per planned pupil, with its stage history, contacts and deadlines.

Cases follow from the pupil's absence: an open case's first absence day is where the
pupil's truancy or time at home began, and its report deadlines are those of the pupil's
signals (national and regional) and of the region's deadline rules anchored on them —
what the services make when a case is opened or absence is recorded.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from verzuimdesk.core.region_spec import DeadlineRule, Ladder, Stage
from verzuimdesk.core.rules.types import Signal
from verzuimdesk.core.services import rules_gateway
from verzuimdesk.core.services.absences import (
    SIGNAL_LOOKBACK,
    signal_deadline_text,
    signal_rule_id,
)
from verzuimdesk.core.services.cases import case_number

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.rules.calendar import SchoolCalendar

Row = dict[str, Any]

_AUTHORS = ("j.devries", "a.yilmaz", "m.bakker", "s.elamrani")
_TEXTS = {
    "contact": "Telefonisch contact met ouder over de schoolgang.",
    "meeting": "Overleg met school en leerplicht; afspraken vastgelegd.",
    "note": "Leerling geeft aan zich niet veilig te voelen in de klas.",
}


def paths_from_start(ladder: Ladder, sector: str | None = None) -> dict[str, list[str]]:
    """Shortest path of stage ids from the (sector's) start to every reachable stage."""
    start = ladder.start_for(sector)
    paths = {start: [start]}
    queue = deque([start])
    by_id = {stage.id: stage for stage in ladder.stages}
    while queue:
        current = queue.popleft()
        for nxt in by_id[current].next_stages:
            if nxt not in paths and nxt in by_id:
                paths[nxt] = [*paths[current], nxt]
                queue.append(nxt)
    return paths


def is_closing(stage: Stage) -> bool:
    """A step that ends the route: final, with no step after it (Amstelland's
    ``am-8-hervat``, Lelystad's ``ll-8-afgerond``, Den Haag's ``dh-08-passend-aanbod``).

    Closed demo cases end there; an open case never sits there, whatever band the step is
    in (a return-to-school step is in an early band, but it is no truancy step). A final
    step that leads on (Amsterdam's *op school*, also the start) is no closing step.
    """
    return stage.final and not stage.next_stages


def open_case_stages(ladder: Ladder, sectors: Iterable[str | None]) -> list[Stage]:
    """The steps an open demo case can sit at: on a route of one of ``sectors`` (None: the
    ladder's start), in ladder order, without the closing steps (:func:`is_closing`)."""
    reachable: set[str] = set()
    for sector in sectors:
        reachable.update(paths_from_start(ladder, sector))
    return [s for s in ladder.stages if s.id in reachable and not is_closing(s)]


@dataclass
class CaseRows:
    """The rows of one chunk's cases."""

    cases: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    deadlines: list[Row] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class CasePlan:
    """A pupil with a case: the stage (None: a closed case) and the first absence day."""

    pupil_id: int
    stage: Stage | None
    first_absence: dt.date | None
    #: The pupil's school sector: a region with a route per sector starts it there.
    sector: str | None = None


class CaseMaker:
    """Makes case rows with consecutive ids, one pupil at a time."""

    def __init__(
        self,
        desk: Desk,
        rng: random.Random,
        today: dt.date,
        by_role: dict[str, list[int]],
    ) -> None:
        self.desk = desk
        self.rng = rng
        self.today = today
        self.by_role = by_role
        region_id = desk.region_id
        self.ladder = desk.registry.ladder(region_id)
        self._routes: dict[str | None, dict[str, list[str]]] = {}
        #: Where closed cases end: the closing steps (else any final step, else any step).
        self.finals = (
            [s for s in self.ladder.stages if is_closing(s)]
            or [s for s in self.ladder.stages if s.final]
            or list(self.ladder.stages)
        )
        self.signal_rules: dict[str, list[DeadlineRule]] = {}
        for rule in desk.registry.deadline_rules(region_id):
            if rule.anchor.startswith("signal:"):
                self.signal_rules.setdefault(rule.anchor.split(":", 1)[1], []).append(rule)
        self.next_id = 1
        self.open_cases = 0
        self.closed_cases = 0
        self.stages_covered: set[str] = set()

    def route(self, sector: str | None) -> dict[str, list[str]]:
        """The stages a case of a pupil in ``sector`` can reach, with the path to each."""
        if sector not in self._routes:
            self._routes[sector] = paths_from_start(self.ladder, sector)
        return self._routes[sector]

    def make(
        self, plan: CasePlan, signals: list[Signal], calendar: SchoolCalendar, out: CaseRows
    ) -> None:
        """Append the case of ``plan`` (with its history and deadlines) to ``out``."""
        rng, today = self.rng, self.today
        case_id = self.next_id
        self.next_id += 1
        closed = plan.stage is None
        first_absence = plan.first_absence
        if plan.stage is None:
            # In turn, so that every closing step has a closed case in a small demo too.
            stage = self.finals[self.closed_cases % len(self.finals)]
            if first_absence is None:
                first_absence = today - dt.timedelta(days=rng.randint(120, 300))
        else:
            stage = plan.stage
        path = self.route(plan.sector).get(stage.id, [stage.id])
        opened = first_absence or today - dt.timedelta(days=14)
        span = max(1, (today - opened).days)
        step_dates = sorted(opened + dt.timedelta(days=rng.randrange(span)) for _ in path[1:])
        entered = step_dates[-1] if step_dates else opened
        if closed:
            self.closed_cases += 1
        else:
            self.open_cases += 1
        self.stages_covered.add(stage.id)
        regie_role = stage.in_regie
        regie_people = self.by_role.get(regie_role or "", [])
        weeks = max(1, (today - opened).days // 7)
        category = "B1" if weeks < 4 else ("B2a" if weeks <= 13 else "B2b")
        if rng.random() < 0.08:
            category = "A1"
        outcome = (
            stage.outcomes[0].id
            if closed and stage.outcomes
            else ("verzuim-gestopt" if closed else None)
        )
        closed_on = None
        if closed:
            closed_on = min(today, max(entered, today - dt.timedelta(days=rng.randint(5, 60))))
        case = {
            "id": case_id,
            "number": case_number(today.year, case_id),
            "pupil_id": plan.pupil_id,
            "opened_on": opened,
            "closed_on": closed_on,
            "first_absence_on": first_absence,
            "inspectie_category": category,
            "stage_id": stage.id,
            "stage_entered_on": entered,
            "outcome": outcome,
            "regie_role_id": regie_role,
            "regie_person_id": rng.choice(regie_people) if regie_people else None,
            "actions_done": [a.id for a in stage.actions[: rng.randint(0, len(stage.actions))]],
            "checklists": {},
        }
        out.cases.append(case)
        now = dt.datetime.now(dt.UTC)
        previous: str | None = None
        for stage_id, when in zip(path, [opened, *step_dates], strict=False):
            out.events.append(
                {
                    "case_id": case_id,
                    "occurred_on": when,
                    "kind": "stage_change",
                    "author": rng.choice(_AUTHORS),
                    "text": "Casus naar deze stap gezet.",
                    "from_stage_id": previous,
                    "to_stage_id": stage_id,
                    "created_at": now,
                }
            )
            previous = stage_id
        for _ in range(rng.randint(1, 4)):
            kind = rng.choice(("contact", "meeting", "note"))
            out.events.append(
                {
                    "case_id": case_id,
                    "occurred_on": opened + dt.timedelta(days=rng.randrange(span)),
                    "kind": kind,
                    "author": rng.choice(_AUTHORS),
                    "text": _TEXTS[kind],
                    "from_stage_id": None,
                    "to_stage_id": None,
                    "created_at": now,
                }
            )
        for rule in stage.deadlines:
            offset = rule.days or (rule.weeks or 0) * 7 or round((rule.schooldays or 5) * 7 / 5)
            due = entered + dt.timedelta(days=offset)
            out.deadlines.append(
                {
                    "case_id": case_id,
                    "due_on": due,
                    "what": rule.what,
                    "role_id": rule.role_id,
                    "rule_id": rule.id,
                    "done_on": due - dt.timedelta(days=1) if closed or rng.random() < 0.3 else None,
                    "done_by": None,
                }
            )
        if regie_people and regie_role:
            out.roles.append(
                {
                    "case_id": case_id,
                    "person_id": rng.choice(regie_people),
                    "role_id": regie_role,
                    "since": entered,
                }
            )
        if not closed:
            self._signal_deadlines(case, signals, calendar, out)

    def _signal_deadlines(
        self, case: Row, signals: list[Signal], calendar: SchoolCalendar, out: CaseRows
    ) -> None:
        """The report deadlines of an open case's signals, and the regional rules on them.

        As the services make them (``absences._refresh_case``): signals from a little before
        the first absence day. Older ones are done (reported in time); the most recent are
        open, a few overdue.
        """
        since = (case["first_absence_on"] or case["opened_on"]) - SIGNAL_LOOKBACK
        seen: set[str] = set()
        for sig in signals:
            if sig.datum < since:
                continue
            wanted: list[tuple[str, dt.date, str, str | None]] = []
            if sig.deadline is not None:
                wanted.append(
                    (
                        signal_rule_id(sig.code, sig.datum),
                        sig.deadline,
                        signal_deadline_text(self.desk, sig),
                        None,
                    )
                )
            for rule in self.signal_rules.get(sig.code, ()):
                wanted.append(
                    (
                        signal_rule_id(sig.code, sig.datum, rule.id),
                        rules_gateway.due_date(rule, sig.datum, calendar),
                        rule.what,
                        rule.role_id,
                    )
                )
            for rule_id, due, what, role_id in wanted:
                if rule_id in seen:
                    continue
                seen.add(rule_id)
                age = (self.today - due).days
                done = age > 10 or (age > 0 and self.rng.random() < 0.7)
                out.deadlines.append(
                    {
                        "case_id": case["id"],
                        "due_on": due,
                        "what": what,
                        "role_id": role_id,
                        "rule_id": rule_id,
                        "done_on": due if done else None,
                        "done_by": "demo" if done else None,
                    }
                )

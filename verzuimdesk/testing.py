"""Test helpers and pytest fixtures for regional plugin authors.

The core registers this module as a pytest plugin (entry point ``pytest11``), so its
fixtures are there in every test of an environment where VerzuimDesk is installed. A
plugin's ``tests/conftest.py`` only says which plugin is under test::

    import pytest

    from verzuimdesk_zeeland import plugin

    @pytest.fixture
    def verzuimdesk_plugins():
        return [plugin]

Then a test asks for ``plugin_registry`` (a registry with only your plugin, in strict
mode: an invalid registration fails the test with its reason) or
``case_base_factory`` (makes temporary case bases for a region and closes them
afterwards). Plain helpers work without pytest: :func:`make_registry`,
:func:`walk_ladder`, :class:`SimpleCalendar` and :func:`signal_context`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from verzuimdesk.core.db import CaseBase
from verzuimdesk.core.ladder import (
    CaseState,
    DueDeadline,
    EventFact,
    LadderView,
    SignalFact,
    Transition,
    TransitionError,
    evaluate_ladder,
)
from verzuimdesk.core.ladder import validate_transition as _validate_transition
from verzuimdesk.plugins.api import (
    Absence,
    Checklist,
    DeadlineRule,
    Ladder,
    Sector,
    Signal,
    SignalContext,
)
from verzuimdesk.plugins.manager import PluginRegistry, create_plugin_manager

# The ladder evaluator's types are re-exported so that a plugin's tests import from
# ``verzuimdesk.testing`` (tests) and ``verzuimdesk.plugins.api`` (plugin code) only.
__all__ = [
    "CaseState",
    "DueDeadline",
    "EventFact",
    "LadderView",
    "SignalFact",
    "SimpleCalendar",
    "Step",
    "Transition",
    "TransitionError",
    "case_base_factory",
    "evaluate_ladder",
    "make_registry",
    "plugin_registry",
    "signal_context",
    "verzuimdesk_plugins",
    "walk_ladder",
]


def make_registry(*plugins: object, strict: bool = True) -> PluginRegistry:
    """Return a registry with only ``plugins`` (no installed entry points).

    :param strict: raise :class:`~verzuimdesk.plugins.manager.PluginLoadError` on the
        first failure, so that a test shows the reason (default True).
    """
    return create_plugin_manager(load_entrypoints=False, plugins=plugins, strict=strict)


class SimpleCalendar:
    """A school calendar for tests: Monday–Friday, minus the given free days.

    Implements what the ladder evaluator and regional signals use:
    ``is_schooldag``, ``lesweek_index``, ``add_schooldays`` and ``add_lesweken``.
    """

    def __init__(self, free_days: Iterable[dt.date] = ()) -> None:
        self.free_days = frozenset(free_days)

    def is_schooldag(self, d: dt.date) -> bool:
        """Weekday and not a free day."""
        return d.weekday() < 5 and d not in self.free_days

    def _has_schooldag(self, monday: dt.date) -> bool:
        return any(self.is_schooldag(monday + dt.timedelta(days=i)) for i in range(5))

    def lesweek_index(self, d: dt.date) -> int:
        """Consecutive numbers for weeks with a schooldag (weeks without one are skipped)."""
        monday = d - dt.timedelta(days=d.weekday())
        weeks = monday.toordinal() // 7
        skipped = {f - dt.timedelta(days=f.weekday()) for f in self.free_days if f.weekday() < 5}
        empty = sum(1 for m in skipped if m < monday and not self._has_schooldag(m))
        return weeks - empty

    def add_schooldays(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th schooldag after ``d`` (``n == 0``: ``d`` or the next schooldag)."""
        if n == 0:
            while not self.is_schooldag(d):
                d += dt.timedelta(days=1)
            return d
        step = 1 if n > 0 else -1
        left = abs(n)
        while left:
            d += dt.timedelta(days=step)
            if self.is_schooldag(d):
                left -= 1
        return d

    def add_lesweken(self, d: dt.date, n: int) -> dt.date:
        """The same weekday ``n`` lesweken later (weeks without schooldagen skipped)."""
        target = self.lesweek_index(d) + n
        out = d
        while self.lesweek_index(out) < target or not self._has_schooldag(
            out - dt.timedelta(days=out.weekday())
        ):
            out += dt.timedelta(weeks=1)
        return out


def signal_context(
    records: Sequence[Absence],
    *,
    national: Sequence[Signal] = (),
    calendar: Any | None = None,
    sector: Sector = Sector.VO,
    day_hours: float = 6.0,
    until: dt.date | None = None,
    pupil: str | None = None,
) -> SignalContext:
    """Build a :class:`SignalContext` for testing a regional signal's ``compute``.

    :param calendar: anything with ``is_schooldag`` and ``lesweek_index``; default a
        :class:`SimpleCalendar` without free days.
    """
    cal = calendar or SimpleCalendar()
    ordered = sorted(records, key=lambda r: r.date)
    last = ordered[-1].date if ordered else dt.date.today()
    return SignalContext(
        pupil=pupil or (ordered[0].pupil if ordered else "leerling"),
        records=ordered,
        national=list(national),
        is_schooldag=cal.is_schooldag,
        lesweek_index=cal.lesweek_index,
        sector=sector,
        day_hours=day_hours,
        until=until or last,
    )


@dataclass(frozen=True)
class Step:
    """One move in :func:`walk_ladder`: ``Step(to, on, decision=None, note=None)``.

    ``to`` is the target stage id, ``on`` the date of the move, ``decision`` the id of the
    decision taken when leaving the current stage, ``note`` the toelichting.
    """

    to: str
    on: dt.date
    decision: str | None = None
    note: str | None = None


def walk_ladder(
    ladder: Ladder,
    steps: Sequence[Step],
    *,
    base: CaseState | None = None,
    calendar: Any | None = None,
    region_rules: Sequence[DeadlineRule] = (),
    checklists: Sequence[Checklist] = (),
    today: dt.date | None = None,
) -> tuple[CaseState, LadderView]:
    """Walk a case along ``steps``, validating every move like the desk does.

    :param base: the case before the first move (signals, municipality, checklist
        answers, ...); by default a case at the ladder's start stage.
    :param region_rules: the region's own deadline rules (``registry.deadline_rules(r)``),
        so that the view's deadlines include them as the desk's do.
    :param checklists: the region's checklists (``registry.checklists(r)``), needed for
        ``CRITERION`` triggers that name a checklist.
    :param today: the date the final view is evaluated on (deadlines' ``overdue``,
        which signals and decisions count); default the last step's date, or the base
        state's ``stage_entered_on`` without steps.
    :returns: the final state and its :class:`LadderView`.
    :raises TransitionError: for the first move not allowed (``errors`` holds every Dutch
        reason); importable from ``verzuimdesk.testing`` and ``verzuimdesk.plugins.api``.
    """
    state = base or CaseState(stage_id=ladder.start_stage)
    events = list(state.events)
    for step in steps:
        probe = _replace(state, events=tuple(events))
        _validate_transition(
            ladder, state.stage_id, step.to, step.decision, note=step.note, state=probe
        )
        events.append(
            EventFact(
                kind="stage_change",
                occurred_on=step.on,
                from_stage_id=state.stage_id,
                to_stage_id=step.to,
                decision=step.decision,
                text=step.note or "",
            )
        )
        state = _replace(state, stage_id=step.to, stage_entered_on=step.on, events=tuple(events))
    if today is None:
        today = steps[-1].on if steps else state.stage_entered_on
    return state, evaluate_ladder(
        ladder,
        state,
        today=today,
        calendar=calendar,
        region_rules=region_rules,
        checklists=checklists,
    )


def _replace(state: CaseState, **changes: Any) -> CaseState:
    from dataclasses import replace

    return replace(state, **changes)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def verzuimdesk_plugins() -> list[object]:
    """The plugins under test; override this fixture in your ``conftest.py``."""
    return []


@pytest.fixture
def plugin_registry(verzuimdesk_plugins: list[object]) -> PluginRegistry:
    """A strict registry with only the plugins of ``verzuimdesk_plugins``."""
    return make_registry(*verzuimdesk_plugins)


@pytest.fixture
def case_base_factory(tmp_path: Path) -> Iterator[Callable[[str], CaseBase]]:
    """Make temporary SQLite case bases: ``case_base_factory("zeeland")``.

    Each is created with the core's schema and the given region and closed after
    the test. Needs the core's :mod:`verzuimdesk.core.db`.
    """
    from verzuimdesk.core.db import create_case_base, sqlite_url

    made: list[CaseBase] = []

    def make(region_id: str) -> CaseBase:
        path = tmp_path / f"casusbestand-{region_id}-{len(made) + 1}.sqlite"
        case_base = create_case_base(sqlite_url(path), region_id)
        made.append(case_base)
        return case_base

    yield make
    for case_base in made:
        case_base.close()

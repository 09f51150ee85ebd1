"""The ladder evaluator's inputs and outputs: a case's state, and where it stands.

:class:`CaseState` is what the evaluator reads about a case; :class:`LadderView`,
:class:`Transition`, :class:`DueDeadline` and :class:`PathStep` are what it returns.
The ORM rows can stand in for the input facts (see :class:`SignalLike`,
:class:`EventLike`): only their attributes are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from verzuimdesk.core.region_spec import ChecklistItem, Decision, Outcome, PhaseBand, Stage

#: The event kind of a move on the ladder (``CaseEvent.kind``).
STAGE_CHANGE = "stage_change"

_FALSE_STRINGS = frozenset({"", "0", "nee", "no", "false", "onwaar", "n"})


class LadderError(ValueError):
    """The case does not fit the ladder (unknown stage). The message is Dutch."""


class TransitionError(ValueError):
    """A move on the ladder is not allowed. ``errors`` holds every Dutch reason."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__(" ".join(errors))
        self.errors = tuple(errors)


# --------------------------------------------------------------------------- inputs


class SignalLike(Protocol):
    """Anything with a signal code and its date (``Signal``, ``StoredSignal``)."""

    @property
    def code(self) -> str: ...

    @property
    def datum(self) -> dt.date: ...


class EventLike(Protocol):
    """Anything shaped like a ``CaseEvent`` (read only: frozen facts qualify too)."""

    @property
    def kind(self) -> str: ...

    @property
    def occurred_on(self) -> dt.date: ...

    @property
    def to_stage_id(self) -> str | None: ...

    @property
    def decision(self) -> str | None: ...


class CalendarLike(Protocol):
    """A school calendar; only ``add_schooldays`` is required.

    ``add_lesweken(d, n)`` is used when present for ``DeadlineRule.weeks``;
    otherwise a leesweek counts as 7 calendar days.
    """

    def add_schooldays(self, d: dt.date, n: int) -> dt.date:
        """Return the ``n``-th schooldag after ``d``."""
        ...


@dataclass(frozen=True)
class SignalFact:
    """A plain signal occurrence: its code and trigger date."""

    code: str
    datum: dt.date


@dataclass(frozen=True)
class EventFact:
    """A plain case event (what the evaluator reads from a ``CaseEvent``)."""

    kind: str
    occurred_on: dt.date
    to_stage_id: str | None = None
    decision: str | None = None
    from_stage_id: str | None = None
    text: str = ""


@dataclass(frozen=True)
class CaseState:
    """What the evaluator needs to know about a case.

    :param stage_id: the current stage (``Case.stage_id``).
    :param stage_entered_on: when the case entered it (``Case.stage_entered_on``).
    :param signals: the pupil's signals, national and regional (code + date).
    :param events: the case's events; stage changes (``to_stage_id`` set) give the path,
        decisions (``decision`` set) feed ``DECISION`` triggers.
    :param lesweken: the week number of today in the pupil's run of continued absence
        (week 1 is the run's first lesweek; 0: back at school; None: no unauthorised
        absence), see :mod:`verzuimdesk.core.ladder.weeks`. ``LESWEKEN`` triggers and
        the timeline's bands go by it.
    :param first_absence_on: anchor of ``first_absence`` deadline rules.
    :param opened_on: the day the case was opened; region-wide signal deadlines before
        it are not listed.
    :param actions_done: ids of the current stage's actions that are done.
    :param checklist_answers: ``Case.checklists``: item id -> answer (truthy = ticked),
        or checklist id -> {item id -> answer}.
    :param municipality: the pupil's municipality, for municipality variants.
    :param sector: the school's sector (``PO``/``VO``/``MBO``), for sector-bound stages.
    :param pupil_age: the pupil's age in years today, for ``Stage.min_age``.
    :param closed: the case is closed: no move is open.
    :param form_answers: the case's forms: form id -> the values of its latest submission
        (JSON values: dates as ISO strings). ``ANSWER`` triggers, preconditions and
        ``field:`` deadline anchors read them (API 1.3).
    """

    stage_id: str
    stage_entered_on: dt.date | None = None
    signals: Sequence[SignalLike] = ()
    events: Sequence[EventLike] = ()
    lesweken: int | None = None
    first_absence_on: dt.date | None = None
    opened_on: dt.date | None = None
    actions_done: Collection[str] = frozenset()
    checklist_answers: Mapping[str, Any] = field(default_factory=dict)
    municipality: str | None = None
    sector: str | None = None
    pupil_age: int | None = None
    closed: bool = False
    form_answers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class PathStep:
    """A stage on the case's path, with when it was entered and left."""

    stage_id: str
    number: str
    name: str
    entered_on: dt.date | None
    left_on: dt.date | None = None
    decision: str | None = None


@dataclass(frozen=True)
class Transition:
    """A move the case may make from its current stage.

    :param suggested: an entry trigger of the target stage holds.
    :param reasons: Dutch reasons for the suggestion (empty when not suggested).
    :param allowed: False when a guard blocks it (sector, age, visits, case closed).
    :param blocked_reason: Dutch reason when not allowed.
    :param decisions: the decisions of the current stage that lead here; one must be
        chosen when non-empty.
    :param unmet: the Dutch reasons of the target's unmet preconditions, when they are
        all that blocks the move (the user can meet them: fill in a form, record consent).
    """

    stage_id: str
    number: str
    name: str
    suggested: bool
    reasons: tuple[str, ...] = ()
    allowed: bool = True
    blocked_reason: str = ""
    decisions: tuple[Decision, ...] = ()
    unmet: tuple[str, ...] = ()


@dataclass(frozen=True)
class DueDeadline:
    """A concrete deadline that follows from a :class:`DeadlineRule`.

    :param anchor_on: the date it counts from (stage entry, signal, first absence).
    :param scope: ``stage`` (a deadline of the current stage) or ``region``.
    :param owner: who owns it when a form row names its owner (an agreement of a
        doorbraakoverleg): the role id or the text the user entered; else empty.
    """

    rule_id: str
    what: str
    role_id: str | None
    due_on: dt.date
    anchor_on: dt.date
    overdue: bool
    scope: str = "stage"
    recurring: bool = False
    source: str = ""
    owner: str = ""


@dataclass(frozen=True)
class LadderView:
    """Where a case stands on its ladder; what the ladder view shows.

    :param stage: the current stage.
    :param path: every stage the case went through, the current one last.
    :param in_regie: the role in regie (municipality variant applied).
    :param involved: the roles involved (municipality variant applied).
    :param variant_note: Dutch note when a municipality variant applies.
    :param transitions: the open moves, suggested ones first.
    :param actions_todo: required actions of the current stage not yet done.
    :param deadlines: concrete deadlines, earliest first.
    :param can_close: the case may be closed at this stage.
    :param close_reason: Dutch explanation of ``can_close``.
    :param outcomes: the outcomes to choose from when closing here.
    :param regie_options: other roles that may take regie at this stage.
    """

    region_id: str
    stage: Stage
    path: tuple[PathStep, ...]
    in_regie: str | None
    involved: tuple[str, ...]
    partners: tuple[str, ...]
    variant_note: str
    transitions: tuple[Transition, ...]
    actions_todo: tuple[ChecklistItem, ...]
    actions_done: tuple[ChecklistItem, ...]
    deadlines: tuple[DueDeadline, ...]
    can_close: bool
    close_reason: str
    outcomes: tuple[Outcome, ...]
    lesweken: int | None = None
    checklists: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    regie_options: tuple[str, ...] = ()

    @property
    def stages_done(self) -> tuple[PathStep, ...]:
        """The path without the current stage."""
        return self.path[:-1]

    @property
    def suggested(self) -> tuple[Transition, ...]:
        """The transitions an entry trigger suggests."""
        return tuple(t for t in self.transitions if t.suggested and t.allowed)

    @property
    def overdue(self) -> tuple[DueDeadline, ...]:
        """The deadlines past due."""
        return tuple(d for d in self.deadlines if d.overdue)


# --------------------------------------------------------------------------- helpers


def lesweken_since(
    first_absence_on: dt.date, today: dt.date, lesweek_index: Callable[[dt.date], int]
) -> int:
    """Return the lesweek number of ``today`` counted from ``first_absence_on`` (week 1).

    :param lesweek_index: the calendar's ``lesweek_index(date) -> int``.
    """
    return lesweek_index(today) - lesweek_index(first_absence_on) + 1


def band_for_week(bands: Iterable[PhaseBand], week: int | None) -> PhaseBand | None:
    """Return the timeline band that contains lesweek ``week`` (week 0: before absence)."""
    if week is None:
        return None
    for band in bands:
        if band.from_week <= week and (band.to_week is None or week <= band.to_week):
            return band
    return None


def is_ticked(value: Any) -> bool:
    """Whether a checklist answer counts as ticked (True, 1, ``"ja"``; not ``"nee"``)."""
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE_STRINGS
    if isinstance(value, Mapping):
        return is_ticked(value.get("value", value.get("ticked")))
    return bool(value)


def ticked_items(answers: Mapping[str, Any]) -> set[str]:
    """Return the ids of ticked items from flat or per-checklist nested answers."""
    ticked: set[str] = set()
    for key, value in answers.items():
        if isinstance(value, Mapping) and "value" not in value and "ticked" not in value:
            ticked |= {k for k, v in value.items() if is_ticked(v)}
        elif is_ticked(value):
            ticked.add(key)
    return ticked

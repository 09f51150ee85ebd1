"""The ladder evaluator: where a case stands on its region's escalation ladder.

Pure Python: it takes plain values (a :class:`CaseState` and a region's
:class:`~verzuimdesk.core.region_spec.Ladder`) and returns a :class:`LadderView`; no Qt,
no database session. Services build the ``CaseState`` from a ``Case`` row: the ORM
``CaseEvent`` and ``StoredSignal`` rows can be passed as they are, since only their
attributes are read (duck typing: ``code``/``datum`` for signals,
``kind``/``occurred_on``/``to_stage_id``/``decision`` for events).

Typical use::

    view = evaluate_ladder(registry.ladder(region_id), state, today=today,
                           calendar=school_calendar,
                           region_rules=registry.deadline_rules(region_id),
                           checklists=registry.checklists(region_id))
    view.stage, view.in_regie, view.suggested, view.actions_todo, view.deadlines
    validate_transition(ladder, view.stage.id, "dh-05-jes", state=state)
"""

from verzuimdesk.core.ladder.evaluator import (
    check_transition,
    decision_label,
    due_date,
    evaluate_ladder,
    offered_decisions,
    validate_transition,
)
from verzuimdesk.core.ladder.state import (
    STAGE_CHANGE,
    CalendarLike,
    CaseState,
    DueDeadline,
    EventFact,
    EventLike,
    LadderError,
    LadderView,
    PathStep,
    SignalFact,
    SignalLike,
    Transition,
    TransitionError,
    band_for_week,
    is_ticked,
    lesweken_since,
    ticked_items,
)
from verzuimdesk.core.ladder.weeks import (
    CONTINUED_ABSENCE_KINDS,
    absence_lesweken,
    continued_absence_week,
    continued_absence_weeks,
)

__all__ = [
    "CONTINUED_ABSENCE_KINDS",
    "STAGE_CHANGE",
    "CalendarLike",
    "CaseState",
    "DueDeadline",
    "EventFact",
    "EventLike",
    "LadderError",
    "LadderView",
    "PathStep",
    "SignalFact",
    "SignalLike",
    "Transition",
    "TransitionError",
    "absence_lesweken",
    "band_for_week",
    "check_transition",
    "continued_absence_week",
    "continued_absence_weeks",
    "decision_label",
    "due_date",
    "evaluate_ladder",
    "is_ticked",
    "lesweken_since",
    "offered_decisions",
    "ticked_items",
    "validate_transition",
]

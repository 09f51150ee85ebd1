"""What the ladder stepper shows, as plain data: steps, their actions, decisions and outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from verzuimdesk.plugins.api import Outcome


class StepStatus(StrEnum):
    """Where a step stands for the case."""

    DONE = "done"  # the case passed this step
    CURRENT = "current"  # the case is here
    NEXT = "next"  # an allowed next step (branches included)
    SUGGESTED = "suggested"  # the rules suggest this step (``LadderStep.reason`` says why)
    OTHER = "other"  # not reachable from here


@dataclass(frozen=True)
class LadderAction:
    """One item of a step's action checklist.

    :param role: Dutch name of the role that carries it out (``COPA``), if any.
    :param required: False for an optional action (shown as *optioneel*).
    """

    id: str
    text: str
    done: bool = False
    role: str = ""
    required: bool = True


@dataclass(frozen=True)
class LadderDecision:
    """A decision taken when the case leaves a step (Doorbraaktafel: toegekend/afgewezen).

    :param id: the value emitted as ``decision`` by ``moveRequested``.
    :param label: Dutch label.
    :param next_ids: when non-empty, the only steps this decision may lead to.
    :param note_required: the reason field must explain the decision (it is always
        required; the dialog then asks for a *toelichting* of at least a few words).
    """

    id: str
    label: str
    next_ids: tuple[str, ...] = ()
    note_required: bool = False


#: A final outcome that can close the case at a step (a *passend aanbod* variant): the
#: region's own outcome, which the stepper shows as it is.
LadderOutcome = Outcome


@dataclass(frozen=True)
class LadderStep:
    """One step of the ladder, with everything the stepper shows about it.

    :param id: the stage id (``dh-09-vast``), emitted as ``target_stage_id``.
    :param number: the number as the protocol shows it (``"10a"``).
    :param name: Dutch name.
    :param band: Dutch name of the band the step belongs to (section heading).
    :param status: see :class:`StepStatus`.
    :param regie: Dutch name of the role *in regie* at this step.
    :param involved: Dutch names of the roles and partners involved.
    :param actions: the action checklist with done flags (shown for the current step).
    :param next_ids: the steps the case may move to from here (current step).
    :param decisions: decisions asked when leaving this step (current step).
    :param outcomes: outcomes that can close the case here.
    :param final: an end step: the case can be closed here.
    :param reason: why the step is suggested (``signaal duo-lrv``), for ``SUGGESTED``.
    :param description: Dutch explanation (tooltip).
    :param entered_on: when the case entered the step (done and current steps).
    :param note: e.g. the municipality variant (``In Rijswijk voert Leerplicht dit
        gesprek``).
    :param regie_changeable: regie may go to another role here (the current step shows
        *Regie wijzigen…*; the stepper emits ``regieRequested``).
    :param blocked: a next step a precondition still blocks: the Dutch reason (the move
        dialog offers the step, shows why it cannot be entered yet and refuses it).
    """

    id: str
    number: str
    name: str
    band: str = ""
    status: StepStatus = StepStatus.OTHER
    regie: str = ""
    involved: tuple[str, ...] = ()
    actions: tuple[LadderAction, ...] = ()
    next_ids: tuple[str, ...] = ()
    decisions: tuple[LadderDecision, ...] = ()
    outcomes: tuple[LadderOutcome, ...] = ()
    final: bool = False
    reason: str = ""
    description: str = ""
    entered_on: dt.date | None = None
    note: str = ""
    regie_changeable: bool = False
    blocked: str = ""


@dataclass(frozen=True)
class LadderDisplay:
    """The ladder of one case.

    :param steps: every step of the region's ladder in protocol order.
    :param today: default date of a move (and its latest allowed date).
    :param title: optional heading (``Route Den Haag``).
    """

    steps: tuple[LadderStep, ...]
    today: dt.date
    title: str = ""

    @property
    def current(self) -> LadderStep | None:
        """The step the case is on."""
        return next((s for s in self.steps if s.status is StepStatus.CURRENT), None)

    def step(self, step_id: str) -> LadderStep:
        """The step with this id (KeyError when unknown)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def move_targets(self) -> list[LadderStep]:
        """The steps the move dialog offers: suggested ones first, then the allowed next.

        A suggested step is offered even when it is not among the current step's
        ``next_ids`` (a rule may suggest skipping ahead).
        """
        current = self.current
        allowed = list(current.next_ids) if current else []
        known = {s.id: s for s in self.steps}
        suggested = [s for s in self.steps if s.status is StepStatus.SUGGESTED]
        rest = [known[i] for i in allowed if i in known and known[i] not in suggested]
        return suggested + rest

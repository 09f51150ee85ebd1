"""From the case file's service data to what its widgets show: the timeline's data and the
ladder's display.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from verzuimdesk.core.services import queries
from verzuimdesk.gui import ladder_model
from verzuimdesk.gui.formatting import date_short, hours
from verzuimdesk.gui.timeline import (
    Band,
    TimelineData,
    TimelineDeadline,
    TimelineEvent,
    build_weeks,
)

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Weeks shown on the timeline after today (or the last deadline).
TIMELINE_AHEAD = dt.timedelta(weeks=3)


def timeline_data(file: queries.CaseFile) -> TimelineData:
    """Adapt a :class:`~queries.CaseFile` to the timeline widget's plain data."""
    first = file.first_absence_on or file.opened_on
    last_item = max([file.today, *(d.due_on for d in file.deadlines), *(e.on for e in file.events)])
    until = max(last_item, file.today) + TIMELINE_AHEAD
    free: dict[dt.date, str] = {}
    for start, end, name in file.free_periods:
        day = start
        while day <= end:
            free[day] = name
            day += dt.timedelta(days=1)
    vacations = {}
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= until:
        weekdays = [monday + dt.timedelta(days=i) for i in range(5)]
        if all(d in free for d in weekdays):
            vacations[monday] = free[weekdays[0]]
        monday += dt.timedelta(days=7)
    events = [
        TimelineEvent(
            f"event:{e.id}",
            e.on,
            e.kind,
            e.to_stage if e.kind == "stage_change" and e.to_stage else e.kind_name,
            e.text,
        )
        for e in file.events
    ]
    events += [
        TimelineEvent(f"signal:{i}", s.datum, "signal", s.name, _signal_detail(s))
        for i, s in enumerate(file.signals)
        if s.datum >= first - dt.timedelta(days=7)
    ]
    deadlines = [
        TimelineDeadline(
            f"deadline:{d.id}",
            d.due_on,
            d.what,
            done=d.done_on is not None,
            done_on=d.done_on,
            detail=d.role,
        )
        for d in file.deadlines
    ]
    return TimelineData(
        first_absence=first,
        today=file.today,
        # Numbered as weeks of continued absence, like the header's "lesweek N".
        weeks=build_weeks(first, until, vacations, file.week_numbers or None),
        bands=[Band.from_phase_band(b) for b in file.bands],
        events=events,
        deadlines=deadlines,
    )


def ladder_display(desk: Desk, file: queries.CaseFile) -> Any:
    """Adapt the case's ``LadderView`` to the stepper's ``LadderDisplay``."""
    lv = ladder_model
    view = file.ladder
    ladder = desk.registry.ladder(desk.region_id)
    bands = {b.id: b.name for b in file.bands}
    names = file.role_names
    done = {step.stage_id: step for step in view.stages_done}
    transitions = {t.stage_id: t for t in view.transitions}
    done_actions = {a.id for a in view.actions_done}
    steps = []
    for stage in ladder.stages:
        common: dict[str, Any] = {
            "id": stage.id,
            "number": stage.number,
            "name": stage.name,
            "band": bands.get(stage.band, stage.band),
            "description": stage.description,
            "final": stage.final,
            "regie": names.get(stage.in_regie or "", stage.in_regie or ""),
        }
        if stage.id == view.stage.id:
            steps.append(
                lv.LadderStep(
                    **{**common, "regie": file.regie},
                    status=lv.StepStatus.CURRENT,
                    regie_changeable=file.regie_changeable,
                    involved=tuple(names.get(r, r) for r in view.involved),
                    actions=tuple(
                        lv.LadderAction(
                            a.id,
                            a.text,
                            a.id in done_actions,
                            names.get(a.role_id or "", ""),
                            a.required,
                        )
                        for a in stage.actions
                    ),
                    next_ids=tuple(
                        t
                        for t in stage.next_stages
                        if transitions.get(t) is None
                        or transitions[t].allowed
                        or transitions[t].unmet  # offered, with the reason it is blocked
                    )
                    if file.closed_on is None
                    else (),
                    decisions=tuple(
                        lv.LadderDecision(d.id, d.label, d.next_stages, d.note_required)
                        for d in stage.decision_defs()
                    ),
                    outcomes=tuple(stage.outcomes),
                    entered_on=file.stage_entered_on,
                    note=view.variant_note,
                )
            )
        elif stage.id in transitions and file.closed_on is None:
            t = transitions[stage.id]
            status = lv.StepStatus.SUGGESTED if t.suggested and t.allowed else lv.StepStatus.NEXT
            blocked = " ".join(t.unmet)
            steps.append(
                lv.LadderStep(**common, status=status, reason="; ".join(t.reasons), blocked=blocked)
            )
        elif stage.id in done:
            steps.append(
                lv.LadderStep(
                    **common, status=lv.StepStatus.DONE, entered_on=done[stage.id].entered_on
                )
            )
        else:
            steps.append(lv.LadderStep(**common, status=lv.StepStatus.OTHER))
    return lv.LadderDisplay(tuple(steps), file.today, ladder.name or "Route")


def _signal_detail(s: queries.SignalItem) -> str:
    parts = []
    if s.start:
        parts.append(f"van {date_short(s.start)}")
    if s.eind:
        parts.append(f"t/m {date_short(s.eind)}")
    if s.uren:
        parts.append(f"{hours(s.uren)} uur")
    if s.deadline:
        parts.append(f"uiterlijk {date_short(s.deadline)}")
    return ", ".join(parts)

"""Every installed region's ladder, walked: no stage waits for a trigger that cannot fire.

A stage is only ever *suggested* through one of its entry triggers, so a trigger that
names a decision no step takes, a signal nobody computes or a criterion no checklist
holds leaves the stage reachable by hand only, silently. The rule per
:class:`~verzuimdesk.core.region_spec.TriggerKind`:

* ``DECISION``: a stage that leads to this one declares a :class:`Decision` with that
  id (and, when the decision names its next stages, this stage among them). That is the
  decision a *Besluit* in the desk records; a region must say which step takes it.
* ``SIGNAL``: a national :class:`SignalCode` or a signal the region registers; ``count``
  at least 1.
* ``LESWEKEN``: a number of lesweken between 1 and 52.
* ``CRITERION``: a region checklist, or an item of a checklist shown at this stage.
* any trigger with ``sectors``: at least one of them is a sector of the stage and region.

Every stage must also be reachable from the start stage along ``next_stages``.
"""

from __future__ import annotations

from collections import deque

import pytest

from verzuimdesk.core.region_spec import Stage, Trigger, TriggerKind
from verzuimdesk.core.rules.signal_codes import NATIONAL_SIGNAL_CODES
from verzuimdesk.plugins.manager import PluginRegistry, create_plugin_manager

REQUIRED = ("den_haag", "amsterdam", "kennemerland")
#: Bundled since issue 12; checked wherever they are installed (run.py installs them).
NEWER = ("lelystad", "amstelland")
REGIONS = (*REQUIRED, *NEWER)


@pytest.fixture(scope="module")
def installed() -> PluginRegistry:
    """The regions as the desk loads them: through their installed entry points."""
    registry = create_plugin_manager(strict=True)
    missing = [r for r in REQUIRED if not registry.has_region(r)]
    assert not missing, f"regio's niet geïnstalleerd: {missing}"
    return registry


@pytest.fixture(autouse=True)
def _skip_missing_newer_region(request: pytest.FixtureRequest, installed: PluginRegistry) -> None:
    region_id = getattr(request.node, "callspec", None) and request.node.callspec.params.get(
        "region_id"
    )
    if region_id in NEWER and not installed.has_region(region_id):
        pytest.skip(f"regio {region_id} is hier niet geïnstalleerd (pip install -e plugins/...)")


def _trigger_problem(registry: PluginRegistry, region_id: str, stage: Stage, t: Trigger) -> str:
    """Why ``t`` on ``stage`` can never fire ('' when it can)."""
    ladder = registry.ladder(region_id)
    region = registry.region(region_id)
    if t.sectors:
        possible = set(stage.sectors or region.sectors) & set(region.sectors)
        if not possible & set(t.sectors):
            return f"trigger for sectors {t.sectors} on a stage for {sorted(possible)}"
    if t.kind is TriggerKind.DECISION:
        offered = [
            source.id
            for source in ladder.stages
            if stage.id in source.next_stages
            for decision in source.decision_defs()
            if decision.id == t.value
            and (not decision.next_stages or stage.id in decision.next_stages)
        ]
        if not offered:
            return f"decision {t.value!r} is offered by no stage that leads here"
        return ""
    if t.kind is TriggerKind.SIGNAL:
        regional = {s.code for s in registry.regional_signals(region_id)}
        if t.value not in NATIONAL_SIGNAL_CODES | regional:
            return f"signal {t.value!r} is neither national nor registered by the region"
        return "" if t.count >= 1 else f"signal {t.value!r} with count {t.count}"
    if t.kind is TriggerKind.LESWEKEN:
        if t.weeks is None or not 1 <= t.weeks <= 52:
            return f"lesweken trigger with weeks={t.weeks!r}"
        return ""
    if t.kind is TriggerKind.CRITERION:
        checklists = {c.id: c for c in registry.checklists(region_id)}
        if t.value in checklists:
            return ""
        shown = [c for c in checklists.values() if not c.stage_ids or stage.id in c.stage_ids] + [
            checklists[c] for c in stage.checklists if c in checklists
        ]
        if any(t.value in {i.id for i in c.items} for c in shown):
            return ""
        return f"criterion {t.value!r} is in no checklist"
    if t.kind is TriggerKind.ANSWER:
        form_id, _, field_id = t.value.partition(".")
        try:
            form = registry.form(region_id, form_id)
        except LookupError:
            return f"answer trigger on unknown form {form_id!r}"
        field = next((f for f in form.fields if f.id == field_id), None)
        if field is None:
            return f"answer trigger on unknown field {t.value!r}"
        values = {v for v, _ in field.choices}
        if values and not set(t.answers) <= values:
            return f"answer trigger waits for {t.answers} not offered by {t.value!r}"
        return ""
    return f"unknown trigger kind {t.kind!r}"


def _problems(registry: PluginRegistry, region_id: str) -> list[str]:
    ladder = registry.ladder(region_id)
    problems: list[str] = []
    for stage in ladder.stages:
        for trigger in stage.entry_triggers:
            why = _trigger_problem(registry, region_id, stage, trigger)
            if why:
                problems.append(f"step {stage.number} ({stage.id}): {why}")
    return problems


@pytest.mark.parametrize("region_id", REGIONS)
def test_every_trigger_can_fire(installed: PluginRegistry, region_id: str) -> None:
    """No dead trigger: each one names something the desk can record or compute."""
    assert _problems(installed, region_id) == []


@pytest.mark.parametrize("region_id", REGIONS)
def test_every_stage_with_triggers_can_be_suggested(
    installed: PluginRegistry, region_id: str
) -> None:
    ladder = installed.ladder(region_id)
    never = [
        f"step {s.number} ({s.id})"
        for s in ladder.stages
        if s.entry_triggers
        and all(_trigger_problem(installed, region_id, s, t) for t in s.entry_triggers)
    ]
    assert never == []


@pytest.mark.parametrize("region_id", REGIONS)
def test_every_stage_is_reachable_from_the_start(installed: PluginRegistry, region_id: str) -> None:
    ladder = installed.ladder(region_id)
    seen = {ladder.start_stage, *(s for _, s in ladder.sector_starts)}  # a route per sector
    todo = deque(seen)
    while todo:
        for nxt in ladder.stage(todo.popleft()).next_stages:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert [s.id for s in ladder.stages if s.id not in seen] == []


@pytest.mark.parametrize("region_id", REGIONS)
def test_a_besluit_offers_every_decision_a_next_step_waits_for(
    installed: PluginRegistry, region_id: str
) -> None:
    """What the desk's Besluit dialog offers at a step covers its next steps' triggers."""
    from verzuimdesk.core.ladder import offered_decisions

    ladder = installed.ladder(region_id)
    for stage in ladder.stages:
        offered = {d.id: d for d in offered_decisions(ladder, stage.id)}
        for target_id in stage.next_stages:
            for t in ladder.stage(target_id).entry_triggers:
                if t.kind is not TriggerKind.DECISION:
                    continue
                if stage.decision_defs() and t.value not in offered:
                    continue  # this step decides otherwise; another step leads there
                assert t.value in offered, (stage.id, t.value)
                assert offered[t.value].label and offered[t.value].label != t.value

"""The worked example in docs/plugins.md §3 is a valid plugin, and §7's tests pass on it."""

from __future__ import annotations

import datetime as dt
import re
import types
from pathlib import Path
from typing import Any

from verzuimdesk.core.ladder import CaseState, SignalFact
from verzuimdesk.plugins.api import Absence, AbsenceKind, hookimpl
from verzuimdesk.testing import Step, make_registry, signal_context, walk_ladder

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def example_namespace() -> dict[str, Any]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## 3. Every hook", 1)[1].split("## 4.", 1)[0]
    namespace: dict[str, Any] = {}
    for block in re.findall(r"```python\n(.*?)```", section, flags=re.S):
        exec(compile(block, str(DOCS), "exec"), namespace)
    return namespace


def example_plugin() -> types.ModuleType:
    ns = example_namespace()
    module = types.ModuleType("verzuimdesk_zeeland_voorbeeld")
    hooks = {
        "register_region": [ns["REGION"]],
        "register_roles": ns["ROLES"],
        "register_partners": ns["PARTNERS"],
        "register_timeline_bands": ns["BANDS"],
        "register_checklists": [ns["CRITERIA"]],
        "register_forms": ns["FORMS"],
        "register_deadline_rules": ns["RULES"],
        "register_ladder": [ns["LADDER"]],
        "register_signals": ns["SIGNALS"],
        "register_report_formats": ns["REPORTS"],
        "register_letter_templates": ns["LETTERS"],
        "register_monitoring_lists": ns["MONITORING"],
    }
    for name, items in hooks.items():

        def impl(items: Any = items) -> list[Any]:
            return list(items)

        impl.__name__ = name
        setattr(module, name, hookimpl(impl))
    module.compute_te_laat = ns["compute_te_laat"]
    return module


def test_the_guide_example_loads_strictly_and_walks() -> None:
    plugin = example_plugin()
    registry = make_registry(plugin)  # strict: raises with the reason if invalid
    assert registry.region("zeeland").name == "Zeeland"
    ladder = registry.ladder("zeeland")
    base = CaseState(
        stage_id="zl-1-school",
        municipality="Goes",
        signals=[SignalFact("duo-16h", dt.date(2026, 9, 24))],
    )
    state, view = walk_ladder(ladder, [Step("zl-2-gesprek", dt.date(2026, 9, 25))], base=base)
    assert view.in_regie == "lpa"
    _, view = walk_ladder(ladder, [Step("zl-3-mdo", dt.date(2026, 10, 5), "houdt-aan")], base=state)
    assert view.forms == ("zl-mdo",)
    late = [Absence("p", dt.date(2026, 9, d), 0, AbsenceKind.TE_LAAT) for d in (7, 8, 9, 10, 11)]
    (signal,) = plugin.compute_te_laat(signal_context(late))
    assert signal.datum == dt.date(2026, 9, 11)

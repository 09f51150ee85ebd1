"""No open demo case sits at a step that ends the route; closed cases end there.

Amstelland's *Schoolgang hervat* (``am-8-hervat``) and Lelystad's *Afgerond*
(``ll-8-afgerond``) are final steps in an early band (week 1–4). The demo planner took
every early-band step for a truancy step, so a realistic 3,000-pupil Amstelland demo had
17 of its 38 open cases at *Schoolgang hervat*: open cases at the end of the route.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from verzuimdesk.core import db
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.demo_cases import is_closing
from verzuimdesk.plugins.manager import create_plugin_manager

CLOSING = {"amstelland": "am-8-hervat", "lelystad": "ll-8-afgerond"}


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    """The installed regional plugins."""
    registry = create_plugin_manager()
    missing = set(CLOSING) - {region.id for region in registry.regions()}
    if missing:
        pytest.skip(f"plug-in niet geïnstalleerd: {', '.join(sorted(missing))}")
    return registry


@pytest.mark.parametrize("region_id", sorted(CLOSING))
def test_open_cases_never_sit_at_the_closing_step(registry, region_id: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ladder = registry.ladder(region_id)
    closing = {s.id for s in ladder.stages if is_closing(s)}
    assert CLOSING[region_id] in closing
    path = tmp_path / "demo.sqlite"
    summary = generate_demo(db.sqlite_url(path), region_id, pupils=600, registry=registry)
    with sqlite3.connect(path) as conn:
        open_at = dict(
            conn.execute(
                'SELECT stage_id, COUNT(*) FROM "case" WHERE closed_on IS NULL GROUP BY stage_id'
            ).fetchall()
        )
        closed_at = dict(
            conn.execute(
                'SELECT stage_id, COUNT(*) FROM "case" WHERE closed_on IS NOT NULL '
                "GROUP BY stage_id"
            ).fetchall()
        )
    assert summary.open_cases == sum(open_at.values()) > 0
    assert not closing & set(open_at), open_at
    # Closed cases end at the closing step; every other step has an open case.
    assert closing <= set(closed_at)
    assert set(open_at) == {s.id for s in ladder.stages} - closing
    assert summary.stages_covered == {s.id for s in ladder.stages}

"""Producing the quarter's inspectie list closes the region's inspectie deadline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.reports.service import produce
from verzuimdesk.core.services.region_deadlines import KIND_INSPECTIE, region_deadlines


def _inspectie(desk: Any, quarter: str) -> list[Any]:
    return [
        row
        for row in region_deadlines(desk, include_done=True)
        if row.kind == KIND_INSPECTIE and row.quarter == quarter
    ]


def test_the_inspectie_list_closes_its_deadline_and_the_groslijst_does_not(
    desk: Any, tmp_path: Path
) -> None:
    """Termijnen shows "inspectielijst 2024Q3" until the list is written; a groslijst
    (internal) leaves it open."""
    quarter = Quarter(2024, 3)
    produce(desk, "groslijst", quarter, tmp_path / "gros.xlsx")
    assert all(row.done_on is None for row in _inspectie(desk, "2024Q3"))
    produce(desk, "inspectie", quarter, tmp_path / "inspectie.xlsx")
    rows = _inspectie(desk, "2024Q3")
    assert rows and all(row.done_on is not None for row in rows)

"""The import's row loop reads each distinct cell once; that changes no outcome (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.importing.support import SAMPLES, mapping_for, records, with_schools_and_pupils
from verzuimdesk.core.importing import absences as absence_import
from verzuimdesk.core.importing import run_import


def _import(desk: Any, path: Path) -> Any:
    mapping = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    mapping.kinds = {"stage": "negeren"}
    return run_import(desk, path, mapping)


def test_forgetting_the_readings_changes_nothing(
    desk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cache of readings emptied at every new cell, the same records and refusals
    (memory stays flat for a file whose cells are all different)."""
    with_schools_and_pupils(desk)
    monkeypatch.setattr(absence_import, "READINGS_LIMIT", 1)
    report = _import(desk, SAMPLES / "magister_absenties.csv")
    assert (report.imported, report.ignored, report.refused_count) == (17, 1, 5)
    assert len(records(desk)) >= 7


def test_a_pupil_number_with_spaces_is_the_same_pupil(desk: Any, tmp_path: Path) -> None:
    """The pupil is looked up once per distinct cell text, stripped for the look-up."""
    with_schools_and_pupils(desk)
    text = (SAMPLES / "magister_absenties.csv").read_text(encoding="utf-8-sig")
    spaced = tmp_path / "spaties.csv"
    spaced.write_text(text.replace("\n1001;", "\n 1001 ;"), encoding="utf-8")
    report = _import(desk, spaced)
    assert report.imported == 17 and report.not_found_rows == 1

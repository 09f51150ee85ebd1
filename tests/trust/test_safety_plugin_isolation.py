"""Finding 7 of issue 11: a plugin that raises at run time costs its own result only.

A regional signal whose ``compute`` raises made every absence save in its region
fail with the generic message, and ``verzuimdesk signals --region`` printed nothing.
Now the national signals stand, the failure names the plugin, is logged once and is
listed in the Plug-ins dialog.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.desk import REGION, TODAY, TestRegionPlugin, school_days_before
from verzuimdesk import cli
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.rules import plugin_guard
from verzuimdesk.core.rules.types import Sector
from verzuimdesk.core.services import absences, pupils
from verzuimdesk.plugins.api import RegionalSignal, hookimpl
from verzuimdesk.plugins.manager import create_plugin_manager

D = dt.date


def _broken(context: Any) -> list[Any]:
    raise ZeroDivisionError("regionale deling door nul")


class BrokenSignalPlugin(TestRegionPlugin):
    """The test region, with one regional signal whose code raises."""

    @hookimpl
    def register_signals(self) -> list[RegionalSignal]:
        return [RegionalSignal("kapot-signaal", REGION, "Kapot regionaal signaal", _broken)]


@pytest.fixture
def registry() -> Iterator[Any]:
    plugin_guard.clear()
    registry = create_plugin_manager(load_entrypoints=False, plugins=[BrokenSignalPlugin()])
    assert not registry.failures, [f.reason for f in registry.failures]
    yield registry
    plugin_guard.clear()


@pytest.fixture
def broken_desk(tmp_path: Path, registry: Any) -> Iterator[Desk]:
    case_base = create_case_base(sqlite_url(tmp_path / "c.sqlite"), REGION, today=TODAY)
    desk = Desk(case_base, registry, user="tester", today=TODAY)
    yield desk
    case_base.close()


def test_absence_saves_and_national_signals_survive_a_failing_regional_signal(
    broken_desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    """Two saves: both stored, the 16-hour signal is there, the failure logged once."""
    desk = broken_desk
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sam", "Jansen", D(2011, 5, 1), school_id=school)
    )
    days = school_days_before(D(2024, 11, 19), 6)
    with caplog.at_level(logging.ERROR, logger="verzuimdesk.plugins"):
        absences.set_absences(
            desk, pid, [absences.AbsenceEntry(day, "ongeoorloofd", 6.0) for day in days[:3]]
        )
        absences.set_absences(
            desk, pid, [absences.AbsenceEntry(day, "ongeoorloofd", 6.0) for day in days[3:]]
        )
    assert "duo-16h" in _signal_codes(desk, pid)
    failures = plugin_guard.failures()
    assert len(failures) == 1 and failures[0].count >= 2
    assert "kapot-signaal" in failures[0].description and REGION in failures[0].description
    logged = [r for r in caplog.records if "kapot-signaal" in r.getMessage()]
    assert len(logged) == 1


def _signal_codes(desk: Desk, pupil_id: int) -> set[str]:
    from sqlalchemy import select

    from verzuimdesk.core.models import StoredSignal

    with desk.case_base.sessions() as session:
        rows = session.scalars(select(StoredSignal.code).where(StoredSignal.pupil_id == pupil_id))
        return set(rows)


def test_the_plugins_dialog_lists_the_failure_with_the_plugin(
    qtbot: Any, broken_desk: Desk
) -> None:
    """The Plug-ins dialog names the plugin and the signal, with details to copy."""
    from verzuimdesk.core.rules.regional_signal import SignalContext
    from verzuimdesk.gui.about import PluginsDialog

    signal = broken_desk.registry.regional_signals(REGION)[0]
    context = SignalContext("p", (), (), lambda d: True, lambda d: 0, Sector.VO, 6.0, TODAY)
    assert plugin_guard.run_regional_signal(signal, context) == []
    dialog = PluginsDialog(broken_desk)
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    failing = [row for row in rows if row[3].startswith("fout tijdens gebruik")]
    assert len(failing) == 1
    assert "kapot-signaal" in failing[0][3] and "ZeroDivisionError" in failing[0][3]
    assert "ZeroDivisionError" in dialog.details.toPlainText()


def test_the_signals_command_still_prints_the_national_signals(
    tmp_path: Path,
    registry: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``verzuimdesk signals --region`` with the failing signal: national lines, a warning."""
    monkeypatch.setattr("verzuimdesk.plugins.manager.create_plugin_manager", lambda: registry)
    rows = ["leerling,datum,uren,soort"]
    rows += [f"b,{d.isoformat()},6,ongeoorloofd" for d in school_days_before(D(2024, 11, 19), 5)]
    csv_path = tmp_path / "verzuim.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli.main(["signals", str(csv_path), "--region", REGION]) == 0
    out, err = capsys.readouterr()
    codes = [json.loads(line)["code"] for line in out.splitlines()]
    assert "duo-16h" in codes
    assert "kapot-signaal" in err

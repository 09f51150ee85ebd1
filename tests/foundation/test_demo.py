"""The synthetic demo case base: every national signal and every ladder step appear."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import case, func, select

from verzuimdesk.core import db
from verzuimdesk.core.demo import generate_demo, synthetic_bsns
from verzuimdesk.core.models import AbsenceRecord, Case, Deadline, Pupil, School
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Sector
from verzuimdesk.plugins.manager import create_plugin_manager

VO_CODES = {
    "duo-16h",
    "duo-lrv",
    "thuiszitter-b2a",
    "thuiszitter-b2b",
    "duo-luxe",
    "sick-7-days",
    "sick-4-in-12",
}
PO_CODES = {"sick-po-5-reports", "sick-po-10-days"}


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    """The installed regional plugins."""
    registry = create_plugin_manager()
    if not registry.regions():
        pytest.skip("geen regionale plug-in geïnstalleerd")
    return registry


@pytest.mark.parametrize("region_id", ["den_haag", "amsterdam", "kennemerland"])
def test_demo_has_every_signal_and_every_ladder_step(
    registry, region_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A newcomer's demo shows every national signal and a case at every reachable step."""
    if region_id not in {region.id for region in registry.regions()}:
        pytest.skip(f"plug-in {region_id} is niet geïnstalleerd")
    url = db.sqlite_url(tmp_path / "demo.sqlite")
    summary = generate_demo(url, region_id, pupils=800, registry=registry)
    expected = set(VO_CODES) | {"absoluut-verzuim"}  # past gaps between two schools
    if "PO" in {str(s) for s in registry.region(region_id).sectors}:
        expected |= PO_CODES
    assert expected <= summary.signal_codes
    ladder = registry.ladder(region_id)
    assert summary.stages_covered == {stage.id for stage in ladder.stages}
    case_base = db.open_case_base(url)
    with case_base.sessions() as session:
        assert session.scalar(select(func.count(Pupil.id))) == 800
        open_cases = session.scalar(select(func.count(Case.id)).where(Case.closed_on.is_(None)))
        assert open_cases == summary.open_cases > 0
        report_deadlines = session.scalars(
            select(Deadline).where(Deadline.rule_id.like("signal:%"))
        ).all()
    # The regisseur's deadlines list shows DUO reports: done ones, open ones, overdue ones.
    assert any(d.done_on is not None for d in report_deadlines)
    assert any(d.done_on is None for d in report_deadlines)
    # No day holds more hours than the school day (rules.md §2; issue 9, defect 3).
    with case_base.sessions() as session:
        overfull = session.execute(
            select(AbsenceRecord.pupil_id, AbsenceRecord.date, func.sum(AbsenceRecord.hours))
            .join(Pupil, Pupil.id == AbsenceRecord.pupil_id)
            .join(School, School.id == Pupil.school_id)
            .group_by(AbsenceRecord.pupil_id, AbsenceRecord.date, School.sector)
            .having(
                func.sum(AbsenceRecord.hours)
                > case((School.sector == "PO", DEFAULT_DAY_HOURS[Sector.PO]), else_=6.0)
            )
            .limit(3)
        ).all()
        assert overfull == []
        assert not session.scalar(
            select(func.count(AbsenceRecord.id)).where(AbsenceRecord.hours <= 0)
        )
    case_base.close()


def test_demo_bsns_are_valid_and_from_the_test_range() -> None:
    """Synthetic BSNs pass the eleven test and can never be a real person's number."""
    import random

    from stdnum.nl import bsn

    numbers = synthetic_bsns(random.Random(1))[:500]
    assert all(number.startswith("9999") and bsn.is_valid(number) for number in numbers)


def test_demo_command_refuses_to_overwrite(tmp_path: Path) -> None:
    """`verzuimdesk demo` never writes over an existing file and says why in Dutch."""
    target = tmp_path / "bestaat.sqlite"
    target.write_text("belangrijk")
    result = subprocess.run(
        [sys.executable, "-m", "verzuimdesk", "demo", "--region", "den_haag", "--out", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "bestaat al" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "belangrijk"


def test_demo_command_names_a_missing_region(tmp_path: Path) -> None:
    """An unknown region is reported in one Dutch line, exit code 2."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "verzuimdesk",
            "demo",
            "--region",
            "atlantis",
            "--out",
            str(tmp_path / "x.sqlite"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "atlantis" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_on_a_shared_postgresql_case_base(registry, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    """A demo can be written to an empty PostgreSQL database and opened like a file."""
    summary = generate_demo(postgres_url, "den_haag", pupils=300, registry=registry)
    case_base = db.open_case_base(postgres_url)
    with case_base.sessions() as session:
        assert session.scalar(select(func.count(Pupil.id))) == 300
        cases = session.scalar(select(func.count(Case.id)))
    assert cases == summary.open_cases + summary.closed_cases
    case_base.close()


def test_about_says_demo_only_for_a_demo_case_base(registry, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The About dialog warns that the data is made up on a demo, and only there."""
    from PySide6.QtWidgets import QLabel

    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.about import AboutDialog

    def about_text(case_base: db.CaseBase) -> str:
        dialog = AboutDialog(Desk(case_base, registry, user="t"))
        qtbot.addWidget(dialog)
        return " ".join(label.text() for label in dialog.findChildren(QLabel))

    demo_url = db.sqlite_url(tmp_path / "demo.sqlite")
    generate_demo(demo_url, "den_haag", pupils=50, registry=registry)
    demo = db.open_case_base(demo_url)
    own = db.create_case_base(db.sqlite_url(tmp_path / "eigen.sqlite"), "den_haag")
    assert "verzonnen" in about_text(demo)
    assert "verzonnen" not in about_text(own)
    demo.close()
    own.close()

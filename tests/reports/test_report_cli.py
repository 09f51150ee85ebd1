"""Issue 10: ``verzuimdesk report`` writes the same report as the desk, with Dutch errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.report_cases import ReportCases
from verzuimdesk.cli import main
from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.reports.service import build_report
from verzuimdesk.core.reports.writers import csv_text


@pytest.fixture(autouse=True)
def _test_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command loads the installed plugins; here that is the test region."""
    from tests.support.desk import make_registry
    from verzuimdesk.plugins import manager

    monkeypatch.setattr(manager, "create_plugin_manager", lambda *a, **k: make_registry())


def _run(report_cases: ReportCases, *args: str) -> int:
    return main(
        ["report", "--database", report_cases.desk.case_base.url, "--today", "2024-12-20", *args]
    )


@pytest.mark.parametrize("kind", ["inspectie", "groslijst"])
def test_the_cli_writes_what_the_desk_builds(
    report_cases: ReportCases, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{kind}.csv"
    assert _run(report_cases, "--quarter", "2024Q4", "--kind", kind, "--out", str(out)) == 0
    desk_report = build_report(report_cases.desk, kind, Quarter.parse("2024Q4")).report
    assert out.read_bytes().decode("utf-8-sig") == csv_text(desk_report)
    assert "6 regels" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2024Q5", "--kind", "inspectie"], "Onbekend kwartaal ‘2024Q5’"),
        (["--quarter", "2025Q3", "--kind", "inspectie"], "is nog niet begonnen"),
        (["--quarter", "2024Q4", "--kind", "weekstaat"], "Onbekende soort rapportage ‘weekstaat’"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_exit_2(
    report_cases: ReportCases,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.xlsx"
    assert _run(report_cases, *args, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_an_unknown_extension_is_refused(
    report_cases: ReportCases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    assert _run(report_cases, "--quarter", "2024Q4", "--kind", "inspectie", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "Onbekende bestandsextensie (‘.docx’)" in err and ".xlsx, .csv, .pdf" in err
    pdf_only = tmp_path / "k.csv"
    args = ["--quarter", "2024Q4", "--kind", "kwartaalrapportage", "--out", str(pdf_only)]
    assert _run(report_cases, *args) == 2
    assert "eindigt op .pdf" in capsys.readouterr().err


def test_a_missing_case_base_or_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--quarter", "2024Q4", "--kind", "inspectie"]
    missing = str(tmp_path / "nergens.sqlite")
    assert main(["report", "--database", missing, *args, "--out", str(tmp_path / "x.csv")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    out = str(tmp_path / "geen-map" / "x.csv")
    assert main(["report", "--database", missing, *args, "--out", out]) == 2

"""Issue 10: every ReportFormat a regional plugin registers is produced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from verzuimdesk.core.db import open_case_base, sqlite_url
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.reports.regional import row_kind, unknown_columns
from verzuimdesk.core.reports.service import build_report, report_kinds, write_report
from verzuimdesk.plugins.manager import create_plugin_manager

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module", params=["den_haag", "amsterdam", "kennemerland"])
def region_desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Desk:
    registry = create_plugin_manager()
    path = tmp_path_factory.mktemp(request.param) / "demo.sqlite"
    generate_demo(sqlite_url(path), request.param, pupils=300, registry=registry, today=TODAY)
    return Desk(open_case_base(sqlite_url(path)), registry, today=TODAY)


def test_every_registered_format_is_a_report_kind_and_is_written(
    region_desk: Desk, tmp_path: Path
) -> None:
    formats = region_desk.registry.report_formats(region_desk.region_id)
    assert formats, "every installed region registers report formats"
    kinds = {k.id for k in report_kinds(region_desk)}
    for fmt in formats:
        assert fmt.id in kinds
        # The desk knows every column except what it does not record (a pupil's class).
        assert set(unknown_columns(fmt)) <= {"klas"}, fmt.id
        built = build_report(region_desk, fmt.id, Quarter.parse("2026Q4"))
        table = built.report.tables[0]
        assert table.headers == list(fmt.columns)
        assert built.report.title == fmt.name
        if row_kind(fmt) != "besluiten":
            assert table.rows, f"{fmt.id} has rows on the demo"
        for suffix in (".xlsx", ".csv", ".pdf"):
            path = write_report(built, tmp_path / f"{fmt.id}{suffix}")
            assert path.stat().st_size > 0
        sheet = load_workbook(tmp_path / f"{fmt.id}.xlsx").worksheets[0]
        assert [c.value for c in sheet[1]] == list(fmt.columns)
        assert sheet.max_row == len(table.rows) + 1


def test_school_rows_count_the_quarters_signals(region_desk: Desk) -> None:
    """A per-school report's signal columns add up to the stored signals of the quarter."""
    from sqlalchemy import func, select

    from verzuimdesk.core.models import Pupil, StoredSignal
    from verzuimdesk.core.reports.regional import norm

    for fmt in region_desk.registry.report_formats(region_desk.region_id):
        if row_kind(fmt) != "scholen":
            continue
        names = [norm(c) for c in fmt.columns]
        if "16uur" not in names:
            continue
        table = build_report(region_desk, fmt.id, Quarter.parse("2026Q4")).report.tables[0]
        with region_desk.case_base.sessions() as session:
            expected = session.scalar(
                select(func.count())
                .select_from(StoredSignal)
                .join(Pupil, Pupil.id == StoredSignal.pupil_id)
                .where(
                    StoredSignal.code == "duo-16h",
                    StoredSignal.datum >= dt.date(2026, 10, 1),
                    StoredSignal.datum <= TODAY,
                    Pupil.school_id.is_not(None),
                )
            )
        column = names.index("16uur")
        assert sum(int(row[column] or 0) for row in table.rows) == expected

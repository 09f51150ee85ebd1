"""Issue 10: the case list's category column and the forms' prefill use the category
computed for today from the history, not the stored (sticky) field: a pupil who returned
to school shows no B2a/B2b."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from tests.support.report_cases import ReportCases, build
from verzuimdesk.core.models import Case
from verzuimdesk.core.services import queries
from verzuimdesk.core.services.queries.case_rows import CaseIndex


@pytest.fixture
def sticky(tmp_path: Path) -> ReportCases:
    """The report case base with the stored category an older desk left behind: B2a for
    the pupil who is back at school since 11 November (stored while the LRV was open)."""
    built = build(tmp_path / "cases")
    with built.desk.case_base.sessions.begin() as session:
        session.execute(
            update(Case)
            .where(Case.id.in_([built.case_ids["returned"], built.case_ids["closed"]]))
            .values(inspectie_category="B2a")
        )
    return built


def _categories(rows: list[queries.CaseRow]) -> dict[int, str]:
    return {row.case_id: row.category for row in rows}


def test_a_pupil_back_at_school_has_no_category_in_the_list(sticky: ReportCases) -> None:
    ids = sticky.case_ids
    shown = _categories(queries.case_list(sticky.desk))
    assert shown[ids["returned"]] == ""  # back since 11 November: was stuck on B2a
    assert shown[ids["stayed"]] == "B2b"
    assert shown[ids["b3"]] == "B3"
    closed = _categories(queries.case_list(sticky.desk, queries.CaseQuery(include_closed=True)))
    assert closed[ids["closed"]] == ""  # closed with passend aanbod on 15 November


def test_the_quick_first_paint_fills_the_category_with_the_weeks(sticky: ReportCases) -> None:
    ids = sticky.case_ids
    index = CaseIndex(sticky.desk)
    index.ensure(quick=True)
    assert index.weeks_pending
    assert index.rows[ids["returned"]].category == ""  # not the stored B2a meanwhile
    job = index.weeks_job()
    assert job is not None
    index.apply_weeks(job())
    assert index.rows[ids["returned"]].category == ""
    assert index.rows[ids["stayed"]].category == "B2b"


def test_a_filter_on_the_category_uses_the_computed_one(sticky: ReportCases) -> None:
    ids = sticky.case_ids
    rows = queries.case_list(sticky.desk, queries.CaseQuery(category="B2a"), quick=True)
    assert ids["returned"] not in {row.case_id for row in rows}


def test_a_form_is_prefilled_with_the_computed_category(sticky: ReportCases) -> None:
    ids = sticky.case_ids
    returned = queries.case_file(sticky.desk, ids["returned"])
    assert returned.prefill["case.inspectie_category"] is None
    stayed = queries.case_file(sticky.desk, ids["stayed"])
    assert stayed.prefill["case.inspectie_category"] == "B2b"

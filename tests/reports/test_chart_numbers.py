"""Issue 10: the numbers behind each chart equal the counts from the case base."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tests.support.report_cases import TODAY, ReportCases
from verzuimdesk.core.models import Case, StoredSignal
from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.reports.service import build_overview

D = dt.date


def test_thuiszitters_per_category_per_quarter(report_cases: ReportCases) -> None:
    view = build_overview(report_cases.desk, Quarter.parse("2024Q4"))
    chart = view.chart("per-kwartaal")
    assert chart.labels == ["1e kw. 2024", "2e kw. 2024", "3e kw. 2024", "4e kw. 2024"]
    series = dict(chart.series)
    # Q3 (to 30 Sep): the three LRV pupils B2a from 27 Sep; both exempted pupils A2a.
    # Q4: returned and closed ended as B2a, stayed is B2b, b3 and a2_b3 are B3, a2 is A2a.
    assert series == {"B2a": [0, 0, 3, 2], "B2b": [0, 0, 0, 1], "B3": [0, 0, 0, 2],
                      "A2a": [0, 0, 2, 1]}  # fmt: skip
    headers, rows = chart.table()
    assert headers == ["Kwartaal", "B2a", "B2b", "B3", "A2a", "Totaal"]
    assert rows[-1] == ["4e kw. 2024", 2, 1, 2, 1, 6]
    assert dict(view.figures)["Thuiszitters dit kwartaal"] == 6


def test_inflow_outflow_and_time_until_return(report_cases: ReportCases) -> None:
    view = build_overview(report_cases.desk, Quarter.parse("2024Q4"))
    flow = view.chart("instroom-uitstroom")
    by_month = dict(zip(flow.labels, zip(*(v for _, v in flow.series), strict=True), strict=True))
    # In: a2_b3 (1 Aug), a2 (1 Sep), three B2a pupils (27 Sep), b3 (1 Nov).
    assert by_month["aug 24"] == (1, 0)
    assert by_month["sep 24"] == (4, 0)
    assert by_month["nov 24"] == (1, 2)  # out: returned (8 Nov) and closed (15 Nov)
    assert sum(flow.series[0][1]) == 6 and sum(flow.series[1][1]) == 2
    back = view.chart("tijd-tot-terugkeer")
    assert dict(zip(back.labels, back.series[0][1], strict=True))["4–8 wk"] == 2


def test_open_cases_and_signals_per_week(report_cases: ReportCases) -> None:
    desk = report_cases.desk
    view = build_overview(desk, Quarter.parse("2024Q4"))
    with desk.case_base.sessions() as session:
        open_cases = session.scalar(
            select(func.count()).select_from(Case).where(Case.closed_on.is_(None))
        )
        signals = session.scalar(
            select(func.count())
            .select_from(StoredSignal)
            .where(
                StoredSignal.datum >= D(2024, 9, 30),  # the Monday of the week of 1 October
                StoredSignal.datum <= TODAY,
                StoredSignal.code.not_in(["thuiszitter-b2a", "thuiszitter-b2b"]),
            )
        )
    schools = view.chart("per-school")
    assert schools.total == open_cases == 3
    assert dict(zip(schools.labels, schools.series[0][1], strict=True)) == {
        "Het Rapportcollege": 2,
        "Geen school": 1,  # the unenrolled B3 pupil
    }
    steps = view.chart("per-stap")
    assert steps.labels == ["Stap 1 Preventie op school"] and steps.series[0][1] == [3]
    weekly = view.chart("signalen-per-week")
    assert weekly.total == signals
    assert weekly.labels[0] == "30 sep"  # the Monday of the week

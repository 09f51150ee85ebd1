"""Issue 10: a pupil's inspectie category is computed for a date from the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from tests.support.report_cases import TODAY, ReportCases
from verzuimdesk.core.models import Case
from verzuimdesk.core.reports.facts import load_facts
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory as C
from verzuimdesk.core.rules.inspectie_history import CaseSpan, category_at, category_periods
from verzuimdesk.core.services import absences, inspectie_history, queries
from verzuimdesk.core.services.inspectie_history import categories_on, category_per_day

D = dt.date


def test_a_pupil_who_returns_to_school_stops_being_b2a(report_cases: ReportCases) -> None:
    desk, pid = report_cases.desk, report_cases.pupil_ids["returned"]
    on = inspectie_history.category_on_day
    assert on(desk, pid, D(2024, 9, 26)) == "B1"  # 16-hour reports, no LRV yet
    assert on(desk, pid, D(2024, 9, 27)) == "B2a"  # 4 lesweken complete
    assert on(desk, pid, D(2024, 11, 8)) == "B2a"  # the last day at home
    assert on(desk, pid, D(2024, 11, 11)) == ""  # back at school: no longer B2a
    # The case file shows the category of today, not the stored one.
    assert queries.case_file(desk, report_cases.case_ids["returned"]).category == ""


def test_the_stored_category_is_cleared_when_the_pupil_is_back() -> None:
    """The old code kept B2a in ``case.inspectie_category`` for ever once it was set."""
    import tempfile
    from pathlib import Path

    from tests.support.report_cases import build

    built = build(Path(tempfile.mkdtemp()))
    desk, case_id = built.desk, built.case_ids["returned"]
    # Recomputing the signals (any change of the absences) stores today's category.
    absences.recompute_signals(desk, built.pupil_ids["returned"])
    with desk.case_base.sessions() as session:
        assert session.scalar(select(Case.inspectie_category).where(Case.id == case_id)) is None
        stayed = session.scalar(
            select(Case.inspectie_category).where(Case.id == built.case_ids["stayed"])
        )
    assert stayed == "B2b"


def test_category_per_day_of_the_quarter(report_cases: ReportCases) -> None:
    ids = report_cases.pupil_ids
    days = category_per_day(report_cases.desk, ids.values(), D(2024, 10, 1), TODAY)
    stayed = days[ids["stayed"]]
    assert stayed[D(2024, 10, 1)] is C.B2A
    assert stayed[D(2024, 12, 1)] is C.B2A
    assert stayed[D(2024, 12, 3)] is C.B2B  # three months after 2 September
    assert stayed[TODAY] is C.B2B
    assert D(2024, 11, 11) not in days[ids["returned"]]
    assert D(2024, 10, 31) not in days[ids["b3"]]
    assert days[ids["b3"]][D(2024, 11, 1)] is C.B3
    assert days[ids["a2_b3"]][D(2024, 10, 15)] is C.A2A
    assert days[ids["a2_b3"]][D(2024, 10, 16)] is C.B3
    assert days[ids["closed"]][D(2024, 11, 15)] is C.B2A
    assert D(2024, 11, 16) not in days[ids["closed"]]  # closed with passend aanbod
    assert ids["none"] not in days or set(days[ids["none"]].values()) <= {C.B1}
    assert categories_on(report_cases.desk, [ids["a2"]], TODAY) == {ids["a2"]: "A2a"}


def test_periods_agree_with_the_category_of_every_single_day(report_cases: ReportCases) -> None:
    """The breakpoint evaluation gives, day by day, what ``category_at`` says."""
    facts = load_facts(report_cases.desk, D(2024, 8, 1), TODAY, with_sick=True)
    from verzuimdesk.core.models import Pupil
    from verzuimdesk.core.services import rules_gateway

    with report_cases.desk.case_base.sessions() as session:
        for pid, pupil in facts.pupils.items():
            record = rules_gateway.legal_record(session.get(Pupil, pid))  # type: ignore[arg-type]
            spans = [CaseSpan(c.opened_on, c.closed_on, c.manual_c) for c in pupil.cases]
            periods = category_periods(record, pupil.signals, D(2024, 8, 1), TODAY, cases=spans)
            by_day = {
                p.start + dt.timedelta(days=i): p.category for p in periods for i in range(p.days)
            }
            day = D(2024, 8, 1)
            while day <= TODAY:
                expected = category_at(record, pupil.signals, day, cases=spans)
                assert by_day.get(day) == expected, (pupil.full_name, day)
                day += dt.timedelta(days=1)


def test_a_manual_c_holds_only_while_the_case_is_open() -> None:
    from verzuimdesk.core.rules.legal_record import EnrolmentPeriod, LegalRecord

    record = LegalRecord(D(2010, 1, 1), enrolments=(EnrolmentPeriod(D(2015, 8, 1)),))
    spans = [CaseSpan(D(2024, 9, 1), D(2024, 10, 31), manual_c=True)]
    periods = category_periods(record, [], D(2024, 8, 1), D(2024, 12, 31), cases=spans)
    assert [(p.category, p.start, p.end) for p in periods] == [
        (C.C, D(2024, 9, 1), D(2024, 10, 31))
    ]


def test_a_case_base_shared_on_postgresql_gives_the_same_periods(
    report_cases: ReportCases, empty_db_url: str, tmp_path: Any
) -> None:
    from tests.support.report_cases import build

    other = build(tmp_path, url=empty_db_url)
    mine = load_facts(report_cases.desk, D(2024, 8, 1), TODAY)
    theirs = load_facts(other.desk, D(2024, 8, 1), TODAY)
    assert sorted((p.full_name, tuple(p.periods)) for p in mine.pupils.values()) == sorted(
        (p.full_name, tuple(p.periods)) for p in theirs.pupils.values()
    )


def test_periods_agree_with_every_day_on_a_generated_demo(tmp_path: Any) -> None:
    """The same day-by-day check on 80 pupils of a generated region (many signal mixes)."""
    import random

    from verzuimdesk.core.db import open_case_base, sqlite_url
    from verzuimdesk.core.demo import generate_demo
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.models import Pupil
    from verzuimdesk.core.services import rules_gateway
    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager()
    url = sqlite_url(tmp_path / "demo.sqlite")
    generate_demo(url, "den_haag", pupils=400, registry=registry, today=D(2026, 11, 30))
    desk = Desk(open_case_base(url), registry, today=D(2026, 11, 30))
    start, end = D(2026, 8, 1), D(2026, 11, 30)
    facts = load_facts(desk, start, end, with_sick=True)
    chosen = random.Random(7).sample(sorted(facts.pupils), min(80, len(facts.pupils)))
    with desk.case_base.sessions() as session:
        for pid in chosen:
            pupil = facts.pupils[pid]
            record = rules_gateway.legal_record(session.get(Pupil, pid))  # type: ignore[arg-type]
            spans = [CaseSpan(c.opened_on, c.closed_on, c.manual_c) for c in pupil.cases]
            periods = category_periods(record, pupil.signals, start, end, cases=spans)
            by_day = {
                p.start + dt.timedelta(days=i): p.category for p in periods for i in range(p.days)
            }
            day = start
            while day <= end:
                assert by_day.get(day) == category_at(record, pupil.signals, day, cases=spans), (
                    pid,
                    day,
                )
                day += dt.timedelta(days=1)

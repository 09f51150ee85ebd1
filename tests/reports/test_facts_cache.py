"""The report facts are kept between reports while the data do not change (issue 10's speed
goals), and are never stale: a published change re-reads its pupils, a change nobody
published (another program on the case base) re-reads everything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert

from tests.support.report_cases import ReportCases, build
from verzuimdesk.core.models import StoredSignal
from verzuimdesk.core.reports.facts_cache import FactsCache, cached_facts
from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.reports.service import build_overview, build_report
from verzuimdesk.core.services import cases

Q4 = Quarter.parse("2024Q4")


@pytest.fixture
def rc(tmp_path: Path) -> ReportCases:
    """A case base of its own: these tests change it."""
    return build(tmp_path / "cases")


def _cache(rc: ReportCases) -> FactsCache:
    cache = rc.desk.__dict__["_facts_cache"]
    assert isinstance(cache, FactsCache)
    return cache


def _rows(rc: ReportCases, kind: str = "groslijst") -> list[tuple[object, ...]]:
    return list(build_report(rc.desk, kind, Q4).report.tables[0].rows)


def test_the_lists_share_one_read_until_something_changes(rc: ReportCases) -> None:
    first = _rows(rc, "inspectie")
    _rows(rc, "groslijst")
    assert _rows(rc, "inspectie") == first
    assert _cache(rc).loads == 1
    build_report(rc.desk, "kwartaalrapportage", Q4)
    build_overview(rc.desk, Q4)
    assert _cache(rc).loads == 2  # the chart range is read once for both


def test_a_published_change_reads_only_its_pupil_again(rc: ReportCases) -> None:
    before = _rows(rc)
    cases.close_case(rc.desk, rc.case_ids["stayed"], "overig", on=dt.date(2024, 12, 2))
    after = _rows(rc)
    assert after != before
    assert _cache(rc).loads == 1  # refreshed, not read again from scratch
    fresh = build_report_uncached(rc)
    assert after == fresh


def build_report_uncached(rc: ReportCases) -> list[tuple[object, ...]]:
    """The groslijst from a cache that has never seen the case base."""
    rc.desk.__dict__.pop("_facts_cache")
    return _rows(rc)


def test_an_unpublished_change_reads_everything_again(rc: ReportCases) -> None:
    facts = cached_facts(rc.desk, dt.date(2024, 8, 1), dt.date(2024, 12, 20))
    pupil = rc.pupil_ids["none"]
    assert pupil not in facts.pupils
    # Another program writes an LRV for a pupil (no change published on this desk).
    with rc.desk.case_base.sessions.begin() as session:
        session.execute(
            insert(StoredSignal).values(
                pupil_id=pupil, code="duo-lrv", datum=dt.date(2024, 11, 1), start=None,
                eind=None, uren=None,
            )
        )  # fmt: skip
    again = cached_facts(rc.desk, dt.date(2024, 8, 1), dt.date(2024, 12, 20))
    assert pupil in again.pupils
    assert _cache(rc).loads == 2


def test_a_change_is_not_held_up_by_a_read_in_the_background(
    rc: ReportCases, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from verzuimdesk.core.reports import facts_cache

    cached_facts(rc.desk, dt.date(2024, 8, 1), dt.date(2024, 12, 20))
    reading, go_on = threading.Event(), threading.Event()
    real = facts_cache.load_facts

    def slow(*args: object, **kwargs: object) -> object:
        reading.set()
        assert go_on.wait(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facts_cache, "load_facts", slow)
    worker = threading.Thread(
        target=cached_facts, args=(rc.desk, dt.date(2024, 9, 1), dt.date(2024, 12, 20))
    )
    worker.start()
    assert reading.wait(30)
    published = threading.Thread(
        target=cases.close_case, args=(rc.desk, rc.case_ids["stayed"], "overig")
    )
    published.start()
    published.join(10)
    assert not published.is_alive(), "the change waited for the read"
    go_on.set()
    worker.join(30)
    assert _cache(rc).entries[(dt.date(2024, 8, 1), dt.date(2024, 12, 20))].dirty

"""Amsterdam's ``te-laat-spreekuur`` (seed 002: "Houd bij 6 tot 9 keer te laat/verzuim een
preventief verzuimspreekuur") on hand-made histories.

Calendar: Monday–Friday, no vacations (``SimpleCalendar``). September 2026: Monday the 7th,
14th, 21st and 28th. School year 2026/27 runs from 1 August 2026 to 31 July 2027.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk_amsterdam.signals import compute_te_laat_spreekuur

from verzuimdesk.core.ladder import CaseState, SignalFact, evaluate_ladder
from verzuimdesk.plugins.api import Absence, AbsenceKind, Signal
from verzuimdesk.testing import signal_context

D = dt.date
LATE = AbsenceKind.TE_LAAT


def late(*days: dt.date, hours: float = 0.0) -> list[Absence]:
    return [Absence("p1", d, hours, LATE) for d in days]


def signals(records: list[Absence], **kw: Any) -> list[Signal]:
    return compute_te_laat_spreekuur(signal_context(records, **kw))


SEPT = [D(2026, 9, d) for d in (7, 9, 11, 15, 22, 29, 30)]


def test_the_sixth_late_arrival_of_the_school_year() -> None:
    assert signals(late(*SEPT[:5])) == []
    assert signals(late(*SEPT[:6])) == [
        Signal("p1", "te-laat-spreekuur", D(2026, 9, 29), D(2026, 9, 7))
    ]


def test_spread_out_over_months_still_counts() -> None:
    """No 4-week window: the seed gives none for lateness; the count runs per school year."""
    days = [D(2026, 9, 7), D(2026, 10, 5), D(2026, 11, 2), D(2026, 12, 7), D(2027, 1, 11)]
    assert signals(late(*days, D(2027, 2, 1)))[0].datum == D(2027, 2, 1)


def test_once_per_school_year() -> None:
    next_year = [D(2027, 9, d) for d in (6, 7, 8, 9, 10, 13)]
    found = signals(late(*SEPT, *next_year))
    assert [s.datum for s in found] == [D(2026, 9, 29), D(2027, 9, 13)]
    # A school year starts on 1 August: late arrivals in June do not carry over.
    assert signals(late(D(2027, 6, 1), D(2027, 6, 2), D(2027, 6, 3), *next_year[:3])) == []


def test_only_late_records_on_schooldagen_count_whatever_their_hours() -> None:
    saturday = D(2026, 9, 12)
    truancy = [Absence("p1", d, 2.0, AbsenceKind.ONGEOORLOOFD) for d in SEPT]
    assert signals(late(*SEPT[:5], saturday) + truancy) == []
    # te_laat counts occurrences (rules.md §2): a record with hours is one time late too.
    assert len(signals(late(*SEPT[:5]) + late(SEPT[5], hours=0.5))) == 1


def test_nothing_after_the_evaluation_date() -> None:
    assert signals(late(*SEPT[:6]), until=D(2026, 9, 28)) == []


def test_registered_and_suggested_where_the_route_advises_the_talk(
    plugin_registry: Any,
) -> None:
    codes = {s.code: s for s in plugin_registry.regional_signals("amsterdam")}
    assert codes["te-laat-spreekuur"].compute is compute_te_laat_spreekuur
    assert "verzuimgesprek" in codes
    state = CaseState(
        stage_id="ams-1-op-school",
        signals=(SignalFact("te-laat-spreekuur", D(2026, 9, 29)),),
        opened_on=D(2026, 9, 1),
    )
    view = evaluate_ladder(
        plugin_registry.ladder("amsterdam"),
        state,
        today=D(2026, 9, 30),
        signal_names={s.code: s.name for s in codes.values()},
    )
    [suggested] = view.suggested
    assert suggested.stage_id == "ams-2-verzuimgesprek"
    assert "te laat" in " ".join(suggested.reasons)

"""The incremental SignalEngine recomputes only the pupils whose records changed."""

from __future__ import annotations

import datetime as dt

import pytest

from verzuimdesk.core.rules import incremental
from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.incremental import SignalEngine
from verzuimdesk.core.rules.regional_building_blocks import verzuimgesprek_signals
from verzuimdesk.core.rules.signals import compute_signals
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector
from verzuimdesk.plugins.api import RegionalSignal

D = dt.date
U = AbsenceKind.ONGEOORLOOFD
PLAIN = SchoolCalendar.explicit([])
UNTIL = D(2025, 10, 31)


def absent(pupil: str, start: dt.date, end: dt.date, hours: float = 6.0) -> list[Absence]:
    return [Absence(pupil, d, hours, U) for d in PLAIN.schooldagen(start, end)]


def test_load_and_update_only_the_changed_pupil(monkeypatch: pytest.MonkeyPatch) -> None:
    records = absent("a", D(2025, 9, 1), D(2025, 9, 3)) + absent("b", D(2025, 9, 8), D(2025, 9, 9))
    engine = SignalEngine(PLAIN, until=UNTIL)
    engine.load(records)
    assert engine.all_signals() == compute_signals(records, PLAIN, until=UNTIL)
    assert [s.code for s in engine.signals("a")] == ["duo-16h"]
    assert engine.signals("b") == []

    calls: list[str] = []
    real = incremental.compute_pupil_signals_columns

    def counting(pupil, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(pupil)
        return real(pupil, *args, **kwargs)

    monkeypatch.setattr(incremental, "compute_pupil_signals_columns", counting)
    new_b = absent("b", D(2025, 9, 8), D(2025, 9, 10))
    got = engine.update_pupil("b", new_b)
    assert calls == ["b"]
    assert [(s.code, s.datum) for s in got] == [("duo-16h", D(2025, 9, 10))]
    assert engine.signals("b") == got
    assert engine.records("b") == new_b
    assert engine.pupils() == ["a", "b"]

    engine.update_records(absent("c", D(2025, 9, 1), D(2025, 9, 1)))
    assert calls == ["b", "c"]
    engine.remove_pupil("a")
    assert engine.signals("a") == []
    assert engine.pupils() == ["b", "c"]


def test_settings_per_pupil_and_until() -> None:
    records = absent("po", D(2025, 9, 3), D(2025, 9, 30), 5.5) + absent(
        "vo", D(2025, 9, 3), D(2025, 9, 30), 5.5
    )
    engine = SignalEngine(
        lambda p: PLAIN, sector=lambda p: Sector.PO if p == "po" else Sector.VO, until=UNTIL
    )
    engine.load(records)
    assert "duo-lrv" in {s.code for s in engine.signals("po")}  # 5.5 h is a full PO day
    assert "duo-lrv" not in {s.code for s in engine.signals("vo")}
    engine.set_until(D(2025, 9, 29))
    assert "duo-lrv" not in {s.code for s in engine.signals("po")}  # due 30 Sep
    assert engine.until == D(2025, 9, 29)


def test_regional_signals_are_added() -> None:
    rs = RegionalSignal("verzuimgesprek", "amsterdam", "Verzuimgesprek", verzuimgesprek_signals)
    engine = SignalEngine(PLAIN, until=UNTIL, regional=[rs])
    engine.load(absent("a", D(2025, 9, 1), D(2025, 9, 3), 2.0))
    assert [(s.code, s.datum) for s in engine.signals("a")] == [("verzuimgesprek", D(2025, 9, 3))]

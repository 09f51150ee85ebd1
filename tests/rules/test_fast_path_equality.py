"""The columnar fast path gives exactly the signals of the per-pupil engine (issue 15).

Generated records for many pupils — every kind, fractional and zero hours, weekends and
vacations, records after the evaluation date, thuiszitters, luxe runs, sickly pupils — are
computed both ways: per pupil through ``compute_pupil_signals_columns`` (the engine the
oracle tests check) and per chunk through :func:`verzuimdesk.core.rules.columnar.national_signals`.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from array import array

import numpy as np
import pytest

from verzuimdesk.core.rules.calendar import FreeRange, SchoolCalendar
from verzuimdesk.core.rules.columnar import national_signals
from verzuimdesk.core.rules.record_columns import KIND_CODES, RecordColumns
from verzuimdesk.core.rules.signals import compute_pupil_signals_columns
from verzuimdesk.core.rules.types import AbsenceKind, Sector

ONG = KIND_CODES[AbsenceKind.ONGEOORLOOFD]
ZIEK = KIND_CODES[AbsenceKind.ZIEK]
LUXE = KIND_CODES[AbsenceKind.LUXE]
HOURS = (0.0, 0.25, 0.75, 1.0, 2.0, 3.0, 5.3333, 5.5, 6.0, 7.0)


def generated(n_pupils: int, seed: int) -> dict[str, RecordColumns]:
    """Random records for *n_pupils* between Aug 2025 and Sep 2026 (any weekday)."""
    rng = random.Random(seed)
    start = dt.date(2025, 8, 1).toordinal()
    out: dict[str, RecordColumns] = {}
    for p in range(n_pupils):
        recs: dict[tuple[int, int], int] = {}
        pattern = rng.random()
        for _ in range(rng.randint(0, 40)):
            recs[(start + rng.randrange(400), rng.randrange(6))] = round(rng.choice(HOURS) * 3600)
        if pattern < 0.3:  # a run of full days, some weeks long (LRV, B2a, B2b)
            s = start + rng.randrange(330)
            for o in range(s, s + rng.randint(5, 140)):
                recs[(o, ONG)] = round(rng.choice((7.0,) * 30 + (3.0,)) * 3600)
        elif pattern < 0.45:  # luxe around a date
            s = start + rng.randrange(380)
            for o in range(s, s + rng.randint(1, 9)):
                recs[(o, LUXE)] = 6 * 3600
        elif pattern < 0.7:  # sickly
            for _ in range(rng.randint(3, 9)):
                s = start + rng.randrange(380)
                for o in range(s, s + rng.choice((1, 2, 3, 8, 12))):
                    recs[(o, ZIEK)] = 6 * 3600
        items = list(recs.items())
        rng.shuffle(items)  # input order must not matter
        out[f"p{p:04d}"] = RecordColumns(
            array("l", [o for (o, _k), _u in items]),
            array("l", [u for _key, u in items]),
            array("b", [k for (_o, k), _u in items]),
        )
    return out


def as_arrays(pupils: dict[str, RecordColumns]) -> tuple[list[str], tuple[np.ndarray, ...]]:
    """The same records as the fast path's columns (keys, pupil position, ords, units, kinds)."""
    keys = list(pupils)
    pos = np.concatenate([np.full(len(c), i) for i, c in enumerate(pupils.values())])
    ords = np.concatenate([np.array(c.ords) for c in pupils.values()])
    units = np.concatenate([np.array(c.units) for c in pupils.values()])
    kinds = np.concatenate([np.array(c.kinds, dtype=np.int8) for c in pupils.values()])
    return keys, (pos, ords, units, kinds)


CALENDARS = {
    "midden": lambda: SchoolCalendar.for_region("midden"),
    "explicit": lambda: SchoolCalendar.explicit(
        [
            FreeRange(dt.date(2025, 10, 20), dt.date(2025, 10, 24), "Herfst"),
            FreeRange(dt.date(2025, 12, 22), dt.date(2026, 1, 2), "Kerst"),
            FreeRange(dt.date(2026, 7, 13), dt.date(2026, 8, 21), "Zomer"),
        ]
    ),
}


@pytest.mark.parametrize("calendar", sorted(CALENDARS))
@pytest.mark.parametrize(
    ("sector", "day_hours", "until"),
    [
        (Sector.VO, None, dt.date(2026, 7, 10)),
        (Sector.PO, None, dt.date(2026, 9, 4)),
        (Sector.MBO, 5.0, dt.date(2026, 2, 27)),
        (Sector.VO, 6.5, dt.date(2025, 11, 3)),
    ],
)
def test_fast_path_equals_the_engine_per_pupil(
    calendar: str, sector: Sector, day_hours: float | None, until: dt.date
) -> None:
    pupils = generated(400, seed=zlib.crc32(f"{calendar}{sector}{until}".encode()))
    cal = CALENDARS[calendar]()
    keys, (pos, ords, units, kinds) = as_arrays(pupils)
    fast = national_signals(
        keys, pos, ords, units, kinds, cal, sector=sector, day_hours=day_hours, until=until
    )
    expected = {}
    for i, (key, cols) in enumerate(pupils.items()):
        sigs = compute_pupil_signals_columns(
            key, cols, cal, sector=sector, day_hours=day_hours, until=until
        )
        if sigs:
            expected[i] = sigs
    assert fast == expected
    codes = {s.code for sigs in expected.values() for s in sigs}
    assert "duo-16h" in codes  # the data exercises the rules
    if until > dt.date(2026, 1, 1):
        assert {"duo-lrv", "thuiszitter-b2a", "duo-luxe"} <= codes
        sick = (
            {"sick-po-5-reports", "sick-po-10-days"}
            if sector is Sector.PO
            else {
                "sick-7-days",
                "sick-4-in-12",
            }
        )
        assert sick <= codes


def test_a_chunk_split_anywhere_gives_the_same_signals() -> None:
    pupils = generated(300, seed=7)
    cal = SchoolCalendar.for_region("zuid")
    keys, (pos, ords, units, kinds) = as_arrays(pupils)
    until = dt.date(2026, 6, 30)
    whole = national_signals(keys, pos, ords, units, kinds, cal, until=until)
    parts: dict[int, list] = {}
    for lo in range(0, len(keys), 37):
        mask = (pos >= lo) & (pos < lo + 37)
        parts.update(
            national_signals(
                keys, pos[mask], ords[mask], units[mask], kinds[mask], cal, until=until
            )
        )
    assert parts == whole


def test_no_records_and_records_after_until_give_nothing() -> None:
    cal = SchoolCalendar.for_region("midden")
    empty = np.zeros(0, dtype=np.int64)
    assert national_signals([], empty, empty, empty, empty, cal, until=dt.date(2026, 1, 1)) == {}
    later = np.array([dt.date(2026, 3, 2).toordinal() + i for i in range(30)])
    got = national_signals(
        ["x"],
        np.zeros(30, dtype=np.int64),
        later,
        np.full(30, 6 * 3600),
        np.full(30, ONG, dtype=np.int8),
        cal,
        until=dt.date(2026, 3, 1),
    )
    assert got == {}

"""Benchmark: national signals for a whole region (the rules engine's hot path).

    python bench/bench_signals.py [--pupils 40000] [--seed 3] [--updates 1000]

Generates its own synthetic region (deterministic seed): ~2 million absence records
over school year 2025-2026 on the midden calendar, with a mix of patterns that yields
every national signal (sporadic and heavy truancy, thuiszitters with open and closed
LRVs and B2b, luxe runs around vacations, sickly pupils in PO and VO). Then it times:

1. all signals from compact per-pupil columns (the engine's hot path);
2. loading a :class:`SignalEngine` with ``Absence`` records (what the services do);
3. per-pupil incremental updates after one changed record (median and p95).

Prints a Markdown table with records, pupils, seconds, records/second and the peak
resident memory of the process (``resource.getrusage`` maxrss, so it includes the
generated data and the interpreter).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import resource
import statistics
import sys
import time
from array import array
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.incremental import SignalEngine
from verzuimdesk.core.rules.signals import (
    KIND_CODES,
    UNITS_PER_HOUR,
    RecordColumns,
    compute_signals_columns,
)
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector

YEAR_START = dt.date(2025, 8, 1)
YEAR_END = dt.date(2026, 7, 31)
UNTIL = dt.date(2026, 7, 17)  # the last schooldag of 2025-2026 in midden
K_ONG = KIND_CODES[AbsenceKind.ONGEOORLOOFD]
K_ZIEK = KIND_CODES[AbsenceKind.ZIEK]
K_LAAT = KIND_CODES[AbsenceKind.TE_LAAT]
K_LUXE = KIND_CODES[AbsenceKind.LUXE]
K_GEOORL = KIND_CODES[AbsenceKind.GEOORLOOFD]
K_SCHORS = KIND_CODES[AbsenceKind.SCHORSING]
KINDS = {v: k for k, v in KIND_CODES.items()}
HOUR = UNITS_PER_HOUR


def generate(
    n_pupils: int, seed: int, cal: SchoolCalendar
) -> tuple[list[tuple[str, RecordColumns]], dict[str, Sector]]:
    """Synthetic per-pupil records (compact columns) and each pupil's sector."""
    rng = random.Random(seed)
    days = [d.toordinal() for d in cal.schooldagen(YEAR_START, YEAR_END)]
    n = len(days)
    # the last schooldag before each vacation and the first after it (for luxe runs)
    edges = [i for i in range(1, n) if days[i] - days[i - 1] > 3]
    pupils: list[tuple[str, RecordColumns]] = []
    sectors: dict[str, Sector] = {}
    for p in range(n_pupils):
        pupil = f"L{p:06d}"
        sector = Sector.PO if rng.random() < 0.45 else Sector.VO
        full = 5.5 if sector is Sector.PO else 6.0
        sectors[pupil] = sector
        rec: dict[tuple[int, int], int] = {}

        def put(i: int, kind: int, hours: float, rec=rec) -> None:
            if 0 <= i < n:
                rec[(days[i], kind)] = round(hours * HOUR)

        # --- everybody: lateness, authorised leave, some sickness, a little truancy
        for i in rng.sample(range(n), rng.randint(0, 60)):
            put(i, K_LAAT, 0.25)
        for i in rng.sample(range(n), rng.randint(0, 8)):
            put(i, K_GEOORL, rng.choice((1.0, 2.0, 3.0)))
        for _ in range(rng.randint(0, 4)):
            s = rng.randrange(n)
            for i in range(s, s + rng.randint(1, 3)):
                put(i, K_ZIEK, full)
        for i in rng.sample(range(n), rng.randint(0, 14)):
            put(i, K_ONG, rng.choice((0.75, 1.0, 2.0, 3.0)))
        # --- one pattern per pupil
        r = rng.random()
        if r < 0.08:  # heavy truancy: 2-5 full days a week for 4-10 weeks
            s = rng.randrange(n - 50)
            for w in range(rng.randint(4, 10)):
                for i in rng.sample(range(s + 5 * w, s + 5 * w + 5), rng.randint(2, 5)):
                    put(i, K_ONG, full)
        elif r < 0.10:  # thuiszitter: continuous full absence of 20-120 schooldagen
            s = rng.randrange(n - 20)
            for i in range(s, min(n, s + rng.randint(20, 120))):
                put(i, K_ONG, full)
        elif r < 0.16:  # luxe: 1-4 days before or after a vacation
            e = rng.choice(edges)
            k = rng.randint(1, 4)
            rng_days = range(e - k, e) if rng.random() < 0.5 else range(e, e + k)
            for i in rng_days:
                put(i, K_LUXE, full)
        elif r < 0.24:  # sickly: 5-8 ziekmeldingen, some long
            for _ in range(rng.randint(5, 8)):
                s = rng.randrange(n)
                for i in range(s, s + rng.choice((1, 1, 2, 3, 8, 10))):
                    put(i, K_ZIEK, full)
        elif r < 0.25:  # suspension
            s = rng.randrange(n)
            for i in range(s, s + 3):
                put(i, K_SCHORS, full)
        cols = RecordColumns(
            array("l", [o for o, _k in rec]),
            array("l", rec.values()),
            array("b", [k for _o, k in rec]),
        )
        pupils.append((pupil, cols))
    return pupils, sectors


def maxrss_mb() -> float:
    """Peak resident set size of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Generate, time, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--skip-engine", action="store_true", help="skip the Absence/engine part")
    args = parser.parse_args()

    cal = SchoolCalendar.for_region("midden")
    t0 = time.perf_counter()
    pupils, sectors = generate(args.pupils, args.seed, cal)
    gen_s = time.perf_counter() - t0
    n_records = sum(len(c) for _p, c in pupils)
    rss_data = maxrss_mb()

    # 1. the hot path: compact columns
    gc.collect()
    t0 = time.perf_counter()
    signals = compute_signals_columns(
        pupils, cal, sector=sectors.__getitem__, day_hours=None, until=UNTIL
    )
    col_s = time.perf_counter() - t0
    rss_cols = maxrss_mb()
    counts = Counter(s.code for s in signals)

    rows = [
        ("signals from columns", n_records, len(pupils), col_s, rss_cols),
    ]

    upd: list[float] = []
    if not args.skip_engine:
        # 2. SignalEngine with Absence records (shared date/float/kind objects, as a
        # database layer would hand them over)
        date_cache: dict[int, dt.date] = {}
        hours_cache: dict[int, float] = {}
        absences: list[Absence] = []
        for pupil, cols in pupils:
            for o, u, k in zip(cols.ords, cols.units, cols.kinds, strict=True):
                d = date_cache.get(o) or date_cache.setdefault(o, dt.date.fromordinal(o))
                h = hours_cache.get(u) or hours_cache.setdefault(u, u / HOUR)
                absences.append(Absence(pupil, d, h, KINDS[k]))
        engine = SignalEngine(cal, sector=sectors.__getitem__, until=UNTIL)
        gc.collect()
        t0 = time.perf_counter()
        engine.load(absences)
        eng_s = time.perf_counter() - t0
        rows.append(("SignalEngine.load(Absence)", n_records, len(pupils), eng_s, maxrss_mb()))
        assert engine.all_signals() == signals, "engine and columns disagree"
        del absences

        # 3. incremental: change one record of one pupil, recompute that pupil
        rng = random.Random(args.seed + 1)
        names = [p for p, _c in pupils]
        for _ in range(args.updates):
            pupil = rng.choice(names)
            recs = engine.records(pupil)
            if recs and rng.random() < 0.5:
                j = rng.randrange(len(recs))
                old = recs[j]
                recs[j] = Absence(pupil, old.date, old.hours + 1.0, old.kind)
            else:
                day = cal.add_schooldays(YEAR_START, rng.randrange(180))
                recs.append(Absence(pupil, day, 2.0, AbsenceKind.ONGEOORLOOFD))
            t0 = time.perf_counter()
            engine.update_pupil(pupil, recs)
            upd.append(time.perf_counter() - t0)

    print(f"date: {dt.date.today().isoformat()}  python {platform.python_version()}")
    print(f"generated {n_records:,} records for {len(pupils):,} pupils in {gen_s:.1f} s")
    print(f"peak RSS after generating the data: {rss_data:.0f} MB")
    print()
    print("| what | records | pupils | seconds | records/s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for what, recs_n, pup_n, secs, rss in rows:
        print(
            f"| {what} | {recs_n:,} | {pup_n:,} | {secs:.2f} | {recs_n / secs:,.0f} | {rss:.0f} |"
        )
    if upd:
        upd_ms = sorted(x * 1000 for x in upd)
        p95 = upd_ms[int(0.95 * (len(upd_ms) - 1))]
        print()
        print(
            f"incremental update of one pupil ({len(upd_ms)} single-record changes): "
            f"median {statistics.median(upd_ms):.3f} ms, p95 {p95:.3f} ms, "
            f"max {upd_ms[-1]:.3f} ms"
        )
    print()
    print("signals:", ", ".join(f"{code} {counts[code]:,}" for code in sorted(counts)))


if __name__ == "__main__":
    main()

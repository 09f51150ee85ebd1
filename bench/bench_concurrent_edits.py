"""Benchmark: two desks (processes) editing 1,000 cases each in one case base, concurrently.

    python bench/bench_concurrent_edits.py [--backend sqlite|postgresql|both] [--seconds 60]
        [--cases 1000] [--overlap 100]

Each process works for ``--seconds`` on its own 1,000 cases, of which ``--overlap`` are
also the other process's; ``--hot`` of the saves go to 5 of those shared cases, so real
conflicts happen. A save is one of:

* *tick*: tick a new action on a case (``cases.set_action_done``; a lost race is retried);
* *pupil*: load the case's pupil (``pupils.pupil_data``), change the woongemeente (after
  ``--think-ms``, the user typing) and save it with the version it read
  (``pupils.update_pupil``); a colleague's save in between is a ``ConflictError``
  (counted; then the user keeps mine: saved again on the new version).

Afterwards it checks: no lost update (no two successful pupil saves based on the same
version; every tick present in the case base), no deadlock or other error, and the audit
hash chain whole. Prints a table: saves, saves/s, conflicts, lost updates, errors, p50/p99
latency of a save (ms).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text

#: The shared cases both desks keep coming back to (the hot spot).
HOT_CASES = 5
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REGION = "den_haag"


def _setup(url: str, count: int) -> list[int]:
    """A case base with ``count`` pupils, each with one open case; returns the case ids."""
    import datetime as dt

    from verzuimdesk.core.db import create_case_base
    from verzuimdesk.core.models import Case, Pupil
    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager()
    start = registry.ladder(REGION).start_stage
    case_base = create_case_base(url, REGION)
    with case_base.transaction("bench") as session:
        for n in range(count):
            pupil = Pupil(
                first_name=f"Leerling{n}", last_name="Bench", birth_date=dt.date(2011, 5, 1)
            )
            session.add(pupil)
            session.add(
                Case(
                    number=f"VZ-2026-{n + 1:05d}",
                    pupil=pupil,
                    opened_on=dt.date(2026, 9, 1),
                    stage_id=start,
                    stage_entered_on=dt.date(2026, 9, 1),
                    actions_done=[],
                    checklists={},
                )
            )
    with case_base.sessions() as session:
        ids = list(session.scalars(select(Case.id).order_by(Case.id)))
    case_base.close()
    return ids


def _worker(
    index: int,
    url: str,
    case_ids: list[int],
    hot_ids: list[int],
    settings: tuple[float, float, float],
    out: Any,
) -> None:
    """One desk: random saves on its cases until the time is up; results to ``out``."""
    from verzuimdesk.core.db import open_case_base
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.models import Case
    from verzuimdesk.core.services import cases, pupils
    from verzuimdesk.core.services.conflicts import ConflictError
    from verzuimdesk.plugins.manager import create_plugin_manager

    seconds, think, hot = settings
    desk = Desk(open_case_base(url), create_plugin_manager(), user=f"bench{index}")
    rng = random.Random(index)
    with desk.case_base.sessions() as session:
        pupil_of = dict(session.execute(select(Case.id, Case.pupil_id)).tuples().all())
    latencies: list[float] = []
    successes: list[tuple[int, int]] = []
    ticks: list[tuple[int, str]] = []
    conflicts = 0
    errors: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        # A share of the work goes to the few cases both desks have open (a hot spot).
        case_id = rng.choice(hot_ids if rng.random() < hot else case_ids)
        try:
            if rng.random() < 0.5:
                action = f"b{index}-{n}"
                began = time.perf_counter()
                cases.set_action_done(desk, case_id, action, True)
                latencies.append(time.perf_counter() - began)
                ticks.append((case_id, action))
            else:
                pid = pupil_of[case_id]
                data = pupils.pupil_data(desk, pid)
                data.municipality = f"P{index}-{n}"
                time.sleep(think)  # the user edits the form
                for _attempt in range(5):
                    base = data.version or 0
                    began = time.perf_counter()
                    try:
                        pupils.update_pupil(desk, pid, data)
                    except ConflictError as conflict:
                        latencies.append(time.perf_counter() - began)
                        conflicts += 1
                        data.version = conflict.their_version  # keep mine, knowingly
                        continue
                    latencies.append(time.perf_counter() - began)
                    successes.append((pid, base))
                    break
        except Exception as exc:  # counted and named in the table
            errors[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
    desk.case_base.close()
    out.put(
        {
            "index": index,
            "latencies": latencies,
            "successes": successes,
            "ticks": ticks,
            "conflicts": conflicts,
            "errors": dict(errors),
        }
    )


def run(
    backend: str,
    seconds: float,
    count: int,
    overlap: int,
    think: float = 0.05,
    hot: float = 0.3,
) -> dict[str, Any]:
    """Run the two desks on ``backend``; returns the measured row."""
    from verzuimdesk.core import audit
    from verzuimdesk.core.db import open_case_base, sqlite_url
    from verzuimdesk.core.models import Case

    admin = None
    name = ""
    if backend == "sqlite":
        url = sqlite_url(Path(tempfile.mkdtemp(prefix="vd-bench-")) / "gedeeld.sqlite")
    else:
        name = f"vd_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        ids = _setup(url, 2 * count - overlap)
        sets = [ids[:count], ids[count - overlap :]]
        context = mp.get_context("spawn")
        out = context.Queue()
        workers = [
            context.Process(
                target=_worker,
                args=(i, url, sets[i], sets[1][:HOT_CASES], (seconds, think, hot), out),
            )
            for i in range(2)
        ]
        for worker in workers:
            worker.start()
        results = [out.get(timeout=seconds + 300) for _ in workers]
        for worker in workers:
            worker.join(60)
        case_base = open_case_base(url)
        with case_base.sessions() as session:
            done = {
                cid: set(actions or [])
                for cid, actions in session.execute(select(Case.id, Case.actions_done))
            }
            chain = audit.verify_chain(session)
        case_base.close()
    finally:
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    bases = Counter(pair for r in results for pair in r["successes"])
    lost_pupils = sum(n - 1 for n in bases.values() if n > 1)
    lost_ticks = sum(1 for r in results for cid, a in r["ticks"] if a not in done[cid])
    latencies = sorted(x for r in results for x in r["latencies"])
    errors: Counter[str] = Counter()
    for r in results:
        errors.update(r["errors"])
    saves = len(latencies)
    return {
        "backend": backend,
        "seconds": seconds,
        "saves": saves,
        "per_s": saves / seconds,
        "conflicts": sum(r["conflicts"] for r in results),
        "lost": lost_pupils + lost_ticks,
        "errors": errors,
        "p50": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p99": latencies[int(0.99 * (saves - 1))] * 1000 if latencies else 0.0,
        "chain": f"in orde ({chain.entries})" if chain.ok else f"FOUT: {chain.problems[:2]}",
    }


def main() -> None:
    """Parse the options, run, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--overlap", type=int, default=100)
    parser.add_argument(
        "--think-ms", type=float, default=50.0, help="time between loading and saving a pupil"
    )
    parser.add_argument(
        "--hot", type=float, default=0.3, help="share of saves on the 5 hottest shared cases"
    )
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    rows = [run(b, args.seconds, args.cases, args.overlap, args.think_ms / 1000) for b in backends]
    print(
        "| backend | seconds | saves | saves/s | conflicts | lost updates | errors | "
        "p50 ms | p99 ms | audit chain |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(
            f"| {r['backend']} | {r['seconds']:.0f} | {r['saves']} | {r['per_s']:.1f} | "
            f"{r['conflicts']} | {r['lost']} | {sum(r['errors'].values())} | "
            f"{r['p50']:.1f} | {r['p99']:.1f} | {r['chain']} |"
        )
    for r in rows:
        for error, n in r["errors"].items():
            print(f"  {r['backend']}: {n} × {error}")


if __name__ == "__main__":
    main()

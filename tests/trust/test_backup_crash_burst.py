"""Crash safety (issue 11): SIGKILL in a burst of edits loses nothing committed, keeps no half.

A child process saves edits as fast as it can, each one transaction of several rows
(a school, its free period, a change to an earlier school and the audit entries),
and prints the number of each edit after its commit returned. The test kills it
with SIGKILL at a random moment, reopens the case base and checks: every edit the
child reported is there whole; no edit is there in part; at most the one edit that
was committing when the signal came is there without having been reported.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from verzuimdesk.core import db
from verzuimdesk.core.models import AuditEntry, School, SchoolFreePeriod

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import datetime as dt, sys
from sqlalchemy import select
from verzuimdesk.core import db
from verzuimdesk.core.models import School, SchoolFreePeriod

case_base = db.open_case_base(db.sqlite_url(sys.argv[1]))
n = 0
while True:
    n += 1
    with case_base.transaction("burst") as session:
        school = School(name=f"burst-{n}", sector="VO", vacation_region="midden")
        school.free_periods.append(
            SchoolFreePeriod(start=dt.date(2024, 11, 1), end=dt.date(2024, 11, 1), name=f"p-{n}")
        )
        session.add(school)
        if n > 1:
            earlier = session.scalars(select(School).where(School.name == f"burst-{n - 1}")).one()
            earlier.municipality = f"na-{n}"
    print(n, flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_sigkill_in_a_burst_of_edits_keeps_every_commit_and_no_half(
    tmp_path: Path, round_: int
) -> None:
    path = tmp_path / "casusbestand.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], env=env, stdout=subprocess.PIPE, text=True
    )
    reported: list[int] = []
    assert child.stdout is not None
    try:
        target = random.Random(round_).randint(20, 80)
        deadline = time.monotonic() + 90
        while len(reported) < target and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reported.append(int(line))
        time.sleep(random.Random(round_).random() * 0.05)  # somewhere inside an edit
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        reported += [int(line) for line in child.stdout.read().split()]
    finally:
        if child.poll() is None:
            child.kill()
    assert len(reported) >= 20, "the child did not get going"
    last = max(reported)

    case_base = db.open_case_base(db.sqlite_url(path))
    with case_base.sessions() as session:
        schools = {s.name: s for s in session.scalars(select(School))}
        periods = set(session.scalars(select(SchoolFreePeriod.name)))
        audited = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "school"))
        audited_inserts = sum(1 for a in audited if a.action == "insert")
    case_base.close()
    saved = sorted(int(name.split("-")[1]) for name in schools)
    assert saved[: len(reported)] == sorted(reported)  # every reported edit is there
    assert saved in (list(range(1, last + 1)), list(range(1, last + 2)))  # at most one more
    top = saved[-1]
    for n in saved:  # every edit whole: its free period, its change to the one before
        assert f"p-{n}" in periods
        if n > 1:
            assert schools[f"burst-{n - 1}"].municipality == f"na-{n}"
    assert schools[f"burst-{top}"].municipality is None
    assert audited_inserts == len(saved)

"""How fast a colleague's commit reaches an open desk on PostgreSQL (LISTEN/NOTIFY).

    python bench/bench_listen.py

Makes a scratch database on the local server (127.0.0.1:5432, trust authentication), saves
20 pupils one by one and measures, for each, the time from the commit returning to the
listener's callback (what makes the window poll at once). Without LISTEN the desk polls
every 3 s: on average 1.5 s. Drops the database afterwards.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SAVES = 20


def main() -> None:
    """Print the median and worst commit-to-callback time and the process CPU time."""
    from sqlalchemy import create_engine, text

    from tests.support.desk import make_desk
    from tests.trust.support import pupil
    from verzuimdesk.core.services.change_listener import ChangeListener

    name = f"vd_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        desk = make_desk(Path(tempfile.mkdtemp()), url=url)
        woke, stamp = threading.Event(), [0.0]

        def notified() -> None:
            stamp[0] = time.perf_counter()
            woke.set()

        listener = ChangeListener(url, notified)
        assert listener.start()
        latencies, cpu = [], time.process_time()
        for i in range(SAVES):
            woke.clear()
            pupil(desk, f"P{i}", "Bench")
            committed = time.perf_counter()
            assert woke.wait(10)
            latencies.append(stamp[0] - committed)
        cpu = time.process_time() - cpu
        listener.stop()
        desk.case_base.close()
        print(
            f"commit -> callback: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"worst {max(latencies) * 1000:.0f} ms (n={SAVES}); "
            f"process CPU for the saves and waits {cpu:.2f} s"
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()

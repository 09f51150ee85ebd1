"""Benchmark: what the safety checks of issue 11 cost on a region-scale case base.

    python bench/bench_safety.py FILE        # e.g. made by `verzuimdesk demo --pupils 40000`

Prints a table: the read-only check at open (header + ``PRAGMA quick_check``), opening
the case base with and without that check, a verified backup (online backup API +
``integrity_check``), and restoring it. Works on a copy; FILE is not changed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from verzuimdesk.core import backup, case_base_file, db, migrate


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    """Run each step on a copy of FILE and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vd-bench-safety-"))
    try:
        path = work / "casusbestand.sqlite"
        shutil.copy2(args.file, path)
        size_mb = path.stat().st_size / 1e6
        rows: list[tuple[str, float]] = []
        rows.append(
            (
                "check at open (header, case base?, no quick_check above 64 MB)",
                _timed(lambda: case_base_file.check_existing(path)),
            )
        )
        rows.append(
            (
                "PRAGMA quick_check (at open up to 64 MB, else in the background)",
                _timed(lambda: case_base_file.is_intact(path)),
            )
        )
        rows.append(
            ("open_case_base", _timed(lambda: db.open_case_base(db.sqlite_url(path)).close()))
        )
        made: list[backup.Backup] = []
        rows.append(
            (
                "verified backup (backup API + integrity_check)",
                _timed(lambda: made.append(backup.make_backup(path))),
            )
        )
        rows.append(
            (
                "restore (check backup, keep current aside, copy back)",
                _timed(lambda: backup.restore(path, made[0].path, migrate.known_revisions())),
            )
        )
        print(f"case base: {args.file.name}, {size_mb:.0f} MB")
        print("| step | seconds |")
        print("|---|---:|")
        for name, seconds in rows:
            print(f"| {name} | {seconds:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

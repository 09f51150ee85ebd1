"""Issue 10: ``verzuimdesk report`` as its own process, on a real region's demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_runs_as_a_program(tmp_path: Path) -> None:
    """A real region's demo, the installed plugins, a new process: exit 0 and a PDF."""
    import datetime as dt

    from verzuimdesk.core.db import sqlite_url
    from verzuimdesk.core.demo import generate_demo
    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager()
    generate_demo(
        sqlite_url(tmp_path / "demo.sqlite"), "den_haag", pupils=200, registry=registry,
        today=dt.date(2026, 11, 30),
    )  # fmt: skip
    out = tmp_path / "kwartaal.pdf"
    result = subprocess.run(
        [
            sys.executable, "-m", "verzuimdesk", "report", "--database",
            str(tmp_path / "demo.sqlite"), "--quarter", "2026Q4", "--kind",
            "kwartaalrapportage", "--out", str(out), "--today", "2026-11-30",
        ],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "Kwartaalrapportage" in result.stdout

"""Starting the desk from the command line, headless, and what a user sees when it cannot."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from verzuimdesk.core import db


def _start(*args: str, tmp_path: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "VERZUIMDESK_DATA_DIR": str(tmp_path),
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-m", "verzuimdesk", *args, "--smoke"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_demo_starts_and_shows_the_case_list(tmp_path: Path) -> None:
    """`verzuimdesk --demo` opens a working desk on a synthetic case base."""
    result = _start("--demo", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_a_demo_leaves_no_folder_behind(tmp_path: Path) -> None:
    """Each demo left a 3.5 MB ``verzuimdesk-demo-*`` folder in the temporary folder."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = _start("--demo", tmp_path=tmp_path, TMPDIR=str(temp))
    assert result.returncode == 0, result.stderr
    assert list(temp.glob("verzuimdesk-demo-*")) == []


def test_a_demo_folder_goes_on_an_error_exit_too(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception out of the desk still closes the demo case base and removes its folder."""
    from verzuimdesk import app, cli
    from verzuimdesk.core import case_base_opening
    from verzuimdesk.gui import main_window

    made: list[Path] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(**kwargs: str) -> str:
        folder = real_mkdtemp(dir=tmp_path, **kwargs)
        made.append(Path(folder))
        return folder

    def crash(desk: object, argv: object, smoke: bool = False) -> int:
        assert made and made[0].exists()
        raise RuntimeError("kapot")

    monkeypatch.setattr(case_base_opening.tempfile, "mkdtemp", mkdtemp)
    monkeypatch.setattr(case_base_opening, "DEMO_PUPILS", 40)
    monkeypatch.setattr(app, "setup_logging", lambda: None)
    monkeypatch.setattr(main_window, "run_desk", crash)
    args = cli.build_parser(with_subcommands=False).parse_args(["--demo", "--smoke"])
    with pytest.raises(RuntimeError, match="kapot"):
        app.run_app(args)
    assert len(made) == 1
    assert not made[0].exists()


def test_first_start_creates_the_users_own_case_base(tmp_path: Path) -> None:
    """Without arguments the desk creates its case base in the user data folder."""
    result = _start(tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "casusbestand.sqlite").exists()


def test_a_file_that_is_no_case_base_gets_a_dutch_message(tmp_path: Path) -> None:
    """A wrong file is refused with one Dutch line, not a traceback, and stays untouched."""
    wrong = tmp_path / "foto.sqlite"
    wrong.write_bytes(b"\x89PNG" + b"\x00" * 400)
    result = _start("--database", db.sqlite_url(wrong), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "geen VerzuimDesk-casusbestand" in result.stderr
    assert "Traceback" not in result.stderr
    assert wrong.read_bytes() == b"\x89PNG" + b"\x00" * 400


def test_a_missing_regional_plugin_is_named(tmp_path: Path) -> None:
    """A case base of a region whose plugin is not installed names the plugin to install."""
    path = tmp_path / "atlantis.sqlite"
    db.create_case_base(db.sqlite_url(path), "atlantis").close()
    result = _start("--database", db.sqlite_url(path), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "verzuimdesk-atlantis" in result.stderr
    assert "Traceback" not in result.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("select value from case_base_setting where key='region_id'").fetchone() == (
        "atlantis",
    )
    conn.close()

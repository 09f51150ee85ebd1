"""Before the main window: a case base that does not open leaves the user a way on."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from verzuimdesk.core import db
from verzuimdesk.gui import startup


class _Registry:
    """Every region is installed."""

    def region(self, region_id: str) -> object:
        return object()


def _args(url: str) -> argparse.Namespace:
    return argparse.Namespace(demo=False, database=url, region=None, smoke=False)


def _press(dialog: startup.OpenProblemDialog, text: str) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.sqlite"
    path.write_text("dit is geen database" * 50)
    return path


def test_choosing_another_file_after_a_bad_one_opens_it(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bad_file: Path
) -> None:  # type: ignore[no-untyped-def]
    """The message names the problem; 'Ander bestand kiezen…' opens the chosen good file."""
    good = tmp_path / "goed.sqlite"
    db.create_case_base(db.sqlite_url(good), "den_haag").close()
    shown: list[str] = []

    def fake_exec(dialog: startup.OpenProblemDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog.findChild(QLabel, "problemMessage").text())
        _press(dialog, "Ander bestand kiezen…")
        return 1

    monkeypatch.setattr(startup.OpenProblemDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    case_base = startup.obtain_case_base(
        _args(db.sqlite_url(bad_file)), _Registry(), interactive=True
    )
    assert case_base is not None and Path(case_base.url.removeprefix("sqlite:///")) == good
    assert "geen VerzuimDesk-casusbestand" in shown[0]
    case_base.close()


def test_a_second_bad_choice_is_explained_again_and_quitting_ends_cleanly(
    qtbot, monkeypatch: pytest.MonkeyPatch, bad_file: Path
) -> None:  # type: ignore[no-untyped-def]
    """Picking another bad file shows its message; 'Afsluiten' returns without a case base."""
    shown: list[str] = []
    answers = iter(["Ander bestand kiezen…", "Afsluiten"])

    def fake_exec(dialog: startup.OpenProblemDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog.findChild(QLabel, "problemMessage").text())
        _press(dialog, next(answers))
        return 1

    monkeypatch.setattr(startup.OpenProblemDialog, "exec", fake_exec)
    missing = bad_file.with_name("weg.sqlite")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(missing), ""))
    assert (
        startup.obtain_case_base(_args(db.sqlite_url(bad_file)), _Registry(), interactive=True)
        is None
    )
    assert len(shown) == 2 and "bestaat niet" in shown[1]
    assert bad_file.read_text() == "dit is geen database" * 50

"""The pupil dialog on a conflict: both versions shown, keep mine or take theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trust.support import colleague, pupil
from verzuimdesk.core.services import pupils
from verzuimdesk.gui import conflict_dialog
from verzuimdesk.gui.pupil_dialog import PupilDialog


@pytest.mark.parametrize("choice", [conflict_dialog.KEEP_MINE, conflict_dialog.TAKE_THEIRS])
def test_pupil_dialog_asks_and_follows_the_choice(
    qtbot, desk, monkeypatch, tmp_path: Path, choice
) -> None:  # type: ignore[no-untyped-def]
    pid = pupil(desk)
    dialog = PupilDialog(desk, pupil_id=pid)
    qtbot.addWidget(dialog)
    bram = colleague(desk)
    theirs = pupils.pupil_data(bram, pid)
    theirs.city = "Anderstad"
    pupils.update_pupil(bram, pid, theirs)
    asked: list[conflict_dialog.ConflictDialog] = []

    def ask(conflict, parent=None):  # type: ignore[no-untyped-def]
        shown = conflict_dialog.ConflictDialog(conflict, parent)
        qtbot.addWidget(shown)
        asked.append(shown)
        shown.grab().save(str(tmp_path / "conflict.png"))
        return choice

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    dialog.city.setText("Mijnstad")
    saved = dialog.save_changes()
    table = asked[0].table
    assert [table.item(0, c).text() for c in range(3)] == ["Plaats", "Mijnstad", "Anderstad"]
    if choice == conflict_dialog.KEEP_MINE:
        assert saved and pupils.pupil_data(desk, pid).city == "Mijnstad"
    else:
        assert not saved and dialog.city.text() == "Anderstad"
        assert "collega" in dialog.general.text()
        assert dialog.save_changes()  # now based on the colleague's version: saves
    bram.case_base.close()

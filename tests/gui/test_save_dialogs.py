"""Save dialogs start in Documents and then in the last folder used (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from verzuimdesk.core.services import cases, pupils
from verzuimdesk.gui import save_dialog


class FakeSaveDialog:
    """Stands in for ``QFileDialog.getSaveFileName``: records the start path, answers."""

    def __init__(self) -> None:
        self.asked: list[Path] = []
        self.answer = ""

    def __call__(self, parent: Any, title: str, directory: str, file_filter: str) -> Any:
        self.asked.append(Path(directory))
        return self.answer, file_filter


@pytest.fixture
def fake_dialog(monkeypatch: pytest.MonkeyPatch) -> FakeSaveDialog:
    fake = FakeSaveDialog()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return fake


def _form_dialog(qtbot, window, desk) -> Any:  # type: ignore[no-untyped-def]
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Ahmed", "Yilmaz", dt.date(2010, 1, 1), school_id=school)
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    view = window.open_case(case_id)
    view.open_form("melding-thuiszitter")
    form = view._form_dialog
    qtbot.addWidget(form)
    return form


def test_pdf_dialogs_start_in_documents_then_in_the_last_folder(  # type: ignore[no-untyped-def]
    qtbot, window, desk, fake_dialog: FakeSaveDialog, tmp_path: Path
) -> None:
    """The PDF dialog opened in the source checkout (the working folder); now in Documents,
    and after a save in the folder saved to, for every save dialog of the desk."""
    form = _form_dialog(qtbot, window, desk)
    form.ask_print()  # cancelled
    first = fake_dialog.asked[-1]
    assert first.parent == save_dialog.documents_folder()
    assert first.parent != Path.cwd()
    assert first.name.endswith(".pdf")

    chosen = tmp_path / "uitvoer"
    chosen.mkdir()
    fake_dialog.answer = str(chosen / "melding")  # typed without .pdf
    form.ask_print()
    assert (chosen / "melding.pdf").read_bytes()[:4] == b"%PDF"

    fake_dialog.answer = ""
    form.widget._ask_pdf_path()  # the form widget's own "save as PDF" button
    assert fake_dialog.asked[-1].parent == chosen
    assert fake_dialog.asked[-1].name.endswith(".pdf")


def test_documents_falls_back_to_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Documents folder: the home folder; a remembered folder that is gone: Documents."""
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", lambda location: str(tmp_path / "bestaat-niet")
    )
    assert save_dialog.documents_folder() == Path.home()
    save_dialog.remember_folder(tmp_path / "weg" / "brief.pdf")
    assert save_dialog.start_folder() == Path.home()

"""Issue 10: a school can be taken off a round once the round is made (asked first, undone
with Ctrl+Z), and the round's summary PDF is written with a progress dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from tests.support.gui import shown_window
from tests.support.round_base import RoundBase, build_round_base
from verzuimdesk.core.models_round import SchoolCall
from verzuimdesk.core.services import round_planning as planning
from verzuimdesk.core.services import round_removal
from verzuimdesk.core.services import round_work as work
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.core.services.school_views import round_school_page


def _names(desk: Any, round_id: int) -> list[str]:
    return [s.name for s in work.round_overview(desk, round_id).schools]


def test_a_removed_school_comes_back_as_it_was(desk: Any) -> None:
    base = build_round_base(desk)
    round_id = planning.create_round(desk, "2024Q4", [base.baken, base.linde])
    entry = work.round_overview(desk, round_id).schools[0].id
    page = round_school_page(desk, entry)
    milan = next(p for p in page.pupils if p.name == "Milan de Boer")
    work.set_pupil_status(desk, milan.id, "nog-thuis", note="Ouders bellen")
    work.record_call(desk, entry, "niet-bereikt")

    removed = round_removal.remove_school_from_round(desk, entry)
    assert removed.school_name == "Het Baken" and removed.discussed == 1
    assert _names(desk, round_id) == ["De Linde"]
    with desk.case_base.sessions() as session:  # the call history stays with the school
        assert session.query(SchoolCall).filter_by(school_id=base.baken).count() == 1
    with pytest.raises(ServiceError, match="niet meer op de belronde"):
        round_removal.remove_school_from_round(desk, entry)

    back = round_removal.restore_school_to_round(desk, removed)
    assert _names(desk, round_id) == ["Het Baken", "De Linde"]
    again = round_school_page(desk, back)
    statuses = {p.name: (p.status, p.note) for p in again.pupils}
    assert statuses["Milan de Boer"] == ("nog-thuis", "Ouders bellen")
    assert {p.name for p in again.pupils} == {p.name for p in page.pupils}
    with desk.case_base.sessions() as session:
        call = session.query(SchoolCall).filter_by(school_id=base.baken).one()
        assert call.round_school_id == back


def test_a_school_a_colleague_is_calling_stays_on(desk: Any) -> None:
    base = build_round_base(desk)
    round_id = planning.create_round(desk, "2024Q4", [base.baken])
    entry = work.round_overview(desk, round_id).schools[0].id
    colleague = type(desk)(
        desk.case_base, desk.registry, user="collega", today=dt.date(2024, 11, 20)
    )
    work.claim_school(colleague, entry)
    with pytest.raises(ServiceError, match="collega belt deze school"):
        round_removal.remove_school_from_round(desk, entry)


@pytest.fixture
def round_window(qtbot: Any, desk: Any) -> Iterator[tuple[Any, RoundBase, int]]:
    """The main window with the round of 2024Q4 open on Het Baken."""
    base = build_round_base(desk)
    round_id = planning.create_round(desk, "2024Q4", [base.baken, base.linde])
    for window in shown_window(qtbot, desk):
        yield window, base, round_id


def test_removing_a_school_in_the_round_asks_and_can_be_undone(
    qtbot: Any, round_window: tuple[Any, RoundBase, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _base, round_id = round_window
    view = window.round_features.open_round(round_id)
    assert view.schools.count() == 2
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    view.schools.setCurrentRow(0)
    view.schools.setFocus()
    qtbot.waitUntil(view.schools.hasFocus)
    qtbot.keyClick(view.schools, Qt.Key.Key_Delete)  # asked, and "Nee"
    assert view.schools.count() == 2
    assert "Het Baken met 3 leerling(en)" in asked[0]
    view.remove_button.click()  # asked again, "Ja"
    assert view.schools.count() == 1
    assert "De Linde" in view.schools.item(0).text()
    assert view.panel.isEnabled()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: view.schools.count() == 2)
    assert "Het Baken" in view.schools.item(0).text()
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: view.schools.count() == 1)


def test_the_summary_pdf_shows_its_progress(
    qtbot: Any, round_window: tuple[Any, RoundBase, int], tmp_path: Path
) -> None:
    window, _base, round_id = round_window
    view = window.round_features.open_round(round_id)
    seen: list[tuple[int, int, str]] = []
    original = QProgressDialog.setValue

    def set_value(dialog: QProgressDialog, value: int) -> None:
        seen.append((value, dialog.maximum(), dialog.labelText()))
        original(dialog, value)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QProgressDialog, "setValue", set_value)
        path = view.save_pdf(str(tmp_path / "belronde.pdf"))
    assert path is not None and Path(path).read_bytes().startswith(b"%PDF")
    assert view.progress_dialog is not None and not view.progress_dialog.isVisible()
    assert [(v, m) for v, m, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert seen[0][2] == "Scholen gelezen: 1 van 2…"
    assert seen[1][2] == "Pagina's opmaken…"


def test_a_cancelled_summary_writes_nothing(
    qtbot: Any, round_window: tuple[Any, RoundBase, int], tmp_path: Path
) -> None:
    window, _base, round_id = round_window
    view = window.round_features.open_round(round_id)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)
        assert view.save_pdf(str(tmp_path / "belronde.pdf")) is None
    assert not (tmp_path / "belronde.pdf").exists()

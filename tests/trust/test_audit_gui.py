"""Reading is logged from the desk, and the Geschiedenis and export dialogs work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.support.gui import modal
from tests.trust.support import pupil
from verzuimdesk.core.models import AuditEntry
from verzuimdesk.core.services import cases, pupils
from verzuimdesk.gui import history_view
from verzuimdesk.gui.pupil_dialog import PupilDialog


def _reads(desk) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(AuditEntry.table_name, AuditEntry.record_id)
            .where(AuditEntry.action == "read")
            .order_by(AuditEntry.seq)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_opening_a_case_a_pupil_and_searching_are_logged(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = window.desk
    pid = pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    window.open_case(case_id)
    dialog = PupilDialog(desk, window, pupil_id=pid)
    qtbot.addWidget(dialog)
    window.tabs.setCurrentIndex(0)
    qtbot.keyClicks(window.case_list.search, "Vries")
    qtbot.waitUntil(lambda: ("search", "") in _reads(desk), timeout=3000)
    assert _reads(desk)[:2] == [("case", str(case_id)), ("pupil", str(pid))]
    # Geschiedenis from the case menu (Ctrl+Shift+H) on the open case file.
    window.open_case(case_id)
    data = pupils.pupil_data(desk, pid)
    data.city = "Teststad"
    pupils.update_pupil(desk, pid, data)
    action = window.trust_actions["Geschiedenis van de casus…"]
    assert action.shortcut().toString() == "Ctrl+Shift+H"

    def look(shown) -> None:  # type: ignore[no-untyped-def]
        assert shown.windowTitle().startswith("Geschiedenis van casus VZ-2024-")
        texts = [shown.table.item(r, 2).text() for r in range(shown.table.rowCount())]
        assert "Ingezien" in texts and "Toegevoegd" in texts
        shown.grab().save(str(tmp_path / "geschiedenis.png"))
        shown.reject()

    modal(qtbot, action.trigger, look)

    def look_pupil(shown) -> None:  # type: ignore[no-untyped-def]
        changes = [shown.table.item(r, 4).text() for r in range(shown.table.rowCount())]
        assert "city: (afgeschermd) → (afgeschermd)" in changes[0] or any(
            "(afgeschermd)" in c for c in changes
        )
        shown.reject()

    modal(qtbot, window.trust_actions["Geschiedenis van de leerling…"].trigger, look_pupil)
    assert ("report", str(case_id)) in _reads(desk)


def test_the_export_dialog_writes_the_period(qtbot, desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pupil(desk)
    dialog = history_view.AuditExportDialog(desk)
    qtbot.addWidget(dialog)
    dialog.start.set_value(dt.date.today() - dt.timedelta(days=1))
    assert dialog.export(tmp_path / "trail.csv") == 1
    assert "1 regels opgeslagen" in dialog.message.text()
    assert dialog.export(tmp_path / "trail.txt") is None
    assert ".csv of .xlsx" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

"""Fixtures for the desk's GUI tests (``tests/gui/test_desk_*.py``).

The ``desk`` and ``window`` fixtures themselves are in :mod:`tests.support.fixtures`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.support.desk import TODAY as TODAY
from verzuimdesk.gui import errors
from verzuimdesk.gui.case_list import settings

__all__ = ["TODAY", "modal", "shown_window"]


def shown_window(qtbot: Any, desk: Any) -> Iterator[Any]:
    """Show the main window on ``desk`` with clean settings; error dialogs are recorded.

    A generator: fixtures ``yield from`` it so the window is closed after the test.
    """
    from verzuimdesk.gui.main_window import MainWindow, apply_style

    settings().clear()
    apply_style(QApplication.instance())  # type: ignore[arg-type]
    errors.set_quiet(True)
    errors.shown.clear()
    win = MainWindow(desk)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    errors.set_quiet(False)
    win.close()


def modal(qtbot: Any, trigger: Callable[[], Any], handle: Callable[[QDialog], Any]) -> Any:
    """Run ``trigger`` (which opens a modal dialog) and ``handle`` the dialog once shown.

    ``handle`` gets the dialog; it must accept or reject it (or leave it open with errors
    and then reject). Returns what ``trigger`` returned.
    """
    seen: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog not in seen:
            seen.append(dialog)
            try:
                handle(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()
            return
        QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    result = trigger()
    assert seen, "er verscheen geen dialoogvenster"
    return result


def answer_restore_at_start(monkeypatch: Any) -> tuple[list[str], list[bool]]:
    """The start check's "damaged" message answered with *Laatste reservekopie terugzetten*:
    returns the texts shown (message boxes and errors) and the desk's quit calls."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from verzuimdesk.gui import start_checks

    shown: list[str] = []
    quits: list[bool] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        button = next(b for b in box.buttons() if b.text() == start_checks.RESTORE_TEXT)
        box.clickedButton = lambda: button  # type: ignore[method-assign]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(str(a[2])))
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    return shown, quits

"""Fixtures for the desk's GUI tests (``tests/gui/test_desk_*.py``).

Import them into a test module with ``from desk_fixtures import *`` after putting
this folder on ``sys.path`` (the widget tests own ``conftest.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from desk_support import TODAY as TODAY
from desk_support import make_desk

from verzuimdesk.gui import errors
from verzuimdesk.gui.case_list import settings

__all__ = ["desk", "window"]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Any]:
    """A desk with the test region, user ``tester``, today = Wed 20 Nov 2024."""
    desk = make_desk(tmp_path)
    yield desk
    desk.case_base.close()


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


@pytest.fixture
def window(qtbot: Any, desk: Any) -> Iterator[Any]:
    """The main window on ``desk``, shown, with error dialogs recorded instead of shown."""
    yield from shown_window(qtbot, desk)


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

"""A read-only case base in the window (issue 11): said at open, saving disabled, Dutch reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QToolBar

from tests.support.desk import REGION, TODAY, make_registry
from verzuimdesk.core.db import create_case_base, open_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import pupils


@pytest.fixture
def read_only_desk(tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "alleen-lezen.sqlite"
    case_base = create_case_base(sqlite_url(path), REGION, today=TODAY)
    desk = Desk(case_base, make_registry(), user="tester", today=TODAY)
    pupils.create_pupil(desk, pupils.PupilData("Sam", "Jansen", dt.date(2011, 5, 1)))
    case_base.close()
    path.chmod(0o444)
    opened = open_case_base(sqlite_url(path))
    yield Desk(opened, make_registry(), user="tester", today=TODAY)
    opened.close()
    path.chmod(0o600)


def test_the_window_says_read_only_and_disables_saving(
    qtbot: Any, read_only_desk: Desk, tmp_path: Path
) -> None:
    """A yellow bar with the reason, "(alleen-lezen)" in the title, new/edit greyed out."""
    from tests.support.gui import shown_window
    from verzuimdesk.gui import errors

    windows = shown_window(qtbot, read_only_desk)
    window = next(windows)
    try:
        bar = window.findChild(QToolBar, "readOnlyBar")
        assert bar is not None and bar.isVisible()
        text = bar.findChild(QLabel, "readOnlyText").text()
        assert "alleen-lezen" in text and "niets opslaan" in text
        assert "(alleen-lezen)" in window.windowTitle()
        for action in (window.new_pupil_action, window.new_case_action):
            assert not action.isEnabled() and "alleen-lezen" in action.toolTip()
        window.grab().save(str(tmp_path / "alleen-lezen.png"))
        # A save that gets through anyway (a dialog opened another way): Dutch, no crash.
        try:
            pupils.create_pupil(
                read_only_desk, pupils.PupilData("Nieuw", "Kind", dt.date(2012, 1, 1))
            )
        except Exception as exc:
            errors.report(window, exc)
        assert errors.shown and "alleen-lezen" in errors.shown[-1][0]
        assert errors.shown[-1][1] == ""  # a user message, no "unexpected error" details
    finally:
        next(windows, None)

"""The hand-built report case base, built once per module (it takes a few seconds), and the
main window on a fresh copy of it for the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.report_cases import ReportCases, build


@pytest.fixture(scope="module")
def report_cases(tmp_path_factory: pytest.TempPathFactory) -> ReportCases:
    """The case base of :mod:`tests.support.report_cases` on SQLite."""
    return build(tmp_path_factory.mktemp("reportcases"))


@pytest.fixture
def report_window(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Any, ReportCases]]:
    """The main window on a case base of its own (the GUI tests change it)."""
    from tests.support.gui import shown_window

    built = build(tmp_path / "cases")
    for win in shown_window(qtbot, built.desk):
        yield win, built

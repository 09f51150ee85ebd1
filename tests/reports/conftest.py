"""The hand-built report case base, built once per module (it takes a few seconds)."""

from __future__ import annotations

import pytest

from tests.support.report_cases import ReportCases, build


@pytest.fixture(scope="module")
def report_cases(tmp_path_factory: pytest.TempPathFactory) -> ReportCases:
    """The case base of :mod:`tests.support.report_cases` on SQLite."""
    return build(tmp_path_factory.mktemp("reportcases"))

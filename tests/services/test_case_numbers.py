"""One case numbering scheme (issue 9, item 6): new cases and demo cases are ``VZ-2026-00001``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from verzuimdesk.core.services import cases, pupils, queries

NUMBER = re.compile(r"^VZ-\d{4}-\d{5}$")


def _open(desk: Any, first: str) -> int:
    pupil = pupils.create_pupil(desk, pupils.PupilData(first, "Jansen", dt.date(2011, 5, 2)))
    return cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))


def test_new_cases_are_numbered_like_the_demo(desk: Any) -> None:
    first = queries.case_file(desk, _open(desk, "Sanne")).number
    second = queries.case_file(desk, _open(desk, "Daan")).number
    assert NUMBER.match(first), first
    assert (first, second) == ("VZ-2024-00001", "VZ-2024-00002")
    assert cases.case_number(2026, 5) == "VZ-2026-00005"  # what the demo writes


def test_searching_on_the_number_still_finds_the_case(desk: Any) -> None:
    case_id = _open(desk, "Sanne")
    for text in ("VZ-2024-00001", "2024-00001", "vz-2024-00001"):
        rows = queries.case_list(desk, queries.CaseQuery(text=text))
        assert [r.case_id for r in rows] == [case_id], text

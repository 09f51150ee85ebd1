"""Closing and reopening a case, and region checklists feeding the ladder (services only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.support.desk import TODAY
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import AuditEntry
from verzuimdesk.core.services import cases, changes, pupils, queries
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.plugins.manager import create_plugin_manager


def _pupil(desk, first: str = "Sanne", last: str = "de Vries") -> int:  # type: ignore[no-untyped-def]
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    return pupils.create_pupil(
        desk, pupils.PupilData(first, last, dt.date(2010, 3, 14), school_id=school)
    )


def test_close_needs_an_outcome_and_reopen_is_one_audited_transaction(desk) -> None:  # type: ignore[no-untyped-def]
    pid = _pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    with pytest.raises(ValidationError) as err:
        cases.close_case(desk, case_id, "")
    assert err.value.errors == {"outcome": "Kies de uitkomst."}
    with pytest.raises(ServiceError, match="niet afgesloten"):
        cases.reopen_case(desk, case_id)

    cases.close_case(desk, case_id, "verzuim-gestopt", note="Gaat weer elke dag")
    file = queries.case_file(desk, case_id)
    assert file.closed_on == TODAY
    assert file.outcome_name == "Verzuim gestopt, leerling weer naar school"
    assert case_id not in {r.case_id for r in queries.case_list(desk)}

    seen: list[changes.Change] = []
    changes.bus(desk).subscribe(seen.append)
    cases.reopen_case(desk, case_id)
    assert [c.case_ids for c in seen] == [frozenset({case_id})]
    file = queries.case_file(desk, case_id)
    assert file.closed_on is None and file.outcome is None and file.outcome_name == ""
    assert file.events[-1].kind_name == "Heropend"
    assert case_id in {r.case_id for r in queries.case_list(desk)}
    with desk.case_base.sessions() as session:
        updates = session.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "case",
                AuditEntry.record_id == str(case_id),
                AuditEntry.action == "update",
            )
        ).all()
    reopened = updates[-1]
    assert reopened.user == "tester"
    assert reopened.before["outcome"] == "verzuim-gestopt" and reopened.after["closed_on"] is None


def test_reopen_refused_while_the_pupil_has_another_open_case(desk) -> None:  # type: ignore[no-untyped-def]
    pid = _pupil(desk)
    first = cases.open_case(desk, pid, opened_on=dt.date(2024, 10, 1))
    cases.close_case(desk, first, "overig", on=dt.date(2024, 10, 15))
    second = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    with pytest.raises(ValidationError) as err:
        cases.reopen_case(desk, first)
    assert queries.case_file(desk, second).number in err.value.errors["case"]


@pytest.fixture
def ams_desk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A desk of the real Amsterdam plugin on a fresh case base."""
    from verzuimdesk_amsterdam import plugin

    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin])
    case_base = create_case_base(sqlite_url(tmp_path / "ams.sqlite"), "amsterdam", today=TODAY)
    desk = Desk(case_base, registry, user="tester", today=TODAY)
    yield desk
    case_base.close()


def test_amsterdam_criterion_suggests_the_doorstroomoverleg(ams_desk) -> None:  # type: ignore[no-untyped-def]
    desk = ams_desk
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 4))
    file = queries.case_file(desk, case_id)
    assert {c.id for c in file.checklists} == {
        "ams-doorstroom-criteria",
        "ams-risicofactoren",
        "ams-advies",
    }
    doorstroom = next(t for t in file.ladder.transitions if t.number == "D")
    assert not doorstroom.suggested
    cases.set_checklist_answer(desk, case_id, "ams-risico-03", True)  # a risk factor: no trigger
    assert not next(t for t in queries.case_file(desk, case_id).ladder.transitions
                    if t.number == "D").suggested  # fmt: skip
    cases.set_checklist_answer(desk, case_id, "ams-crit-b", True)
    file = queries.case_file(desk, case_id)
    assert file.checklist_answers == {"ams-risico-03": True, "ams-crit-b": True}
    doorstroom = next(t for t in file.ladder.transitions if t.number == "D")
    assert doorstroom.suggested and "B" in doorstroom.reasons[0]
    cases.set_checklist_answer(desk, case_id, "ams-crit-b", None)
    file = queries.case_file(desk, case_id)
    assert not next(t for t in file.ladder.transitions if t.number == "D").suggested

"""Handing regie over (``cases.set_regie``): Amsterdam's doorstroomoverleg, on the real plugin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.support.desk import TODAY
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import AuditEntry, Case, Person, RoleAssignment
from verzuimdesk.core.services import cases, changes, pupils, queries
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.plugins.manager import create_plugin_manager

DOORSTROOM = "ams-doorstroomoverleg"


@pytest.fixture
def ams_desk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A desk of the real Amsterdam plugin (installed with the project) on a fresh base."""
    registry = create_plugin_manager()
    case_base = create_case_base(sqlite_url(tmp_path / "ams.sqlite"), "amsterdam", today=TODAY)
    desk = Desk(case_base, registry, user="tester", today=TODAY)
    yield desk
    case_base.close()


def _person(desk, name: str, organisation: str = "") -> int:  # type: ignore[no-untyped-def]
    with desk.case_base.transaction(desk.user) as session:
        person = Person(name=name, organisation=organisation or None)
        session.add(person)
        session.flush()
        return person.id


def _doorstroom_case(desk) -> int:  # type: ignore[no-untyped-def]
    school = pupils.create_school(desk, pupils.SchoolData("Het Amstelcollege", "VO", "noord"))
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Noor", "Bakker", dt.date(2010, 3, 14), school_id=school)
    )
    case_id = cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))
    cases.move_case(desk, case_id, DOORSTROOM, reason="Criterium B", on=dt.date(2024, 11, 11))
    return case_id


def test_regie_goes_from_lpa_to_the_gezinsmanager(ams_desk) -> None:  # type: ignore[no-untyped-def]
    desk = ams_desk
    case_id = _doorstroom_case(desk)
    file = queries.case_file(desk, case_id)
    assert file.regie_role_id == "lpa" and file.regie_roles == ("lpa", "gezinsmanager")
    assert file.regie_changeable
    anna = _person(desk, "Anna de Wit", "Samen DOEN")
    seen: list[changes.Change] = []
    changes.bus(desk).subscribe(seen.append)

    event_id = cases.set_regie(
        desk, case_id, "gezinsmanager", anna, reason="Gezin heeft al een gezinsmanager",
        on=dt.date(2024, 11, 12),
    )  # fmt: skip

    assert seen and seen[-1].touches_case(case_id)
    file = queries.case_file(desk, case_id)
    assert file.regie_role_id == "gezinsmanager" and file.regie_person_id == anna
    assert file.regie == "Gezinsmanager (Anna de Wit)"
    event = next(e for e in file.events if e.id == event_id)
    assert event.kind == "regie" and event.kind_name == "Regie gewijzigd"
    assert event.text == "Regie naar Gezinsmanager (Anna de Wit): Gezin heeft al een gezinsmanager"
    assert not event.deletable
    row = next(r for r in queries.case_list(desk) if r.case_id == case_id)
    assert row.regie == "Anna de Wit (GM)"  # the list uses short role names
    with desk.case_base.sessions() as session:
        roles = session.scalars(select(RoleAssignment).where(RoleAssignment.case_id == case_id))
        assert [(r.person_id, r.role_id) for r in roles] == [(anna, "gezinsmanager")]
        audited = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "case")).all()
        assert any((a.after or {}).get("regie_role_id") == "gezinsmanager" for a in audited)
    # Back to the LPA (what undo does): no person, the assignment stays as history.
    cases.set_regie(desk, case_id, "lpa", None)
    assert queries.case_file(desk, case_id).regie == "Leerplichtambtenaar"


def test_an_unlisted_role_or_unknown_person_is_refused(ams_desk) -> None:  # type: ignore[no-untyped-def]
    desk = ams_desk
    case_id = _doorstroom_case(desk)
    with pytest.raises(ValidationError) as exc:
        cases.set_regie(desk, case_id, "zorgcoordinator", reason="liever de school")
    assert exc.value.errors["role"] == (
        "Bij deze stap kan alleen Leerplichtambtenaar of Gezinsmanager de regie hebben."
    )
    with pytest.raises(ValidationError) as exc:
        cases.set_regie(desk, case_id, "gezinsmanager", 9999)
    assert exc.value.errors == {"person": "Deze persoon bestaat niet (meer)."}
    assert queries.case_file(desk, case_id).regie_role_id == "lpa"
    assert not [e for e in queries.case_file(desk, case_id).events if e.kind == "regie"]


def test_moving_on_keeps_an_allowed_choice_else_the_new_default(ams_desk) -> None:  # type: ignore[no-untyped-def]
    desk = ams_desk
    case_id = _doorstroom_case(desk)
    anna = _person(desk, "Anna de Wit")
    cases.set_regie(desk, case_id, "gezinsmanager", anna, on=dt.date(2024, 11, 12))
    ladder = desk.registry.ladder("amsterdam")
    target = ladder.stage(DOORSTROOM).next_stages[0]
    assert "gezinsmanager" not in cases.regie_roles(
        Case(), ladder.stage(target)
    )  # the steps after the overleg have no gezinsmanager in regie
    cases.move_case(desk, case_id, target, reason="Terug naar school", on=dt.date(2024, 11, 13))
    file = queries.case_file(desk, case_id)
    assert file.regie_role_id == (ladder.stage(target).in_regie or None)
    assert file.regie_person_id is None  # the gezinsmanager does not follow to another role
    # Back at the overleg the step's default (LPA) applies again, ...
    cases.move_case(desk, case_id, DOORSTROOM, reason="Weer vast", on=dt.date(2024, 11, 14))
    assert queries.case_file(desk, case_id).regie_role_id == "lpa"


def test_a_chosen_regie_survives_a_move_that_allows_it(ams_desk) -> None:  # type: ignore[no-untyped-def]
    """Unit check of the rule on fake stages (Amsterdam has one step with options)."""
    from verzuimdesk.plugins.api import Stage

    a = Stage("a", "1", "A", "b", in_regie="lpa", regie_options=("gm",))
    b = Stage("b", "2", "B", "b", in_regie="lpa", regie_options=("gm", "zoco"))
    c = Stage("c", "3", "C", "b", in_regie="zoco")
    case = Case(regie_role_id="gm")
    assert cases._regie_for(None, case, b, left=a) == "gm"  # chosen, allowed: kept
    assert cases._regie_for(None, case, c, left=a) == "zoco"  # not allowed: default
    case.regie_role_id = "lpa"  # the default of a, not a choice
    assert cases._regie_for(None, case, c, left=b) == "zoco"

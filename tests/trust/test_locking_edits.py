"""No silent lost updates (issue 11, finding 4): two desks on one case base, SQLite and PG."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.trust.support import colleague, in_lockstep, pupil
from verzuimdesk.core.models import Case, CaseEvent
from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.core.services.conflicts import ConflictError


def test_a_second_desk_saving_an_old_pupil_form_gets_a_conflict_not_an_overwrite(desk) -> None:  # type: ignore[no-untyped-def]
    """Anna renames the pupil; Bram, whose form is older, must not silently undo that."""
    pid = pupil(desk)
    bram = colleague(desk)
    anna_form = pupils.pupil_data(desk, pid)
    bram_form = pupils.pupil_data(bram, pid)
    anna_form.first_name = "Sanna"
    pupils.update_pupil(desk, pid, anna_form)
    bram_form.parent_phone = "0612345678"
    with pytest.raises(ConflictError) as caught:
        pupils.update_pupil(bram, pid, bram_form)
    assert pupils.pupil_data(desk, pid).first_name == "Sanna"  # Anna's change is not lost
    conflict = caught.value
    assert conflict.changed_by == "tester"
    shown = {d.label: (d.mine, d.theirs) for d in conflict.differences}
    assert shown["Voornaam"] == ("Sanne", "Sanna")
    assert shown["Telefoon ouder"] == ("0612345678", "")
    assert "tester heeft deze leerling" in conflict.message
    # Bram chooses "keep mine": saving again over the version he has now seen.
    bram_form.version = conflict.their_version
    pupils.update_pupil(bram, pid, bram_form)
    stored = pupils.pupil_data(desk, pid)
    assert (stored.first_name, stored.parent_phone) == ("Sanne", "0612345678")
    bram.case_base.close()


def test_two_desks_saving_the_same_pupil_at_the_same_moment(desk) -> None:  # type: ignore[no-untyped-def]
    """Both read version 1 and write together: one wins, the other hears of a conflict."""
    pid = pupil(desk)
    bram = colleague(desk)
    forms = [pupils.pupil_data(desk, pid), pupils.pupil_data(bram, pid)]
    forms[0].city = "Teststad"
    forms[1].city = "Anderstad"
    results = in_lockstep(
        [desk, bram],
        [
            lambda: pupils.update_pupil(desk, pid, forms[0]),
            lambda: pupils.update_pupil(bram, pid, forms[1]),
        ],
    )
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(conflicts) == 1, results
    winner = "Teststad" if results[0] is None else "Anderstad"
    assert pupils.pupil_data(desk, pid).city == winner
    assert conflicts[0].theirs["city"] == winner
    bram.case_base.close()


def test_both_desks_moving_the_same_case_make_one_step_change(desk) -> None:  # type: ignore[no-untyped-def]
    """Two colleagues both see step 1 and move the case to step 2: one move, one conflict."""
    pid = pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    bram = colleague(desk)
    seen = queries.case_file(desk, case_id).ladder.stage.id
    cases.move_case(desk, case_id, "t2", reason="Gesprek nodig", from_stage_id=seen)
    with pytest.raises(ConflictError) as caught:
        cases.move_case(bram, case_id, "t2", reason="Ook gezien", from_stage_id=seen)
    assert caught.value.theirs["stage"] == "2. Gesprek met leerling en ouders"
    assert "Stap" in caught.value.message
    with desk.case_base.sessions() as session:
        moves = session.scalar(
            select(func.count()).where(
                CaseEvent.case_id == case_id, CaseEvent.kind == "stage_change"
            )
        )
    assert moves == 1
    bram.case_base.close()


def test_two_moves_at_the_same_moment_make_one_step_change(desk) -> None:  # type: ignore[no-untyped-def]
    pid = pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    bram = colleague(desk)
    results = in_lockstep(
        [desk, bram],
        [
            lambda: cases.move_case(desk, case_id, "t2", reason="a", from_stage_id="t1"),
            lambda: cases.move_case(bram, case_id, "t2", reason="b", from_stage_id="t1"),
        ],
    )
    assert sum(isinstance(r, ConflictError) for r in results) == 1, results
    with desk.case_base.sessions() as session:
        kinds = session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case_id)).all()
    assert kinds.count("stage_change") == 1
    bram.case_base.close()


def test_two_actions_ticked_at_the_same_moment_both_stay_ticked(desk) -> None:  # type: ignore[no-untyped-def]
    pid = pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4), stage_id="t2")
    bram = colleague(desk)
    results = in_lockstep(
        [desk, bram],
        [
            lambda: cases.set_action_done(desk, case_id, "t2-uitnodigen", True),
            lambda: cases.set_action_done(bram, case_id, "t2-verslag", True),
        ],
    )
    assert results == [None, None]
    with desk.case_base.sessions() as session:
        done = session.get(Case, case_id).actions_done  # type: ignore[union-attr]
    assert sorted(done) == ["t2-uitnodigen", "t2-verslag"]
    bram.case_base.close()


def test_two_new_cases_at_the_same_moment_get_different_numbers(desk) -> None:  # type: ignore[no-untyped-def]
    """Both desks read the same highest number; the second one takes the next, no error."""
    first, second = pupil(desk), pupil(desk, "Daan", "Bakker")
    bram = colleague(desk)
    results = in_lockstep(
        [desk, bram],
        [
            lambda: cases.open_case(desk, first, opened_on=dt.date(2024, 11, 4)),
            lambda: cases.open_case(bram, second, opened_on=dt.date(2024, 11, 4)),
        ],
    )
    assert all(isinstance(r, int) for r in results), results
    with desk.case_base.sessions() as session:
        numbers = sorted(session.scalars(select(Case.number)))
    assert numbers == ["VZ-2024-00001", "VZ-2024-00002"]
    bram.case_base.close()


def test_a_school_saved_at_the_same_moment_is_a_dutch_conflict(desk) -> None:  # type: ignore[no-untyped-def]
    """A service without a form version still never shows a lost race as an unexpected error."""
    from verzuimdesk.core.services import schools

    school_id = schools.create_school(desk, schools.SchoolData("Het College", "VO", "midden"))
    bram = colleague(desk)
    results = in_lockstep(
        [desk, bram],
        [
            lambda: schools.update_school(
                desk, school_id, schools.SchoolData("Het College A", "VO", "midden")
            ),
            lambda: schools.update_school(
                bram, school_id, schools.SchoolData("Het College B", "VO", "midden")
            ),
        ],
    )
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(conflicts) == 1, results
    assert "deze school" in conflicts[0].message and "niet opgeslagen" in conflicts[0].message
    bram.case_base.close()


def test_a_colleagues_exemption_is_not_lost_to_an_older_pupil_form(desk) -> None:  # type: ignore[no-untyped-def]
    """An exemption is a row of its own: adding one still makes older forms outdated."""
    pid = pupil(desk)
    bram = colleague(desk)
    bram_form = pupils.pupil_data(bram, pid)
    anna_form = pupils.pupil_data(desk, pid)
    anna_form.exemptions = (pupils.ExemptionData("5a", dt.date(2024, 9, 1)),)
    pupils.update_pupil(desk, pid, anna_form)
    bram_form.city = "Teststad"
    with pytest.raises(ConflictError) as caught:
        pupils.update_pupil(bram, pid, bram_form)
    assert [d.label for d in caught.value.differences] == ["Plaats", "Vrijstellingen"]
    assert pupils.pupil_data(desk, pid).exemptions == anna_form.exemptions
    bram.case_base.close()

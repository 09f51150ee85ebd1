"""The phone round's services on the hand-built case base, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from tests.support.round_base import build_round_base
from verzuimdesk.core.models import CaseEvent
from verzuimdesk.core.round_spec import Quarter
from verzuimdesk.core.services import queries
from verzuimdesk.core.services import region_deadlines as rd
from verzuimdesk.core.services import round_planning as planning
from verzuimdesk.core.services import round_work as work
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.core.services.school_views import round_school_page, schools_overview

Q4 = Quarter(2024, 4)


def test_quarter_dates_follow_the_seed() -> None:
    from verzuimdesk.core.round_spec import national_round_settings

    settings = national_round_settings("x")
    assert Quarter.parse("2024q4") == Q4 and str(Q4) == "2024Q4"
    assert Q4.contact_due(settings) == dt.date(2024, 11, 30)  # before 1 December
    assert Q4.inspectie_due(settings) == dt.date(2024, 12, 15)
    assert Quarter(2024, 1).contact_due(settings) == dt.date(2024, 2, 29)  # leap year
    assert Q4.next() == Quarter(2025, 1) and Quarter(2025, 1).previous() == Q4
    with pytest.raises(ValueError, match="Onbekend kwartaal"):
        Quarter.parse("2024Q5")


def test_proposal_names_the_schools_with_pupils_and_why(desk: Any) -> None:
    base = build_round_base(desk)
    proposal = planning.propose_round(desk, "2024Q4")
    proposed = {s.school_id: s for s in proposal if s.proposed}
    assert set(proposed) == {base.baken, base.linde}
    assert proposed[base.baken].pupils == 3  # Sanne, Milan (cases), Eva (signal)
    assert any("signaal" in r for r in proposed[base.baken].reasons)
    assert not next(s for s in proposal if s.school_id == base.stille).proposed


def test_a_round_worked_writes_events_deadlines_and_finishes(desk: Any) -> None:
    base = build_round_base(desk)
    round_id = planning.create_round(desk, "2024Q4", [base.baken, base.linde])
    with pytest.raises(ValidationError, match="al een belronde"):
        planning.create_round(desk, "2024Q4", [base.baken])
    overview = work.round_overview(desk, round_id)
    assert [s.name for s in overview.schools] == ["Het Baken", "De Linde"]
    assert overview.progress_text == "0 klaar · 2 te doen · 0 terugbellen"
    deadlines = {r.kind: r for r in rd.region_deadlines(desk)}
    assert deadlines["belronde"].due_on == dt.date(2024, 11, 30)
    assert deadlines["inspectie"].due_on == dt.date(2024, 12, 15)

    page = round_school_page(desk, overview.schools[0].id)
    assert [c.name for c in page.contacts] == ["Karin Smit"]
    by_name = {p.name: p for p in page.pupils}
    assert set(by_name) == {"Sanne Visser", "Milan de Boer", "Eva Mulder"}
    with pytest.raises(ValidationError) as refused:
        work.set_pupil_status(desk, by_name["Sanne Visser"].id, "terug")
    assert refused.value.errors == {"status_on": "Vul de datum in waarop de leerling terug is."}
    work.set_pupil_status(desk, by_name["Milan de Boer"].id, "nog-thuis", note="Ouders bellen")
    result = work.set_pupil_status(
        desk, by_name["Sanne Visser"].id, "terug", status_on=dt.date(2024, 11, 18)
    )
    # A second change in the same round updates the one Belronde event of the case.
    work.set_pupil_status(desk, by_name["Sanne Visser"].id, None, note="Start halve dagen")
    with desk.case_base.sessions() as session:
        events = session.scalars(
            select(CaseEvent).where(CaseEvent.kind == "belronde").order_by(CaseEvent.case_id)
        ).all()
        texts = {e.case_id: e.text for e in events}
    assert len(events) == 2 and result.event_id in {e.id for e in events}
    assert texts[base.sanne_case] == (
        "Belronde 2024Q4: Terug op school per 18-11-2024. Start halve dagen"
    )
    assert texts[base.milan_case] == "Belronde 2024Q4: Nog thuis. Ouders bellen"

    with pytest.raises(ValidationError) as refused:
        work.record_call(desk, page.id, "terugbellen")
    assert refused.value.errors == {"callback_on": "Vul de datum in waarop u terugbelt."}
    work.record_call(desk, page.id, "niet-bereikt")
    work.record_call(desk, page.id, "terugbellen", callback_on=dt.date(2024, 11, 22))
    callbacks = [r for r in rd.region_deadlines(desk) if r.kind == "terugbellen"]
    assert [(c.due_on, c.school_name) for c in callbacks] == [(dt.date(2024, 11, 22), "Het Baken")]
    assert work.round_overview(desk, round_id).progress_text == (
        "0 klaar · 1 te doen · 1 terugbellen"
    )
    with pytest.raises(ServiceError, match="nog 2 scholen"):
        work.finish_round(desk, round_id)
    work.record_call(desk, page.id, "bereikt", contact_id=base.karin)
    assert not [r for r in rd.region_deadlines(desk) if r.kind == "terugbellen"]
    linde = work.round_overview(desk, round_id).schools[1]
    work.record_call(desk, linde.id, "bereikt")
    work.finish_round(desk, round_id)
    open_kinds = {r.kind for r in rd.region_deadlines(desk)}
    assert open_kinds == {"inspectie"}  # the contact deadline closed with the round
    assert rd.close_region_deadline(desk, "inspectie", "2024Q4") is True
    assert rd.close_region_deadline(desk, "inspectie", "2024Q4") is False
    assert rd.region_deadlines(desk) == []
    rows = {r.name: r for r in schools_overview(desk)}
    assert rows["Het Baken"].last_contact == dt.date(2024, 11, 20)
    assert rows["Het Baken"].categories == {"B2a": 1} and rows["Het Baken"].open_cases == 2
    assert rows["De Linde"].categories_text == "B2b 1"
    assert rows["De Stille School"].last_contact is None


def test_next_quarter_carries_pupils_without_a_final_status(desk: Any) -> None:
    base = build_round_base(desk)
    first = planning.create_round(desk, "2024Q3", [base.baken])
    entry = work.round_overview(desk, first).schools[0].id
    # The school names Noah during the call; he is sick (no case: nothing on a case).
    noah = work.add_pupil(desk, entry, base.noah)
    result = work.set_pupil_status(desk, noah, "ziek", note="Bij de jeugdarts")
    assert result.case_id is None and result.event_id is None
    milan = next(p for p in round_school_page(desk, entry).pupils if p.name == "Milan de Boer")
    work.set_pupil_status(desk, milan.id, "passend-aanbod")  # final: not carried over
    second = planning.create_round(desk, "2024Q4", [base.baken])
    page = round_school_page(desk, work.round_overview(desk, second).schools[0].id)
    by_name = {p.name: p for p in page.pupils}
    assert by_name["Noah Bakker"].reason == "vorige belronde"
    assert by_name["Noah Bakker"].previous == "2024Q3: Ziek / A1 — Bij de jeugdarts"
    assert by_name["Milan de Boer"].reason == "open casus"  # still on: his case is open
    assert by_name["Milan de Boer"].previous == "2024Q3: Passend aanbod gevonden"


def test_a_colleague_sees_who_is_calling_a_school(desk: Any) -> None:
    from verzuimdesk.core.desk import Desk

    base = build_round_base(desk)
    round_id = planning.create_round(desk, "2024Q4", [base.baken])
    entry = work.round_overview(desk, round_id).schools[0].id
    assert work.claim_school(desk, entry) is None
    colleague = Desk(desk.case_base, desk.registry, user="collega", today=desk.today)
    assert work.claim_school(colleague, entry) == "tester"
    assert work.round_overview(colleague, round_id).schools[0].claimed_by == "tester"
    work.release_school(desk, entry)
    assert work.claim_school(colleague, entry) is None


def test_mine_uses_the_linked_person(desk: Any) -> None:
    """Before, "Mijn casussen" compared the login with a column nothing filled: empty."""
    from verzuimdesk.core.services import persons

    base = build_round_base(desk)
    mine = queries.CaseQuery(mine_only=True)
    assert queries.case_list(desk, mine) == []
    persons.link_user(desk, base.anna)
    assert persons.linked_person(desk).name == "Anna de Wit"
    assert [r.case_id for r in queries.case_list(desk, mine)] == [base.sanne_case]
    persons.link_user(desk, base.piet)  # the login moves: one person per login
    assert queries.case_list(desk, mine) == []
    load = {p.person.name: p for p in persons.workload_overview(desk)}
    assert (load["Anna de Wit"].open_cases, load["Anna de Wit"].quiet_cases) == (1, 1)
    assert load["Piet Jansen"].open_cases == 0
    # Sanne's last event is the regie change of 8 October: 43 days, six weeks or more.
    rows = persons.person_workload(desk, base.anna)
    assert [(r.case_id, r.quiet_days, r.quiet) for r in rows] == [(base.sanne_case, 43, True)]

"""Two desks move the same case: the second one may keep its move (issue 11, finding 4).

Both see step 2. Anna stops the case (step 3); Bram, who decided on the analysis (step 4)
from step 2, gets the conflict and chooses *Mijn versie bewaren*: the case goes to step 4
from where Anna put it, checked as a move from step 2 (step 3 has no next steps), and the
history keeps both step changes. On SQLite and PostgreSQL (the ``desk`` fixture).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from tests.trust.support import answer_conflicts, colleague, pupil
from verzuimdesk.core.models import CaseEvent
from verzuimdesk.core.services import cases, queries
from verzuimdesk.core.services.case_concurrency import MoveConflict
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.gui import case_file_actions, conflict_dialog
from verzuimdesk.gui.case_file import CaseFileView

ON = dt.date(2024, 11, 4)


def _case_at_step_2(desk: Any) -> int:
    case_id = cases.open_case(desk, pupil(desk), opened_on=ON, stage_id="t2")
    assert queries.case_file(desk, case_id).ladder.stage.id == "t2"
    return case_id


def _step_changes(desk: Any, case_id: int) -> list[tuple[str | None, str | None]]:
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(CaseEvent.from_stage_id, CaseEvent.to_stage_id)
            .where(CaseEvent.case_id == case_id, CaseEvent.kind == "stage_change")
            .order_by(CaseEvent.id)
        ).all()
    return [tuple(row) for row in rows]


def test_keep_mine_moves_the_case_on_from_where_the_colleague_put_it(desk: Any) -> None:
    case_id = _case_at_step_2(desk)
    bram = colleague(desk)
    cases.move_case(desk, case_id, "t3", reason="weer op school", from_stage_id="t2")
    with pytest.raises(MoveConflict) as caught:
        cases.move_case(bram, case_id, "t4", reason="analyse nodig", from_stage_id="t2")
    conflict = caught.value
    assert conflict.their_stage_id == "t3"
    assert conflict.theirs["stage"] == "3. Verzuim gestopt"
    # Keep mine: over Anna's step, checked as a move from step 2.
    cases.move_case(
        bram, case_id, "t4", reason="analyse nodig", from_stage_id="t2", over_stage_id="t3"
    )
    assert queries.case_file(desk, case_id).ladder.stage.id == "t4"
    assert _step_changes(desk, case_id) == [("t2", "t3"), ("t3", "t4")]
    bram.case_base.close()


def test_keep_mine_is_a_conflict_again_when_the_case_moved_once_more(desk: Any) -> None:
    case_id = _case_at_step_2(desk)
    bram = colleague(desk)
    cases.move_case(desk, case_id, "t4", reason="analyse", from_stage_id="t2")
    cases.move_case(desk, case_id, "t5", reason="doorbraak", from_stage_id="t4")
    with pytest.raises(MoveConflict):
        cases.move_case(
            bram, case_id, "t3", reason="gestopt", from_stage_id="t2", over_stage_id="t4"
        )
    with pytest.raises(ValidationError, match="al naar deze stap"):
        cases.move_case(bram, case_id, "t5", reason="x", from_stage_id="t4", over_stage_id="t5")
    assert _step_changes(desk, case_id) == [("t2", "t4"), ("t4", "t5")]
    bram.case_base.close()


@pytest.mark.parametrize("choice", [conflict_dialog.KEEP_MINE, conflict_dialog.TAKE_THEIRS])
def test_the_case_file_asks_and_follows_the_choice(
    qtbot: Any, desk: Any, monkeypatch: Any, choice: str
) -> None:
    case_id = _case_at_step_2(desk)
    view = CaseFileView(desk, case_id, None)
    qtbot.addWidget(view)
    bram = colleague(desk)
    cases.move_case(bram, case_id, "t3", reason="weer op school", from_stage_id="t2")
    asked = answer_conflicts(monkeypatch, qtbot, choice)
    monkeypatch.setattr(case_file_actions.errors, "report", lambda *a: pytest.fail(str(a)))
    moved = view.move_to("t4", "analyse nodig", None, desk.today)
    assert asked == [
        [
            "Stap",
            "2. Gesprek met leerling en ouders → 4. Analyse in het ondersteuningsteam",
            "3. Verzuim gestopt",
        ]
    ]
    stage = queries.case_file(desk, case_id).ladder.stage.id
    assert (moved, stage) == (
        (True, "t4") if choice == conflict_dialog.KEEP_MINE else (False, "t3")
    )
    bram.case_base.close()

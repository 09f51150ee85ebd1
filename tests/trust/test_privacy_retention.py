"""Retention terms (issue 11, privacy by design): who is due, and removal that leaves no one."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from verzuimdesk.core.models import AuditEntry, Case, CaseEvent, Pupil
from verzuimdesk.core.models_trust import RemovedPupilStat
from verzuimdesk.core.services import cases, history, pupils, retention
from verzuimdesk.core.services.errors import ValidationError


def _pupil(desk, first: str, born: dt.date) -> int:  # type: ignore[no-untyped-def]
    return pupils.create_pupil(
        desk,
        pupils.PupilData(first, "Oldenburg", born, bsn=None, parent_name="Ouder Oldenburg"),
    )


def test_pupils_past_every_term_are_listed_and_others_not(desk) -> None:  # type: ignore[no-untyped-def]
    old = _pupil(desk, "Oud", dt.date(2004, 1, 1))  # 20: kwalificatieplicht ended 2022 + 2
    young = _pupil(desk, "Jong", dt.date(2010, 3, 14))
    with_case = _pupil(desk, "Dossier", dt.date(2003, 6, 1))
    case_id = cases.open_case(desk, with_case, opened_on=dt.date(2021, 3, 1))
    assert [c.pupil_id for c in retention.due_for_removal(desk)] == [old]  # open case: kept
    cases.close_case(desk, case_id, "overig", on=dt.date(2021, 9, 1))
    assert [c.pupil_id for c in retention.due_for_removal(desk)] == [old]  # dossier until 2026
    retention.set_terms(desk, retention.RetentionTerms(dossier=2))
    due = {c.pupil_id: c for c in retention.due_for_removal(desk)}
    assert set(due) == {old, with_case}
    assert due[old].reason == "kwalificatieplicht" and due[old].due_on == dt.date(2024, 1, 1)
    assert due[with_case].reason == "dossier" and due[with_case].due_on == dt.date(2023, 9, 1)
    assert retention.terms(desk) == retention.RetentionTerms(19, 2, 2)
    assert young not in due
    with pytest.raises(ValidationError):
        retention.set_terms(desk, retention.RetentionTerms(dossier=0))


def test_removal_deletes_the_person_keeps_statistics_and_audits_itself(desk) -> None:  # type: ignore[no-untyped-def]
    pid = _pupil(desk, "Dossier", dt.date(2003, 6, 1))
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2021, 3, 1))
    cases.add_event(desk, case_id, "note", "Moeder belde over de ziekte", on=dt.date(2021, 3, 2))
    cases.close_case(desk, case_id, "overig", on=dt.date(2021, 9, 1))
    young = _pupil(desk, "Jong", dt.date(2010, 3, 14))
    with pytest.raises(ValidationError):
        retention.remove_pupil(desk, young)  # not due: refused
    retention.set_terms(desk, retention.RetentionTerms(dossier=2))
    assert retention.remove_pupil(desk, pid) == 1
    with desk.case_base.sessions() as session:
        assert session.get(Pupil, pid) is None
        assert session.scalar(select(func.count()).select_from(Case)) == 0
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 0
        stat = session.scalars(select(RemovedPupilStat)).one()
        assert (stat.birth_year, stat.case_closed_on, stat.outcome, stat.reason) == (
            2003,
            dt.date(2021, 9, 1),
            "overig",
            "dossier",
        )
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    removal = entries[-1]
    assert (removal.action, removal.table_name, removal.record_id) == ("remove", "pupil", str(pid))
    deletes = [e for e in entries if e.action == "delete"]
    assert deletes and all(e.before is None for e in deletes)  # only the fact of the delete
    dumped = json.dumps([[e.before, e.after] for e in entries])
    for secret in ("Dossier", "Oldenburg", "2003-06-01", "Moeder belde"):
        assert secret not in dumped
    assert history.verify(desk).ok

"""Schools, form submissions and absence cells carry the version they were loaded with
(issue 11, finding 4): a stale save is a conflict showing what the colleague changed, with
"keep mine" and "take theirs", never a silent overwrite. Two desks on one case base; SQLite
and PostgreSQL through the ``desk`` fixture.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tests.trust.support import answer_conflicts, colleague, pupil
from verzuimdesk.core.services import absences, case_forms, cases, queries, schools
from verzuimdesk.core.services.conflicts import ConflictError
from verzuimdesk.gui import conflict_dialog

D = dt.date
VALUES = {
    "naam": "Sanne de Vries",
    "geboortedatum": D(2010, 3, 14),
    "school": "Het College",
    "begin": D(2024, 10, 1),
    "soort": "B1",
    "reden": "Angst",
}


# --------------------------------------------------------------------------- schools


def _school(desk: Any) -> int:
    return schools.create_school(desk, schools.SchoolData("Het College", "VO", "midden"))


def test_an_old_school_form_is_a_conflict_and_keep_mine_saves_it(desk: Any) -> None:
    school_id = _school(desk)
    bram = colleague(desk)
    anna_form = schools.school_details(desk, school_id).data
    bram_form = schools.school_details(bram, school_id).data
    schools.update_school(
        desk, school_id, dataclasses.replace(anna_form, name="Het Lyceum"), loaded=anna_form
    )
    mine = dataclasses.replace(bram_form, contact_phone="0701234567")
    with pytest.raises(ConflictError) as caught:
        schools.update_school(bram, school_id, mine, loaded=bram_form)
    conflict = caught.value
    shown = {d.label: (d.mine, d.theirs) for d in conflict.differences}
    assert shown == {"Naam": ("Het College", "Het Lyceum"), "Telefoon": ("0701234567", "")}
    assert "tester heeft deze school" in conflict.message
    assert schools.school_details(desk, school_id).data.name == "Het Lyceum"  # not lost
    schools.update_school(bram, school_id, mine, loaded=conflict.stored)  # keep mine
    stored = schools.school_details(desk, school_id).data
    assert (stored.name, stored.contact_phone) == ("Het College", "0701234567")
    bram.case_base.close()


def test_a_calendar_change_is_no_conflict_with_the_school_details(desk: Any) -> None:
    """Goede Vrijdag made free raises the school's version but touches no detail field."""
    school_id = _school(desk)
    loaded = schools.school_details(desk, school_id).data
    schools.set_holidays_free(desk, school_id, goede_vrijdag=True)
    schools.update_school(
        desk, school_id, dataclasses.replace(loaded, municipality="Delft"), loaded=loaded
    )
    assert schools.school_details(desk, school_id).data.municipality == "Delft"


@pytest.mark.parametrize("choice", [conflict_dialog.KEEP_MINE, conflict_dialog.TAKE_THEIRS])
def test_the_school_window_asks_and_follows_the_choice(
    qtbot: Any, desk: Any, monkeypatch: Any, choice: str
) -> None:
    from verzuimdesk.gui.school_calendar import SchoolCalendarWindow

    school_id = _school(desk)
    window = SchoolCalendarWindow(desk)
    qtbot.addWidget(window)
    window.show_school(school_id)
    bram = colleague(desk)
    theirs = schools.school_details(bram, school_id).data
    schools.update_school(
        bram, school_id, dataclasses.replace(theirs, name="Het Lyceum", contact_name="Bram")
    )
    shown = answer_conflicts(monkeypatch, qtbot, choice)
    window.form.contact_name.setText("Anna")
    saved = window.save_details()
    assert shown == [["Naam", "Het College", "Het Lyceum"], ["Contactpersoon", "Anna", "Bram"]]
    stored = schools.school_details(desk, school_id).data
    if choice == conflict_dialog.KEEP_MINE:
        assert saved == school_id and (stored.name, stored.contact_name) == ("Het College", "Anna")
    else:
        assert saved is None and (stored.name, stored.contact_name) == ("Het Lyceum", "Bram")
        assert window.form.contact_name.text() == "Bram"
        assert window.school_list.currentItem().text() == "Het Lyceum"
        assert "collega" in window.form.general.text()
    bram.case_base.close()


# --------------------------------------------------------------------------- forms


def _case_with_form(desk: Any) -> tuple[int, case_forms.SavedForm]:
    case_id = cases.open_case(desk, pupil(desk), opened_on=D(2024, 10, 1), stage_id="t4")
    saved = case_forms.save_form_checked(desk, case_id, "melding-thuiszitter", dict(VALUES))
    return case_id, saved


def _reason_saved(desk: Any, case_id: int, submission_id: int, **check: Any) -> None:
    """Save the form with the reason "Pesten" (``version=`` to check it)."""
    values = {**VALUES, "reden": "Pesten"}
    case_forms.save_form(
        desk, case_id, "melding-thuiszitter", values, submission_id=submission_id, **check
    )


def test_an_old_form_submission_is_a_conflict_and_keep_mine_saves_it(desk: Any) -> None:
    case_id, saved = _case_with_form(desk)
    bram = colleague(desk)
    loaded = case_forms.load_submission(bram, saved.id)
    assert loaded.version == saved.version
    _reason_saved(desk, case_id, saved.id, version=saved.version)
    mine = {**VALUES, "email": "bram@school.nl"}
    with pytest.raises(ConflictError) as caught:
        case_forms.save_form(
            bram,
            case_id,
            "melding-thuiszitter",
            mine,
            submission_id=saved.id,
            version=loaded.version,
        )
    shown = {d.label: (d.mine, d.theirs) for d in caught.value.differences}
    assert shown == {
        "Specifieke reden": ("Angst", "Pesten"),
        "E-mail contactpersoon": ("bram@school.nl", ""),
    }
    assert case_forms.load_submission(desk, saved.id).values["reden"] == "Pesten"
    again = case_forms.save_form_checked(
        bram,
        case_id,
        "melding-thuiszitter",
        mine,
        submission_id=saved.id,
        version=caught.value.their_version,
    )
    assert case_forms.load_submission(desk, saved.id).values["email"] == "bram@school.nl"
    assert again.version == caught.value.their_version + 1
    bram.case_base.close()


@pytest.mark.parametrize("choice", [conflict_dialog.KEEP_MINE, conflict_dialog.TAKE_THEIRS])
def test_the_form_dialog_asks_and_follows_the_choice(
    qtbot: Any, desk: Any, monkeypatch: Any, choice: str
) -> None:
    from verzuimdesk.gui.forms_dialog import FormDialog

    case_id, saved = _case_with_form(desk)
    dialog = FormDialog(desk, queries.case_file(desk, case_id), "melding-thuiszitter", saved.id)
    qtbot.addWidget(dialog)
    bram = colleague(desk)
    _reason_saved(bram, case_id, saved.id)
    shown = answer_conflicts(monkeypatch, qtbot, choice)
    dialog.widget.set_values({**dialog.values(), "reden": "Angst en somberheid"})
    result = dialog.save()
    assert shown == [["Specifieke reden", "Angst en somberheid", "Pesten"]]
    stored = case_forms.load_submission(desk, saved.id).values["reden"]
    if choice == conflict_dialog.KEEP_MINE:
        assert result and stored == "Angst en somberheid"
        assert dialog.save()  # based on the version just saved: no conflict with itself
    else:
        assert not result and stored == "Pesten" and dialog.values()["reden"] == "Pesten"
        assert "collega" in dialog.message.text()
    bram.case_base.close()


# --------------------------------------------------------------------------- absences

DAY = D(2024, 11, 12)


def _shown_version(desk: Any, pid: int, kind: str = "ongeoorloofd") -> int:
    month = queries.pupil_absences(desk, pid, DAY)
    (day,) = [d for d in month.days if d.date == DAY]
    return day.versions.get(kind, 0)


def test_an_old_absence_cell_is_a_conflict_and_keep_mine_saves_it(desk: Any) -> None:
    pid = pupil(desk)
    bram = colleague(desk)
    seen = _shown_version(bram, pid)  # an empty cell: version 0
    absences.set_absences(desk, pid, [absences.AbsenceEntry(DAY, "ongeoorloofd", 2.0)])
    mine = absences.AbsenceEntry(DAY, "ongeoorloofd", 1.5, version=seen)
    with pytest.raises(ConflictError) as caught:
        absences.set_absences(bram, pid, [mine])
    (difference,) = caught.value.differences
    assert difference.label == "Ongeoorloofd op 12-11-2024"
    assert (difference.mine, difference.theirs) == ("1,5 uur", "2 uur")
    key = absences.entry_key(DAY, "ongeoorloofd")
    assert _shown_version(desk, pid) == caught.value.stored[key]
    absences.set_absences(bram, pid, [dataclasses.replace(mine, version=caught.value.stored[key])])
    assert queries.pupil_absences(desk, pid, DAY).totals()["ongeoorloofd"] == 1.5
    bram.case_base.close()


@pytest.mark.parametrize("choice", [conflict_dialog.KEEP_MINE, conflict_dialog.TAKE_THEIRS])
def test_the_absence_grid_asks_and_follows_the_choice(
    qtbot: Any, desk: Any, monkeypatch: Any, choice: str
) -> None:
    from PySide6.QtGui import QUndoStack

    from verzuimdesk.gui.absences_view import AbsencesView

    pid = pupil(desk)
    view = AbsencesView(desk, pid, QUndoStack(), month=DAY)
    qtbot.addWidget(view)
    bram = colleague(desk)
    absences.set_absences(bram, pid, [absences.AbsenceEntry(DAY, "ongeoorloofd", 2.0)])
    shown = answer_conflicts(monkeypatch, qtbot, choice)
    saved = view.save_cell(DAY, "ongeoorloofd", 3.0)
    assert shown == [["Ongeoorloofd op 12-11-2024", "3 uur", "2 uur"]]
    hours = queries.pupil_absences(desk, pid, DAY).totals()["ongeoorloofd"]
    assert (saved, hours) == ((True, 3.0) if choice == conflict_dialog.KEEP_MINE else (False, 2.0))
    if choice == conflict_dialog.TAKE_THEIRS:
        assert "collega" in view.message.text()
    bram.case_base.close()

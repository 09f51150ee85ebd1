"""Finding 6 of issue 11: input limits in the core, Dutch messages next to the field, plain text.

- A first name of 1 MB (stored on SQLite), of 101 characters (a raw ``DataError`` on
  PostgreSQL), with a NUL character, or with a lone surrogate (a crash on both) is
  refused with a Dutch message for that field, on SQLite and PostgreSQL.
- Absence on a Saturday, a public holiday, in a vacation of the pupil's school, before
  birth or in 1900 is refused.
- A pupil named ``<b>Sam</b>`` is shown as typed, never in bold, on every label.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from verzuimdesk.core.models import AbsenceRecord, Pupil
from verzuimdesk.core.services import absences, cases, pupils
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.core.validation import check_text

D = dt.date
BORN = D(2011, 5, 1)


def _school(desk: Any) -> int:
    return pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))


def _count_pupils(desk: Any) -> int:
    with desk.case_base.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Pupil)) or 0)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("first_name", "A" * 1_000_000, "te lang"),
        ("first_name", "B" * 101, "hooguit 100 tekens"),
        ("last_name", "Jan\x00sen", "NUL-teken"),
        ("first_name", "Sam\ud800", "ongeldige teken"),
        ("parent_name", "P" * 201, "hooguit 200 tekens"),
        ("city", "Den\x07Haag", "stuurteken"),
        ("last_name", "de\nVries", "regelovergang"),
    ],
)
def test_a_text_that_does_not_fit_is_refused_for_its_field(
    desk: Any, field: str, value: str, words: str
) -> None:
    """The service raises ValidationError keyed by the field, in Dutch; nothing is stored."""
    data = pupils.PupilData("Sam", "Jansen", BORN)
    setattr(data, field, value)
    with pytest.raises(ValidationError) as caught:
        pupils.create_pupil(desk, data)
    assert list(caught.value.errors) == [field]
    assert words in caught.value.errors[field]
    assert _count_pupils(desk) == 0


def test_the_longest_texts_that_fit_are_stored(desk: Any) -> None:
    """Exactly the column's length, accents and emoji included, is accepted."""
    data = pupils.PupilData("É" * 99 + "🙂", "V" * 150, BORN, parent_name="Ö" * 200)
    pid = pupils.create_pupil(desk, data)
    stored = pupils.pupil_data(desk, pid)
    assert stored.first_name == "É" * 99 + "🙂" and len(stored.last_name) == 150


def test_long_texts_keep_their_line_breaks() -> None:
    """A note may hold tabs and line breaks; a name may not."""
    assert check_text("regel 1\nregel 2\tmet tab", None, multiline=True) is None
    assert check_text("regel 1\nregel 2", 100) is not None


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (D(2024, 11, 16), "zaterdag"),
        (D(2024, 11, 17), "zondag"),
        (D(2024, 5, 9), "Hemelvaartsdag"),
        (D(2024, 10, 30), "vrije dag van de school (Herfstvakantie)"),
        (D(2024, 8, 7), "Zomervakantie"),
        (D(2010, 3, 1), "geboortedatum"),
        (D(1900, 1, 1), "controleer het jaar"),
    ],
)
def test_absence_on_a_day_without_school_or_before_birth_is_refused(
    desk: Any, day: dt.date, words: str
) -> None:
    """Such absence was stored silently; now the cell gets a Dutch message."""
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sam", "Jansen", BORN, school_id=_school(desk))
    )
    with pytest.raises(ValidationError) as caught:
        absences.set_absences(desk, pid, [absences.AbsenceEntry(day, "ongeoorloofd", 2.0)])
    assert words in next(iter(caught.value.errors.values()))
    with desk.case_base.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AbsenceRecord)) == 0


def test_the_pupil_dialog_shows_the_limit_next_to_the_field(window: Any, qtbot: Any) -> None:
    """A pasted 300-character first name: the message stands under the field, the dialog stays."""
    from verzuimdesk.gui.pupil_dialog import PupilDialog

    dialog = PupilDialog(window.desk, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.first_name.setText("X" * 300)
    dialog.last_name.setText("Jansen")
    dialog.birth_date.setDate(QDate(2011, 5, 1))
    assert dialog.save_changes() is False
    label = dialog.errors["first_name"]
    assert label.isVisible() and "hooguit 100 tekens" in label.text()
    assert _count_pupils(window.desk) == 0
    dialog.hide()  # closed without the "Wijzigingen opslaan?" question


def _labels_showing(text: str) -> list[QLabel]:
    found = []
    for top in QApplication.topLevelWidgets():
        for label in [top, *top.findChildren(QLabel)]:
            if isinstance(label, QLabel) and text in label.text():
                found.append(label)
    return found


def test_every_label_with_a_pupils_name_shows_it_as_plain_text(window: Any, qtbot: Any) -> None:
    """A name with HTML in it (``<b>``) is shown as typed on the case file, absences, About."""
    desk = window.desk
    school = pupils.create_school(desk, pupils.SchoolData("<u>Lyceum</u>", "VO", "midden"))
    pid = pupils.create_pupil(
        desk, pupils.PupilData("<b>Sam</b>", "<i>Jansen</i>", BORN, school_id=school)
    )
    case_id = cases.open_case(desk, pid, opened_on=D(2024, 11, 4))
    window.refresh()
    window.open_case(case_id)
    window.open_absences(pid)
    qtbot.wait(50)
    labels = _labels_showing("<b>Sam</b>") + _labels_showing("<u>Lyceum</u>")
    assert len(labels) >= 3, "the name and school are not on the labels"
    rich = [
        label.objectName() or f"{type(label.parent()).__name__}: {label.text()}"
        for label in labels
        if label.textFormat() != Qt.TextFormat.PlainText
    ]
    assert rich == []


def test_absence_follows_the_vacation_region_of_the_pupils_own_school(desk: Any) -> None:
    """Herfstvakantie 2024: zuid 19–27 Oct, midden 26 Oct – 3 Nov. Wed 23 Oct is a
    schooldag in midden and a vacation day in zuid; the pupil's school decides."""
    south = pupils.create_school(desk, pupils.SchoolData("Zuiderlicht", "VO", "zuid"))
    middle = pupils.create_pupil(
        desk, pupils.PupilData("Sam", "Jansen", BORN, school_id=_school(desk))
    )
    southern = pupils.create_pupil(desk, pupils.PupilData("Zoë", "Dijk", BORN, school_id=south))
    day = D(2024, 10, 23)
    absences.set_absences(desk, middle, [absences.AbsenceEntry(day, "ongeoorloofd", 2.0)])
    with pytest.raises(ValidationError) as caught:
        absences.set_absences(desk, southern, [absences.AbsenceEntry(day, "ongeoorloofd", 2.0)])
    assert "Herfstvakantie" in next(iter(caught.value.errors.values()))
    assert absences.school_days(desk, southern, [day, D(2024, 10, 30)]) == [D(2024, 10, 30)]

"""Privacy in the desk: the retention dialog, the 16+ objection, the BSN on form PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from verzuimdesk.core import privacy
from verzuimdesk.core.services import cases, pupils, retention
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.gui.letter_dialog import LetterDialog
from verzuimdesk.gui.pupil_dialog import PupilDialog
from verzuimdesk.gui.retention_dialog import RetentionDialog
from verzuimdesk.plugins.form_blocks import duo_melding_form


def test_only_the_duo_report_prints_the_bsn_in_full(desk) -> None:  # type: ignore[no-untyped-def]
    assert privacy.form_needs_bsn(duo_melding_form("x"))
    pid = pupils.create_pupil(desk, pupils.PupilData("Sanne", "Vries", dt.date(2010, 3, 14)))
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    from verzuimdesk.core.services import queries

    forms = queries.case_file(desk, case_id).available_forms
    assert forms and not any(privacy.form_needs_bsn(f) for f in forms if "duo" not in f.id)


def test_form_pdf_hides_the_bsn_unless_the_form_needs_it(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from verzuimdesk.gui.forms_dialog import FormDialog

    desk = window.desk
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", dt.date(2010, 3, 14), bsn="111222333")
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    view = window.open_case(case_id)
    assert view.file is not None
    form = view.file.available_forms[0]
    dialog = FormDialog(desk, view.file, form.id, parent=window)
    qtbot.addWidget(dialog)
    seen: list[Any] = []
    monkeypatch.setattr(
        dialog.widget, "print_to_pdf", lambda path, **kw: seen.append(kw) or Path(path)
    )
    dialog.print_to(tmp_path / "x.pdf")
    assert seen == [{"hide_bsn": not privacy.form_needs_bsn(form)}]
    assert "111222333" not in dialog.widget.to_html(hide_bsn=True)


def test_an_objection_needs_16_and_warns_in_letters_to_parents(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    young = pupils.PupilData("Jong", "Kind", dt.date(2010, 3, 14), objects_to_parent_sharing=True)
    with pytest.raises(ValidationError) as caught:
        pupils.create_pupil(desk, young)
    assert "16 jaar" in caught.value.errors["objects_to_parent_sharing"]
    pid = pupils.create_pupil(desk, pupils.PupilData("Ouder", "Leerling", dt.date(2007, 1, 5)))
    dialog = PupilDialog(desk, pupil_id=pid)
    qtbot.addWidget(dialog)
    dialog.objects.setChecked(True)
    assert dialog.save_changes()
    assert pupils.pupil_data(desk, pid).objects_to_parent_sharing
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    letter = LetterDialog(desk, case_id, "VZ-2024-00001")
    qtbot.addWidget(letter)
    ids = [t.id for t in letter.templates]
    letter.template_box.setCurrentIndex(ids.index("uitnodiging-ouders"))
    assert privacy.OBJECTION_NOTE in letter.description.text()
    letter.template_box.setCurrentIndex(ids.index("brief-school"))
    assert privacy.OBJECTION_NOTE not in letter.description.text()


def test_retention_dialog_lists_and_removes_after_confirmation(
    qtbot, desk, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    old = pupils.create_pupil(desk, pupils.PupilData("Oud", "Leerling", dt.date(2004, 1, 1)))
    pupils.create_pupil(desk, pupils.PupilData("Jong", "Leerling", dt.date(2010, 1, 1)))
    dialog = RetentionDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "Oud Leerling"
    dialog.grab().save(str(tmp_path / "bewaartermijnen.png"))
    dialog.ask_remove()  # nothing ticked: says so
    assert "Vink eerst" in dialog.count.text()
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.ask_remove()
    assert dialog.table.rowCount() == 0 and "Geen leerlingen" in dialog.count.text()
    assert old not in [c.pupil_id for c in retention.due_for_removal(desk)]
    dialog.spins["dossier"].setValue(3)
    dialog.save_terms()
    assert retention.terms(desk).dossier == 3

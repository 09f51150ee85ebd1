"""The import wizard driven through its pages with real widgets (issue 13)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard

from tests.importing.support import SAMPLES, records, with_schools_and_pupils
from verzuimdesk.core.importing.store import list_mappings
from verzuimdesk.core.services import changes
from verzuimdesk.gui.import_wizard import ImportWizard


def _next(qtbot: Any, wizard: ImportWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_wizard_imports_the_magister_sample_and_saves_the_mapping(
    qtbot: Any, desk: Any, tmp_path: Path
) -> None:
    """File → preview → map (Stage → negeren, saved) → check → import → report."""
    with_schools_and_pupils(desk)
    published: list[tuple[str, bool]] = []
    changes.bus(desk).subscribe(
        lambda change: published.append(
            (change.kind, threading.current_thread() is threading.main_thread())
        )
    )
    wizard = ImportWizard(desk, path=str(SAMPLES / "magister_absenties.csv"))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.school.setCurrentIndex(page.school.findText("Het Lyceum Teststad"))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.preview_page.grid.rowCount() == 20
    assert "puntkomma" in wizard.preview_page.about.text()
    assert "Magister" in wizard.preview_page.about.text()
    _next(qtbot, wizard)
    mapping_page = wizard.mapping_page
    assert mapping_page.role_boxes["pupil_number"].currentData() == "Stamnummer"
    kinds = mapping_page.kinds
    values = {kinds.item(r, 0).text(): kinds.cellWidget(r, 1) for r in range(kinds.rowCount())}
    assert values["Spijbelen"].currentData() == "ongeoorloofd"
    assert values["Te laat"].currentData() == "te_laat"
    stage: QComboBox = values["Stage"]
    assert stage.currentData() == ""  # unknown: the user chooses
    stage.setCurrentIndex(stage.findData("negeren"))
    mapping_page.save_name.setText("Magister Lyceum")
    wizard.resize(980, 680)
    wizard.grab().save(str(tmp_path / "mapping.png"))
    _next(qtbot, wizard)
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.done, timeout=20_000)
    assert "Te importeren (nieuw): 17" in check.text.toPlainText()
    assert records(desk) == {k: v for k, v in records(desk).items() if k[0] not in ("Bakker",)}
    assert check.unknown.count() == 1
    _next(qtbot, wizard)
    run = wizard.run_page
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    assert wizard.report is not None and wizard.report.committed
    # The open views are told on the GUI thread, not on the import's worker thread.
    assert ("absence", True) in published and all(on_main for _k, on_main in published)
    assert "regel 19" in run.text.toPlainText()
    assert any(k[0] == "Bakker" for k in records(desk))
    saved = list_mappings(desk, "absences")
    assert [s.name for s in saved] == ["Magister Lyceum"]
    assert saved[0].mapping.kinds["stage"] == "negeren"
    wizard.grab().save(str(tmp_path / "report.png"))


def test_wizard_refuses_an_empty_file_in_dutch(qtbot: Any, desk: Any) -> None:
    """An empty file stays on the first page with the reason."""
    wizard = ImportWizard(desk, path=str(SAMPLES / "leeg.csv"))
    qtbot.addWidget(wizard)
    wizard.show()
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "leeg" in wizard.file_page.error.text()


def test_unknown_pupils_are_created_only_when_ticked(qtbot: Any, desk: Any) -> None:
    """Somtoday's two unknown pupils: ticking one creates that one only."""
    with_schools_and_pupils(desk)
    wizard = ImportWizard(desk, path=str(SAMPLES / "somtoday_absenties.xlsx"))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.school.setCurrentIndex(page.school.findText("Teststad College"))
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    wizard.mapping_page.lesson.setValue(45)
    _next(qtbot, wizard)
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.done, timeout=20_000)
    assert check.unknown.count() == 2
    check.unknown.item(0).setCheckState(Qt.CheckState.Checked)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=20_000)
    names = {k[0] for k in records(desk)}
    assert "Visser" in names and "Smit" not in names

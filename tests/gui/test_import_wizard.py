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
    # Garbage collection was held off while the worker thread ran, and is back on after.
    import gc

    qtbot.waitUntil(gc.isenabled, timeout=5000)
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


def test_stop_during_the_import_changes_nothing(
    qtbot: Any, desk: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """*Stoppen* while a large file is imported: the wizard says nothing changed, and so it is."""
    from verzuimdesk.core.importing import common

    # Look at Stoppen every 2,048 rows (not only every 0.25 s): 120,000 rows take longer
    # to read than the click takes to arrive.
    monkeypatch.setattr(common, "PROGRESS_EVERY", 0.0)
    with_schools_and_pupils(desk)
    export = tmp_path / "groot.csv"
    lines = ["Stamnummer;Datum;Lesuur;Verantwoording"]
    lines += [f"{1001 + i % 4};04-11-2024;{1 + i % 8};Spijbelen" for i in range(120_000)]
    export.write_text("\n".join(lines), encoding="utf-8")
    before = records(desk)
    wizard = ImportWizard(desk, path=str(export))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.school.setCurrentIndex(page.school.findText("Het Lyceum Teststad"))
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    wizard.mapping_page.problems.clear()
    # Straight to the import page (the check of 120,000 rows is skipped for the test).
    wizard.check_page.done = True
    wizard.setStartId(wizard.pageIds()[-1])
    wizard.restart()
    run = wizard.run_page
    qtbot.waitUntil(lambda: run.worker is not None)
    qtbot.mouseClick(run.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "niets gewijzigd" in run.status.text(), timeout=60_000)
    qtbot.waitUntil(lambda: not run.worker.worker_thread.isRunning())
    assert not run.done
    assert records(desk) == before and wizard.report is None


def test_the_schools_saved_mapping_is_proposed(qtbot: Any, desk: Any) -> None:
    """Choosing the school proposes its saved mapping, with its own value choices."""
    from tests.importing.support import mapping_for, school_id
    from verzuimdesk.core.importing.store import save_mapping

    with_schools_and_pupils(desk)
    mapping = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    mapping.kinds = {"stage": "negeren", "kwijtgeraakt": "ongeoorloofd"}
    mapping.lesson_minutes = 45
    save_mapping(desk, "Magister Lyceum", mapping)
    wizard = ImportWizard(desk, path=str(SAMPLES / "magister_absenties.csv"))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.school.setCurrentIndex(page.school.findData(school_id(desk, "12AB00")))
    assert page.saved.currentText().startswith("Magister Lyceum")
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    assert wizard.mapping_page.lesson.value() == 45
    kinds = wizard.mapping_page.kinds
    chosen = {
        kinds.item(r, 0).text(): kinds.cellWidget(r, 1).currentData()
        for r in range(kinds.rowCount())
    }
    assert chosen["Kwijtgeraakt"] == "ongeoorloofd" and chosen["Stage"] == "negeren"


def test_pupils_import_through_the_wizard(qtbot: Any, desk: Any) -> None:
    """The same wizard imports a pupil list (Leerlingen) for a school."""
    from tests.importing.support import mapping_for
    from verzuimdesk.core.importing import run_import

    run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
    wizard = ImportWizard(desk, path=str(SAMPLES / "magister_leerlingen.csv"))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.target.setCurrentIndex(page.target.findData("pupils"))
    page.school.setCurrentIndex(page.school.findText("Het Lyceum Teststad"))
    for _ in range(4):
        _next(qtbot, wizard)
        if wizard.currentPage() is wizard.check_page:
            qtbot.waitUntil(lambda: wizard.check_page.done, timeout=20_000)
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=20_000)
    assert wizard.report is not None and wizard.report.imported == 4
    assert "Gelezen: 4 leerlingen" in wizard.run_page.text.toPlainText()

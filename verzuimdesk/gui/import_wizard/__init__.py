"""The import wizard: choose file → preview → map → check → import → report (issue 13).

Absences, pupils and schools from CSV or XLSX exports of Magister, Somtoday, ParnasSys.
The work runs in a worker thread (:mod:`.worker`) with a progress bar and Cancel; the
core (:mod:`verzuimdesk.core.importing`) does it in one transaction, so Cancel leaves
the case base as it was. Unknown pupils are listed on the check page with a tick box
each; only the ticked ones are created.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from verzuimdesk.core.importing import (
    ImportCancelled,
    ImportFileError,
    ImportReport,
    Mapping,
    MappingError,
    NewPupil,
    TableFile,
    guess_mapping,
    open_table,
    run_import,
)
from verzuimdesk.core.importing.mapping import TARGET_NAMES, TARGETS
from verzuimdesk.core.importing.store import list_mappings, save_mapping
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.core.services.pupils import list_schools
from verzuimdesk.gui.import_wizard.mapping_page import MappingPage
from verzuimdesk.gui.import_wizard.worker import ImportWorker
from verzuimdesk.gui.save_dialog import start_folder

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

PREVIEW_ROWS = 20
FILE_FILTER = "Exportbestanden (*.csv *.txt *.xlsx);;Alle bestanden (*)"


class ImportWizard(QWizard):
    """The wizard; ``report`` holds the last import's report once it has run."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, path: str = "") -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("importWizard")
        self.setWindowTitle("Importeren")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "&Volgende >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< V&orige")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Sluiten")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Annuleren")
        self.table: TableFile | None = None
        self.mapping = Mapping()
        self.saved_name = ""
        self.check_report: ImportReport | None = None
        self.report: ImportReport | None = None
        self.file_page = FilePage(self, path)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = RunPage(self, dry_run=True)
        self.run_page = RunPage(self, dry_run=False)
        for page in (
            self.file_page,
            self.preview_page,
            self.mapping_page,
            self.check_page,
            self.run_page,
        ):
            self.addPage(page)
        self.resize(900, 620)

    def school_id(self) -> int | None:
        """The school chosen on the first page (None: none)."""
        data = self.file_page.school.currentData()
        return int(data) if data else None

    def save_mapping_if_named(self) -> bool:
        """Save the mapping under the name given on the mapping page (when given)."""
        if not self.saved_name:
            return True
        try:
            save_mapping(self.desk, self.saved_name, self.mapping)
        except ServiceError as exc:
            self.mapping_page.problems.setText(str(exc))
            return False
        return True

    def reject(self) -> None:
        """Cancel: a running import is cancelled (and rolled back) first."""
        for page in (self.check_page, self.run_page):
            if page.worker is not None and page.worker.worker_thread.isRunning():
                page.worker.cancel()
                page.worker.wait()
        super().reject()


class FilePage(QWizardPage):
    """Choose the file, what it holds, the school and a saved mapping."""

    def __init__(self, wizard: ImportWizard, path: str) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Bestand kiezen")
        self.setSubTitle(
            "Een export uit Magister, Somtoday, ParnasSys of een ander systeem (CSV of Excel)."
        )
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(path)
        self.path.setObjectName("importPath")
        self.path.setAccessibleName("Bestand")
        browse = QPushButton("&Bladeren…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        label = QLabel("&Bestand:")
        label.setBuddy(self.path)
        form.addRow(label, row)
        self.target = QComboBox()
        for target in TARGETS:
            self.target.addItem(TARGET_NAMES[target], target)
        form.addRow("&Wat staat erin:", self.target)
        self.school = QComboBox()
        self.school.addItem("(geen: leerlingen op BSN, of een kolom met de school)", None)
        for school in list_schools(wizard.desk):
            self.school.addItem(school.name, school.id)
        form.addRow("&School:", self.school)
        self.saved = QComboBox()
        self.saved.setObjectName("savedMapping")
        form.addRow("Opgeslagen &mapping:", self.saved)
        self.error = QLabel()
        self.error.setObjectName("fileError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        form.addRow(self.error)
        self.target.currentIndexChanged.connect(self._fill_saved)
        self.school.currentIndexChanged.connect(self._school_changed)
        self._fill_saved()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Export kiezen", str(start_folder()), FILE_FILTER
        )
        if chosen:
            self.path.setText(chosen)

    def _fill_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem("(nieuw: voorstel uit de kolomnamen)", None)
        for saved in list_mappings(self.wiz.desk, self.target.currentData()):
            school = f" — {saved.school_name}" if saved.school_name else ""
            self.saved.addItem(f"{saved.name}{school}", saved)

    def _school_changed(self) -> None:
        """Propose the school's own saved mapping."""
        school_id = self.wiz.school_id()
        for i in range(1, self.saved.count()):
            saved = self.saved.itemData(i)
            if saved is not None and saved.school_id == school_id:
                self.saved.setCurrentIndex(i)
                return

    def validatePage(self) -> bool:
        """Open the file; a Dutch message under the fields when it cannot be read."""
        text = self.path.text().strip()
        if not text:
            self.error.setText("Kies een bestand.")
            return False
        try:
            table = open_table(Path(text))
        except ImportFileError as exc:
            self.error.setText(exc.message)
            return False
        self.error.clear()
        self.wiz.table = table
        saved = self.saved.currentData()
        if saved is not None:
            self.wiz.mapping = saved.mapping
            self.wiz.saved_name = saved.name
        else:
            self.wiz.mapping = guess_mapping(table.header, self.target.currentData())
            self.wiz.saved_name = ""
        self.wiz.mapping.target = self.target.currentData()
        if self.wiz.school_id() is not None:
            self.wiz.mapping.school_id = self.wiz.school_id()
        return True


class PreviewPage(QWizardPage):
    """The first rows of the file as the desk reads them."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Voorbeeld")
        layout = QVBoxLayout(self)
        self.about = QLabel()
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        self.grid = QTableWidget()
        self.grid.setObjectName("previewTable")
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.grid)

    def initializePage(self) -> None:
        """Show the header and up to :data:`PREVIEW_ROWS` rows."""
        table = self.wiz.table
        if table is None:
            return
        rows = []
        for line, cells in table.rows():
            rows.append((line, cells))
            if len(rows) >= PREVIEW_ROWS:
                break
        if table.kind == "xlsx":
            kind = "Excel-werkmap"
        else:
            encoding = "UTF-8" if table.encoding.startswith("utf") else "Windows-1252"
            separator = {";": "puntkomma", ",": "komma", "\t": "tab"}[table.delimiter]
            kind = f"CSV, {encoding}, gescheiden door {separator}"
        system = {"magister": "Magister", "somtoday": "Somtoday", "parnassys": "ParnasSys"}.get(
            self.wiz.mapping.system, "onbekend systeem"
        )
        self.about.setText(
            f"{table.path.name}: {kind}; {len(table.header)} kolommen; lijkt op {system}. "
            f"De eerste {len(rows)} rijen:"
        )
        self.grid.clear()
        self.grid.setColumnCount(len(table.header))
        self.grid.setRowCount(len(rows))
        self.grid.setHorizontalHeaderLabels(table.header)
        self.grid.setVerticalHeaderLabels([str(line) for line, _ in rows])
        for r, (_line, cells) in enumerate(rows):
            for c, value in enumerate(cells[: len(table.header)]):
                self.grid.setItem(r, c, QTableWidgetItem(value))
        self.grid.resizeColumnsToContents()


class RunPage(QWizardPage):
    """Check (a dry run) or import, with a progress bar and Cancel; then the report."""

    def __init__(self, wizard: ImportWizard, *, dry_run: bool) -> None:
        super().__init__()
        self.wiz = wizard
        self.dry_run = dry_run
        self.worker: ImportWorker | None = None
        self.done = False
        self.setTitle("Controleren" if dry_run else "Importeren")
        self.setSubTitle(
            "Het bestand wordt gelezen en vergeleken; er wordt nog niets opgeslagen."
            if dry_run
            else "Alles in één keer: Annuleren laat het casusbestand zoals het was."
        )
        layout = QVBoxLayout(self)
        self.status = QLabel()
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton("&Stoppen")
        self.cancel_button.setObjectName("stopImport")
        self.cancel_button.clicked.connect(self._cancel)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.text = QPlainTextEdit()
        self.text.setObjectName("importReport")
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 2)
        self.unknown_label = QLabel(
            "Leerlingen die niet in het casusbestand staan — vink aan wie u wilt aanmaken:"
        )
        self.unknown = QListWidget()
        self.unknown.setObjectName("unknownPupils")
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.unknown, 1)
        self.unknown_label.setVisible(False)
        self.unknown.setVisible(False)

    def initializePage(self) -> None:
        """Start the work in the worker thread."""
        self.done = False
        self.text.clear()
        self.unknown.clear()
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        wiz = self.wiz
        path, mapping = wiz.table.path if wiz.table else Path(), wiz.mapping
        create = [] if self.dry_run else wiz.check_page.chosen_pupils()

        def job(progress: Any, cancel: Any) -> ImportReport:
            return run_import(
                wiz.desk,
                path,
                mapping,
                create=create,
                dry_run=self.dry_run,
                progress=progress,
                cancel=cancel,
                notify=False,  # views are told on the GUI thread, in _finished
            )

        self.worker = ImportWorker(job)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.status.setText("Bezig…")
        self.worker.start()

    def _progress(self, fraction: float, text: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        self.status.setText(text)

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("Stoppen… alle wijzigingen worden teruggedraaid.")

    def _finished(self, report: ImportReport) -> None:
        self.done = True
        self.cancel_button.setEnabled(False)
        self.bar.setValue(1000)
        if self.dry_run:
            self.wiz.check_report = report
            self.status.setText("Controle klaar. Kies Volgende om te importeren.")
        else:
            self.wiz.report = report
            self.status.setText(f"Klaar in {report.seconds:.1f} s.")
            report.publish(self.wiz.desk)
        lines = report.summary_lines()
        if report.not_found and not self.dry_run:
            lines += ["", "Niet gevonden leerlingen (hun rijen zijn niet geïmporteerd):"]
            lines += [
                f"{u.name or '(geen naam)'} — {u.key}, {u.rows} rijen (regel {u.first_line} e.v.)"
                for u in report.not_found
            ]
        if report.refused_count:
            lines += ["", "Geweigerde rijen:", *report.refused_lines()]
        self.text.setPlainText("\n".join(lines))
        if self.dry_run and report.not_found:
            self.unknown_label.setVisible(True)
            self.unknown.setVisible(True)
            for unknown in report.not_found:
                what = "leerlingnummer" if unknown.by == "pupil_number" else "BSN"
                born = f", geboren {unknown.birth_date:%d-%m-%Y}" if unknown.birth_date else ""
                item = QListWidgetItem(
                    f"{unknown.name or '(geen naam)'}{born} — {what} {unknown.key}, "
                    f"{unknown.rows} rijen"
                )
                item.setData(Qt.ItemDataRole.UserRole, unknown)
                if unknown.can_create:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                else:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setToolTip("Het bestand geeft geen naam en geboortedatum.")
                self.unknown.addItem(item)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.done = False
        self.cancel_button.setEnabled(False)
        if isinstance(exc, ImportCancelled):
            message = "Gestopt. Er is niets gewijzigd."
        elif isinstance(exc, ImportFileError):
            message = exc.message
        elif isinstance(exc, MappingError):
            message = "De mapping past niet: " + " ".join(exc.problems)
        else:
            message = f"De import is mislukt; er is niets gewijzigd. ({type(exc).__name__}: {exc})"
        self.status.setText(message)
        self.text.setPlainText(message)
        self.completeChanged.emit()

    def chosen_pupils(self) -> list[NewPupil]:
        """The unknown pupils ticked on the check page."""
        out = []
        for i in range(self.unknown.count()):
            item = self.unknown.item(i)
            unknown = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and unknown.birth_date is not None:
                out.append(
                    NewPupil(
                        unknown.key,
                        unknown.by,
                        unknown.first_name,
                        unknown.last_name,
                        unknown.birth_date,
                    )
                )
        return out

    def isComplete(self) -> bool:
        """Next/Close only once the work is done."""
        return self.done

    def cleanupPage(self) -> None:
        """Going back stops a running check."""
        if self.worker is not None and self.worker.worker_thread.isRunning():
            self.worker.cancel()
            self.worker.wait()

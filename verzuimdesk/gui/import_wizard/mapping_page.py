"""The wizard's mapping page: which column is what, the unit, and the file's kinds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from verzuimdesk.core.importing.mapping import ROLES, UNIT_NAMES, UNITS, Mapping
from verzuimdesk.core.tabular.dutch_values import DESK_KINDS, IGNORE, map_kind, normalise

if TYPE_CHECKING:
    from verzuimdesk.gui.import_wizard import ImportWizard

NONE = "(geen)"
KIND_LABELS = {
    "ongeoorloofd": "Ongeoorloofd",
    "luxe": "Luxe verzuim",
    "ziek": "Ziek",
    "te_laat": "Te laat",
    "geoorloofd": "Geoorloofd",
    "schorsing": "Schorsing",
    IGNORE: "Negeren (niet importeren)",
}
#: Rows read to collect the file's own kind values.
KIND_SAMPLE_ROWS = 20_000


class MappingPage(QWizardPage):
    """Map the columns, the unit and lesson length, and each kind value of the file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Kolommen en waarden koppelen")
        self.setSubTitle("Kies per gegeven de kolom van het bestand. Opgeslagen per school.")
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.columns_box = QGroupBox("Kolommen")
        self.form = QFormLayout(self.columns_box)
        left.addWidget(self.columns_box)
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem(UNIT_NAMES[unit], unit)
        self.lesson = QSpinBox()
        self.lesson.setRange(5, 120)
        self.lesson.setSuffix(" minuten")
        self.lesson.setAccessibleName("Lesduur")
        unit_box = QGroupBox("Hoeveelheid")
        unit_form = QFormLayout(unit_box)
        unit_form.addRow("&Eenheid:", self.unit)
        unit_form.addRow("&Lesduur:", self.lesson)
        left.addWidget(unit_box)
        self.save_name = QLineEdit()
        self.save_name.setPlaceholderText("bijv. Magister Het Lyceum")
        save_form = QFormLayout()
        save_form.addRow("Mapping op&slaan als:", self.save_name)
        left.addLayout(save_form)
        left.addStretch(1)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Soorten verzuim in het bestand:"))
        self.kinds = QTableWidget(0, 2)
        self.kinds.setObjectName("kindTable")
        self.kinds.setHorizontalHeaderLabels(["Waarde in het bestand", "Soort in VerzuimDesk"])
        self.kinds.horizontalHeader().setStretchLastSection(True)
        self.kinds.verticalHeader().hide()
        right.addWidget(self.kinds)
        self.problems = QLabel()
        self.problems.setObjectName("mappingProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a4262c;")
        right.addWidget(self.problems)
        layout.addLayout(right, 1)
        self.role_boxes: dict[str, QComboBox] = {}

    def initializePage(self) -> None:
        """Fill the column choices from the file and the proposed mapping."""
        mapping = self.wiz.mapping
        header = self.wiz.table.header if self.wiz.table else []
        while self.form.rowCount():
            self.form.removeRow(0)
        self.role_boxes = {}
        for role, label in ROLES[mapping.target].items():
            box = QComboBox()
            box.addItem(NONE, "")
            for name in header:
                box.addItem(name, name)
            chosen = mapping.columns.get(role, "")
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.setAccessibleName(label)
            box.currentIndexChanged.connect(self._kind_column_changed)
            self.role_boxes[role] = box
            self.form.addRow(f"{label}:", box)
        self.unit.setCurrentIndex(max(self.unit.findData(mapping.unit), 0))
        self.lesson.setValue(mapping.lesson_minutes)
        absences = mapping.target == "absences"
        for widget in (self.unit, self.lesson, self.kinds):
            widget.setEnabled(absences)
        self.save_name.setText(self.wiz.saved_name)
        self._fill_kinds()

    def _kind_column_changed(self) -> None:
        if self.sender() is self.role_boxes.get("kind"):
            self._fill_kinds()

    def _fill_kinds(self) -> None:
        """One row per distinct value of the kind column (of the first rows)."""
        self.kinds.setRowCount(0)
        box = self.role_boxes.get("kind")
        table = self.wiz.table
        if box is None or not box.currentData() or table is None:
            return
        column = table.header.index(box.currentData())
        values: dict[str, str] = {}
        for count, (_line, cells) in enumerate(table.rows()):
            if count >= KIND_SAMPLE_ROWS:
                break
            if column < len(cells) and cells[column].strip():
                values.setdefault(normalise(cells[column]), cells[column].strip())
        self.kinds.setRowCount(len(values))
        for row, (key, shown) in enumerate(sorted(values.items())):
            item = QTableWidgetItem(shown)
            item.setData(256, key)
            self.kinds.setItem(row, 0, item)
            choice = QComboBox()
            choice.addItem("— kies —", "")
            for kind in (*DESK_KINDS, IGNORE):
                choice.addItem(KIND_LABELS[kind], kind)
            current = map_kind(shown, self.wiz.mapping.kinds) or ""
            choice.setCurrentIndex(max(choice.findData(current), 0))
            self.kinds.setCellWidget(row, 1, choice)
        self.kinds.resizeColumnToContents(0)

    def mapping(self) -> Mapping:
        """The mapping as the page shows it."""
        base = self.wiz.mapping
        mapping = Mapping(
            target=base.target,
            columns={r: b.currentData() for r, b in self.role_boxes.items() if b.currentData()},
            unit=self.unit.currentData(),
            lesson_minutes=self.lesson.value(),
            kinds=dict(base.kinds),
            school_id=self.wiz.school_id(),
            system=base.system,
        )
        for row in range(self.kinds.rowCount()):
            item = self.kinds.item(row, 0)
            if item is None:
                continue
            key = item.data(256)
            choice = self.kinds.cellWidget(row, 1)
            if isinstance(choice, QComboBox) and choice.currentData():
                mapping.kinds[key] = choice.currentData()
        return mapping

    def validatePage(self) -> bool:
        """Refuse a mapping that does not fit the file; save it when named."""
        mapping = self.mapping()
        problems = mapping.problems(self.wiz.table.header if self.wiz.table else [])
        if (
            mapping.target == "absences"
            and ("pupil_number" in mapping.columns and mapping.school_id is None)
            and "bsn" not in mapping.columns
        ):
            problems.append("Kies op de eerste pagina de school: leerlingnummers zijn per school.")
        if problems:
            self.problems.setText("\n".join(problems))
            return False
        self.problems.clear()
        self.wiz.mapping = mapping
        self.wiz.saved_name = self.save_name.text().strip()
        return self.wiz.save_mapping_if_named()

"""The pupil dialog: personal details on the left, the legal data on the right.

The legal data (rules.md §7–§8) is what the rules read: the *woongemeente* (routes and the
LPA/JES variants follow it), the enrolments over time, the exemptions with their dates and
the startkwalificatie. Everything is saved in one transaction by ``pupils.create_pupil`` /
``pupils.update_pupil``; each Dutch message appears under the field it is about.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import history, pupils
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.gui import conflict_dialog
from verzuimdesk.gui.date_field import DateField
from verzuimdesk.gui.dialogs import ValidatingDialog, date_edit, field_with_error, optional_date
from verzuimdesk.gui.formatting import to_qdate
from verzuimdesk.gui.legal_rows import EnrolmentsEditor, ExemptionsEditor

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["OTHER_MUNICIPALITY", "PupilDialog"]

#: The last choice of the woongemeente list: a municipality outside the region, typed in.
OTHER_MUNICIPALITY = "anders"


class PupilDialog(ValidatingDialog):
    """New pupil (or edit one): names, birth date, BSN, address, parents, and the legal data."""

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, pupil_id: int | None = None
    ) -> None:
        super().__init__("Leerling bewerken" if pupil_id else "Nieuwe leerling", parent)
        self.desk, self.pupil_id = desk, pupil_id
        now = today(desk)
        self.first_name = self.add_field("first_name", "Voornaam", QLineEdit())
        self.last_name = self.add_field("last_name", "Achternaam", QLineEdit())
        self.birth_date = self.add_field(
            "birth_date", "Geboortedatum", date_edit(dt.date(now.year - 12, 1, 1))
        )
        self.bsn = self.add_field("bsn", "BSN (optioneel)", QLineEdit())
        self.bsn.setPlaceholderText("9 cijfers")
        self.street = self.add_field("street", "Adres", QLineEdit())
        self.postcode = self.add_field("postcode", "Postcode", QLineEdit())
        self.city = self.add_field("city", "Woonplaats", QLineEdit())
        self.parent_name = self.add_field("parent_name", "Ouder/verzorger", QLineEdit())
        self.parent_phone = self.add_field("parent_phone", "Telefoon ouder", QLineEdit())
        self.parent_email = self.add_field("parent_email", "E-mail ouder", QLineEdit())
        self._build_legal_column(now)
        self.ok_button.setText("Toevoegen")
        self._loaded: pupils.PupilData | None = None
        if pupil_id is not None:
            self.ok_button.setText("Opslaan")
            self._load(pupils.pupil_data(desk, pupil_id))
            history.audit_read(desk, "pupil", pupil_id)  # NEN 7513: reading is logged
        self._initial = self.data()

    # ------------------------------------------------------------------ layout

    def _build_legal_column(self, now: dt.date) -> None:
        """Put the personal form and a *Leerplicht* group side by side."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeItem(self.form)
        columns = QHBoxLayout()
        personal = QGroupBox("Persoonsgegevens", self)
        personal.setLayout(self.form)
        columns.addWidget(personal, 2)
        legal = QGroupBox("Leerplicht", self)
        self.legal_form = QFormLayout(legal)
        self.legal_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        columns.addWidget(legal, 3)
        layout.insertLayout(0, columns)

        self.municipality = QComboBox()
        self.municipality.addItem("— onbekend —", None)
        region = self.desk.registry.region(self.desk.region_id)
        for name in region.municipalities:
            self.municipality.addItem(name, name)
        self.municipality.addItem("anders, namelijk…", OTHER_MUNICIPALITY)
        self.other_municipality = QLineEdit()
        self.other_municipality.setPlaceholderText("gemeente buiten de regio")
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.municipality, 1)
        row_layout.addWidget(self.other_municipality, 1)
        self.municipality.currentIndexChanged.connect(lambda *_: self._other_visible())
        self._other_visible()
        self._add_legal("municipality", "Woongemeente", row, self.municipality)
        self.municipality.setToolTip(
            "De route en de gemeentelijke varianten volgen de woongemeente, niet de school."
        )
        self.startkwalificatie = date_edit(optional=True)
        self._add_legal(
            "startkwalificatie_on", "Startkwalificatie behaald op", self.startkwalificatie
        )
        self.enrolments = EnrolmentsEditor(pupils.list_schools(self.desk), now)
        self._add_legal("enrolments", "Inschrijvingen", self.enrolments, self.enrolments.add_button)
        self.exemptions = ExemptionsEditor(now)
        self._add_legal("exemptions", "Vrijstellingen", self.exemptions, self.exemptions.add_button)
        self.objects = QCheckBox("reden van verzuim niet delen met de ouders (leerling 16+)")
        self._add_legal("objects_to_parent_sharing", "Bezwaar", self.objects)
        self.setMinimumWidth(1200)

    def showEvent(self, event: Any) -> None:
        """Open wide enough for the rows' choices and dates (a top-level may start narrower
        than its layout needs)."""
        self.resize(max(self.width(), self.sizeHint().width()), self.height())
        super().showEvent(event)

    def _add_legal(
        self, key: str, label: str, widget: QWidget, focus: QWidget | None = None
    ) -> None:
        box, self.errors[key] = field_with_error(widget)
        self.legal_form.addRow(label, box)
        self._fields.append(focus or widget)
        if isinstance(widget, DateField):
            self._date_fields[key] = widget  # a wrong typed date is named before saving

    def _other_visible(self) -> None:
        other = self.municipality.currentData() == OTHER_MUNICIPALITY
        self.other_municipality.setVisible(other)
        if other:
            self.other_municipality.setFocus()

    # ------------------------------------------------------------------ data

    def _load(self, data: pupils.PupilData) -> None:
        self._loaded = data
        self.first_name.setText(data.first_name)
        self.last_name.setText(data.last_name)
        if data.birth_date:
            self.birth_date.setDate(to_qdate(data.birth_date))
        self.bsn.setText(data.bsn or "")
        for key in ("street", "postcode", "city", "parent_name", "parent_phone", "parent_email"):
            getattr(self, key).setText(getattr(data, key) or "")
        self.set_municipality(data.municipality)
        if data.startkwalificatie_on:
            self.startkwalificatie.setDate(to_qdate(data.startkwalificatie_on))
        self.enrolments.set_items(data.enrolments or ())
        self.exemptions.set_items(data.exemptions or ())
        self.objects.setChecked(data.objects_to_parent_sharing)

    def set_municipality(self, name: str | None) -> None:
        """Choose ``name`` in the woongemeente list, or *anders* with the name typed in."""
        index = self.municipality.findData(name) if name else 0
        if index < 0:
            self.municipality.setCurrentIndex(self.municipality.findData(OTHER_MUNICIPALITY))
            self.other_municipality.setText(name or "")
        else:
            self.municipality.setCurrentIndex(index)

    def municipality_value(self) -> str | None:
        """The chosen woongemeente (the typed name after *anders*; None when unknown)."""
        choice = self.municipality.currentData()
        if choice == OTHER_MUNICIPALITY:
            return self.other_municipality.text().strip() or None
        return str(choice) if choice else None

    def has_unsaved_input(self) -> bool:
        """True when a field differs from what the dialog opened with."""
        return self.data() != self._initial

    def data(self) -> pupils.PupilData:
        """The entered values (fields the dialog does not show keep their stored value)."""
        entered = self._entered()
        if self._loaded is None:
            return pupils.PupilData(**entered)
        return dataclasses.replace(self._loaded, **entered)

    def _entered(self) -> dict[str, Any]:
        return dict(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            birth_date=optional_date(self.birth_date),
            bsn=self.bsn.text(),
            street=self.street.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            parent_name=self.parent_name.text(),
            parent_phone=self.parent_phone.text(),
            parent_email=self.parent_email.text(),
            municipality=self.municipality_value(),
            startkwalificatie_on=optional_date(self.startkwalificatie),
            enrolments=self.enrolments.items(),
            exemptions=self.exemptions.items(),
            objects_to_parent_sharing=self.objects.isChecked(),
        )

    def save(self) -> int:
        """Create or update the pupil through the services."""
        if self.pupil_id is None:
            return pupils.create_pupil(self.desk, self.data())
        try:
            pupils.update_pupil(self.desk, self.pupil_id, self.data())
        except pupils.ConflictError as conflict:
            return self._resolve(conflict)
        return self.pupil_id

    def _resolve(self, conflict: pupils.ConflictError) -> int:
        """A colleague saved this pupil meanwhile: keep mine (save again) or take theirs."""
        choice = conflict_dialog.ask(conflict, self)
        assert self.pupil_id is not None and self._loaded is not None
        if choice == conflict_dialog.KEEP_MINE:
            data = dataclasses.replace(self.data(), version=conflict.their_version)
            pupils.update_pupil(self.desk, self.pupil_id, data)
            return self.pupil_id
        if choice == conflict_dialog.TAKE_THEIRS:
            self._load(pupils.pupil_data(self.desk, self.pupil_id))
            message = "De versie van uw collega staat nu in het formulier; niets opgeslagen."
        else:
            message = "Niet opgeslagen: een collega heeft deze leerling intussen gewijzigd."
        raise ValidationError({"_conflict": message})

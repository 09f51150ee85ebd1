"""Adding or changing a school's contact person (name, role, phone, e-mail)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from verzuimdesk.core.services import school_contacts
from verzuimdesk.core.services.school_contacts import ContactData, ContactItem
from verzuimdesk.gui.dialogs import ValidatingDialog

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


class ContactDialog(ValidatingDialog):
    """A contact person: checked by the service, each Dutch message under its field."""

    def __init__(
        self,
        desk: Desk,
        school_id: int,
        contact: ContactItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Contactpersoon wijzigen" if contact else "Contactpersoon toevoegen", parent
        )
        self.desk, self.school_id, self.contact = desk, school_id, contact
        self.name = self.add_field("name", "&Naam", QLineEdit())
        self.role = self.add_field("role", "&Functie", QComboBox())
        self.role.setEditable(True)
        self.role.addItems(list(school_contacts.CONTACT_ROLES))
        self.role.setCurrentText("")
        self.phone = self.add_field("phone", "&Telefoon", QLineEdit())
        self.phone.setPlaceholderText("070 123 4567")
        self.email = self.add_field("email", "&E-mail", QLineEdit())
        self.email.setPlaceholderText("naam@school.nl")
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setCurrentText(contact.role)
            self.phone.setText(contact.phone)
            self.email.setText(contact.email)
        # Wide enough for the longest message (the phone number's) on one line.
        self.setMinimumWidth(600)
        self._initial = self._data()

    def _data(self) -> ContactData:
        return ContactData(
            self.name.text(), self.role.currentText(), self.phone.text(), self.email.text()
        )

    def has_unsaved_input(self) -> bool:
        """True when something was typed."""
        return self._data() != self._initial

    def save(self) -> int:
        """Add or update through the service (raises ValidationError with Dutch messages)."""
        if self.contact is None:
            return school_contacts.add_contact(self.desk, self.school_id, self._data())
        school_contacts.update_contact(self.desk, self.contact.id, self._data())
        return self.contact.id

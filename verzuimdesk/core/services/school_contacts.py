"""A school's contact persons: add, change, remove (and bring back), list.

Several per school, each with name, role, phone and e-mail, checked by
:mod:`verzuimdesk.core.validation` (the same rules as every other phone number and
e-mail address in the desk). One function per user action, one transaction each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from verzuimdesk.core.models import School
from verzuimdesk.core.models_round import SchoolContact
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.errors import NotFoundError, ValidationError
from verzuimdesk.core.validation import check_email, check_phone, clean

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Roles offered in the contact dialog (free text is allowed too).
CONTACT_ROLES: tuple[str, ...] = (
    "Zorgcoördinator",
    "Verzuimcoördinator",
    "Ondersteuningscoördinator",
    "Mentor",
    "Teamleider",
    "Directeur",
    "Intern begeleider",
    "Contactpersoon",
)


@dataclass(frozen=True)
class ContactData:
    """What the user enters for a contact person."""

    name: str
    role: str = ""
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ContactItem:
    """A contact person of a school, as the views show it."""

    id: int
    school_id: int
    name: str
    role: str
    phone: str
    email: str
    position: int

    @property
    def data(self) -> ContactData:
        """The contact as editable data."""
        return ContactData(self.name, self.role, self.phone or None, self.email or None)


def validate_contact(data: ContactData) -> dict[str, str | None]:
    """Check a contact; the column values, or :class:`ValidationError` (Dutch, per field).

    A name is required, and a phone number or an e-mail address to reach the person by.
    """
    errors: dict[str, str] = {}
    name = clean(data.name)
    if not name:
        errors["name"] = "Vul de naam van de contactpersoon in."
    elif len(name) > 200:
        errors["name"] = "De naam is te lang (hoogstens 200 tekens)."
    role = clean(data.role) or ""
    if len(role) > 100:
        errors["role"] = "De functie is te lang (hoogstens 100 tekens)."
    phone, error = check_phone(data.phone)
    if error:
        errors["phone"] = error
    email, error = check_email(data.email)
    if error:
        errors["email"] = error
    if not errors and phone is None and email is None:
        errors["phone"] = "Vul een telefoonnummer of een e-mailadres in."
    if errors:
        raise ValidationError(errors)
    return {"name": name, "role": role, "phone": phone, "email": email}


def _item(contact: SchoolContact) -> ContactItem:
    return ContactItem(
        contact.id,
        contact.school_id,
        contact.name,
        contact.role or "",
        contact.phone or "",
        contact.email or "",
        contact.position,
    )


def list_contacts(desk: Desk, school_id: int) -> list[ContactItem]:
    """The school's contact persons in their order."""
    with desk.case_base.sessions() as session:
        rows = session.scalars(
            select(SchoolContact)
            .where(SchoolContact.school_id == school_id)
            .order_by(SchoolContact.position, SchoolContact.id)
        ).all()
        return [_item(c) for c in rows]


def contacts_by_school(desk: Desk) -> dict[int, list[ContactItem]]:
    """Every school's contact persons (one query, for the Scholen tab)."""
    with desk.case_base.sessions() as session:
        rows = session.scalars(
            select(SchoolContact).order_by(
                SchoolContact.school_id, SchoolContact.position, SchoolContact.id
            )
        ).all()
        out: dict[int, list[ContactItem]] = {}
        for contact in rows:
            out.setdefault(contact.school_id, []).append(_item(contact))
        return out


def add_contact(
    desk: Desk, school_id: int, data: ContactData, *, position: int | None = None
) -> int:
    """Add a contact person to a school (last, or at ``position``); returns its id."""
    values = validate_contact(data)
    with desk.case_base.transaction(desk.user) as session:
        if session.get(School, school_id) is None:
            raise NotFoundError("Deze school bestaat niet meer.")
        if position is None:
            last = session.scalar(
                select(func.max(SchoolContact.position)).where(
                    SchoolContact.school_id == school_id
                )
            )
            position = 0 if last is None else last + 1
        contact = SchoolContact(school_id=school_id, position=position, **values)
        session.add(contact)
        session.flush()
        contact_id = contact.id
    changes.publish(desk, "school", case_ids=())
    return contact_id


def update_contact(desk: Desk, contact_id: int, data: ContactData) -> None:
    """Change a contact person's details."""
    values = validate_contact(data)
    with desk.case_base.transaction(desk.user) as session:
        contact = session.get(SchoolContact, contact_id)
        if contact is None:
            raise NotFoundError("Deze contactpersoon bestaat niet meer.")
        for key, value in values.items():
            setattr(contact, key, value)
    changes.publish(desk, "school", case_ids=())


def delete_contact(desk: Desk, contact_id: int) -> ContactItem:
    """Remove a contact person; returns what was removed (to bring it back with undo)."""
    with desk.case_base.transaction(desk.user) as session:
        contact = session.get(SchoolContact, contact_id)
        if contact is None:
            raise NotFoundError("Deze contactpersoon bestaat niet meer.")
        item = _item(contact)
        session.delete(contact)
    changes.publish(desk, "school", case_ids=())
    return item


def restore_contact(desk: Desk, item: ContactItem) -> int:
    """Bring back a removed contact person at its old place; returns the new id."""
    return add_contact(desk, item.school_id, item.data, position=item.position)

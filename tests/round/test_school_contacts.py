"""A school's contact persons: Dutch validation, several per school, the migration's copy."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import select

from verzuimdesk.core import db, migrate
from verzuimdesk.core.demo_contacts import contact_rows
from verzuimdesk.core.models import School
from verzuimdesk.core.models_round import SchoolContact
from verzuimdesk.core.services import pupils
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.core.services.school_contacts import (
    ContactData,
    add_contact,
    delete_contact,
    list_contacts,
    restore_contact,
    update_contact,
)
from verzuimdesk.core.validation import check_email, check_phone


def test_contacts_are_checked_with_dutch_messages(desk: Any) -> None:
    school = pupils.create_school(desk, pupils.SchoolData("Het Baken", "VO", "midden"))
    with pytest.raises(ValidationError) as refused:
        add_contact(desk, school, ContactData("", "Mentor", "12345", "jan@school.n1"))
    assert refused.value.errors == {
        "name": "Vul de naam van de contactpersoon in.",
        "phone": "Vul een geldig telefoonnummer in, bijvoorbeeld 070 123 4567 of +32 2 123 45 67.",
        "email": "Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.",
    }
    with pytest.raises(ValidationError) as refused:
        add_contact(desk, school, ContactData("Karin Smit", "Zorgcoördinator"))
    assert refused.value.errors == {"phone": "Vul een telefoonnummer of een e-mailadres in."}


def test_several_contacts_per_school_edited_removed_and_restored(desk: Any) -> None:
    school = pupils.create_school(desk, pupils.SchoolData("Het Baken", "VO", "midden"))
    first = add_contact(desk, school, ContactData("Karin Smit", "Zorgcoördinator", "0701234567"))
    add_contact(desk, school, ContactData("Ali Öztürk", "Verzuimcoördinator", None, "a@b.nl"))
    update_contact(desk, first, ContactData("Karin Smit-de Vries", "Zorgcoördinator", "0701234567"))
    assert [(c.name, c.position) for c in list_contacts(desk, school)] == [
        ("Karin Smit-de Vries", 0),
        ("Ali Öztürk", 1),
    ]
    removed = delete_contact(desk, first)
    assert [c.name for c in list_contacts(desk, school)] == ["Ali Öztürk"]
    restore_contact(desk, removed)
    assert [c.name for c in list_contacts(desk, school)] == ["Karin Smit-de Vries", "Ali Öztürk"]


def test_migration_0006_makes_the_schools_one_contact_its_first_contact_person(
    empty_db_url: str,
) -> None:
    engine = db.make_engine(empty_db_url)
    migrate.upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            School.__table__.insert(),
            [
                {"name": "Met contact", "sector": "VO", "vacation_region": "midden",
                 "goede_vrijdag_free": False, "bevrijdingsdag_free": False,
                 "explicit_calendar": False, "contact_name": "Karin Smit",
                 "contact_phone": "070 123 4567", "contact_email": "k@baken.nl"},
                {"name": "Zonder", "sector": "PO", "vacation_region": "zuid",
                 "goede_vrijdag_free": False, "bevrijdingsdag_free": False,
                 "explicit_calendar": False, "contact_name": None, "contact_phone": None,
                 "contact_email": None},
            ],
        )  # fmt: skip
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            select(SchoolContact.name, SchoolContact.role, SchoolContact.phone, SchoolContact.email)
        ).all()
    assert rows == [("Karin Smit", "Contactpersoon", "070 123 4567", "k@baken.nl")]
    engine.dispose()


def test_demo_contacts_are_valid_and_one_to_three_per_school() -> None:
    schools = [
        {"name": f"School {i}", "sector": ("PO", "VO")[i % 2], "contact_name": None}
        for i in range(20)
    ]
    rows = contact_rows(schools, random.Random(7))
    per_school = {i + 1: 0 for i in range(20)}
    for row in rows:
        per_school[row["school_id"]] += 1
        assert check_phone(row["phone"])[1] is None and check_email(row["email"])[1] is None
        assert row["email"].endswith(".example.nl")
    assert set(per_school.values()) <= {1, 2, 3} and min(per_school.values()) >= 1

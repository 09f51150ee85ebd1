"""Synthetic contact persons for the demo schools (issue 10: a round can be tried on the demo).

Every demo school gets one to three contact persons with roles that fit its sector, a
Dutch phone number and an ``example.nl`` e-mail address (never a real domain). The first is
the school's own contact (``school.contact_name``) when it has one. Called by
:mod:`verzuimdesk.core.demo` right after the schools are written.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from faker import Faker
from sqlalchemy import insert
from sqlalchemy.engine import Connection

from verzuimdesk.core.models_round import SchoolContact

#: Roles per sector, the most likely first.
ROLES: dict[str, tuple[str, ...]] = {
    "PO": ("Intern begeleider", "Directeur", "Leerkracht"),
    "VO": ("Zorgcoördinator", "Verzuimcoördinator", "Teamleider"),
    "MBO": ("Verzuimcoördinator", "Loopbaanbegeleider", "Teamleider"),
}
#: Area codes of the phone numbers (Den Haag, Amsterdam, Haarlem, Rotterdam, Utrecht, ...).
AREA_CODES = ("070", "020", "023", "010", "030", "036", "071", "079")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower()) or "school"


def contact_rows(schools: Sequence[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """The contact rows of ``schools`` (demo school rows; school ``i`` has id ``i + 1``)."""
    fake = Faker("nl_NL")
    fake.seed_instance(rng.randrange(1 << 30))
    rows: list[dict[str, Any]] = []
    for index, school in enumerate(schools):
        roles = ROLES.get(str(school.get("sector")), ROLES["VO"])
        domain = f"{_slug(str(school.get('name', 'school')))}.example.nl"
        for position in range(rng.randint(1, 3)):
            name = school.get("contact_name") if position == 0 else None
            name = str(name or fake.name())
            first = _slug(name.split()[0])
            rows.append(
                {
                    "school_id": index + 1,
                    "name": name,
                    "role": roles[position % len(roles)],
                    "phone": f"{rng.choice(AREA_CODES)} {rng.randint(100, 999)} "
                    f"{rng.randint(1000, 9999)}",
                    "email": f"{first}.{position + 1}@{domain}",
                    "position": position,
                }
            )
    return rows


def write_demo_contacts(
    conn: Connection, schools: Sequence[dict[str, Any]], rng: random.Random
) -> int:
    """Insert 1–3 contact persons per demo school; returns how many."""
    rows = contact_rows(schools, rng)
    if rows:
        conn.execute(insert(SchoolContact), rows)
    return len(rows)

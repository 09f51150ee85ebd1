"""Services for pupils: create, update and find them, with Dutch validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, Pupil, School
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import (
    age_on,
    check_bsn,
    check_email,
    check_phone,
    check_postcode,
    clean,
    today,
)
from verzuimdesk.core.services.errors import NotFoundError, ValidationError
from verzuimdesk.core.services.schools import SchoolData, create_school, update_school

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "EXEMPTIONS",
    "MAX_AGE",
    "MIN_AGE",
    "PupilChoice",
    "PupilData",
    "SchoolChoice",
    # A new school is made from the pupil dialog, so the pupil services offer it too.
    "SchoolData",
    "create_pupil",
    "create_school",
    "list_schools",
    "pupil_data",
    "search_pupils",
    "update_pupil",
    "update_school",
]

#: Exemption articles (rules.md §7).
EXEMPTIONS = ("5a", "5b", "5c")
#: Youngest and oldest plausible age of a pupil in a case (leerplicht 5 to 18, some slack).
MIN_AGE, MAX_AGE = 3, 23


@dataclass
class PupilData:
    """What the user enters for a pupil (see :class:`verzuimdesk.core.models.Pupil`)."""

    first_name: str
    last_name: str
    birth_date: dt.date | None
    school_id: int | None = None
    bsn: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    parent_name: str | None = None
    parent_phone: str | None = None
    parent_email: str | None = None
    enrolled_from: dt.date | None = None
    enrolled_until: dt.date | None = None
    exemption: str | None = None


def _validate_pupil(
    desk: Desk, session: Session, data: PupilData, pupil_id: int | None
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    values["first_name"] = clean(data.first_name)
    if not values["first_name"]:
        errors["first_name"] = "Vul de voornaam in."
    values["last_name"] = clean(data.last_name)
    if not values["last_name"]:
        errors["last_name"] = "Vul de achternaam in."
    now = today(desk)
    if data.birth_date is None:
        errors["birth_date"] = "Vul de geboortedatum in."
    elif data.birth_date > now:
        errors["birth_date"] = "De geboortedatum ligt in de toekomst."
    elif not MIN_AGE <= age_on(data.birth_date, now) <= MAX_AGE:
        errors["birth_date"] = (
            f"Een leerling is tussen {MIN_AGE} en {MAX_AGE} jaar oud; controleer de geboortedatum."
        )
    values["birth_date"] = data.birth_date
    values["bsn"], err = check_bsn(data.bsn)
    if err:
        errors["bsn"] = err
    elif values["bsn"]:
        other = session.scalar(select(Pupil.id).where(Pupil.bsn == values["bsn"]))
        if other is not None and other != pupil_id:
            errors["bsn"] = "Er is al een leerling met dit BSN."
    values["postcode"], err = check_postcode(data.postcode)
    if err:
        errors["postcode"] = err
    values["parent_phone"], err = check_phone(data.parent_phone)
    if err:
        errors["parent_phone"] = err
    values["parent_email"], err = check_email(data.parent_email)
    if err:
        errors["parent_email"] = err
    for key in ("street", "city", "parent_name"):
        values[key] = clean(getattr(data, key))
    if data.school_id is not None and session.get(School, data.school_id) is None:
        errors["school_id"] = "Deze school bestaat niet (meer)."
    values["school_id"] = data.school_id
    values["enrolled_from"] = data.enrolled_from
    values["enrolled_until"] = data.enrolled_until
    if data.enrolled_from and data.enrolled_until and data.enrolled_until < data.enrolled_from:
        errors["enrolled_until"] = "De uitschrijfdatum ligt vóór de inschrijfdatum."
    if data.exemption is not None and data.exemption not in EXEMPTIONS:
        errors["exemption"] = "Kies vrijstelling 5a, 5b of 5c."
    values["exemption"] = data.exemption
    if errors:
        raise ValidationError(errors)
    return values


def create_pupil(desk: Desk, data: PupilData) -> int:
    """Create a pupil; returns the new id. Raises :class:`ValidationError` (Dutch)."""
    with desk.case_base.transaction(desk.user) as session:
        values = _validate_pupil(desk, session, data, None)
        pupil = Pupil(**values)
        session.add(pupil)
        session.flush()
        pupil_id = pupil.id
    changes.publish(desk, "pupil", case_ids=(), pupil_ids=(pupil_id,))
    return pupil_id


def update_pupil(desk: Desk, pupil_id: int, data: PupilData) -> None:
    """Change a pupil's details. Raises :class:`ValidationError` / :class:`NotFoundError`."""
    with desk.case_base.transaction(desk.user) as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        values = _validate_pupil(desk, session, data, pupil_id)
        school_changed = values["school_id"] != pupil.school_id
        for key, value in values.items():
            setattr(pupil, key, value)
        case_ids = list(session.scalars(select(Case.id).where(Case.pupil_id == pupil_id)))
    if school_changed:
        from verzuimdesk.core.services import absences

        absences.recompute_signals(desk, pupil_id)
    changes.publish(desk, "pupil", case_ids=case_ids, pupil_ids=(pupil_id,))


def pupil_data(desk: Desk, pupil_id: int) -> PupilData:
    """Return a pupil's details as :class:`PupilData` (to edit them)."""
    with desk.case_base.sessions() as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        return PupilData(**{f.name: getattr(pupil, f.name) for f in fields(PupilData)})


@dataclass(frozen=True)
class PupilChoice:
    """A pupil in a pick list: id, name, birth date and school."""

    id: int
    name: str
    birth_date: dt.date
    school_name: str
    open_case_number: str | None


def search_pupils(desk: Desk, text: str, limit: int = 50) -> list[PupilChoice]:
    """Pupils whose name contains ``text`` (for the new-case dialog), with any open case."""
    pattern = f"%{text.strip()}%"
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(Pupil.id, Pupil.first_name, Pupil.last_name, Pupil.birth_date, School.name)
            .outerjoin(School, School.id == Pupil.school_id)
            .where(
                (Pupil.last_name + " " + Pupil.first_name).ilike(pattern)
                | (Pupil.first_name + " " + Pupil.last_name).ilike(pattern)
            )
            .order_by(Pupil.last_name, Pupil.first_name)
            .limit(limit)
        ).all()
        ids = [row[0] for row in rows]
        open_cases = dict(
            session.execute(
                select(Case.pupil_id, Case.number).where(
                    Case.pupil_id.in_(ids), Case.closed_on.is_(None)
                )
            ).all()
        )
    return [
        PupilChoice(pid, f"{first} {last}", born, school or "", open_cases.get(pid))
        for pid, first, last, born, school in rows
    ]


@dataclass(frozen=True)
class SchoolChoice:
    """A school in a pick list."""

    id: int
    name: str
    sector: str
    municipality: str


def list_schools(desk: Desk) -> list[SchoolChoice]:
    """Every school, by name."""
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(School.id, School.name, School.sector, School.municipality).order_by(School.name)
        ).all()
    return [SchoolChoice(i, n, s, m or "") for i, n, s, m in rows]

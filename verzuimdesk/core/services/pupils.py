"""Services for pupils: create, update and find them, with Dutch validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from verzuimdesk.core.models import Case, Enrolment, Pupil, School
from verzuimdesk.core.rules.leerplicht import leerplicht_start
from verzuimdesk.core.services import absences, changes, legal_data
from verzuimdesk.core.services.common import (
    age_on,
    check_bsn,
    check_email,
    check_phone,
    check_postcode,
    clean,
    today,
)
from verzuimdesk.core.services.conflicts import ConflictError, last_change, show, stale_as_conflict
from verzuimdesk.core.services.errors import NotFoundError, ValidationError
from verzuimdesk.core.services.legal_data import EnrolmentData, ExemptionData
from verzuimdesk.core.services.schools import SchoolData, create_school, update_school

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "MAX_AGE",
    "MIN_AGE",
    "ConflictError",
    "EnrolmentData",
    "ExemptionData",
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
    #: Woongemeente: routes and the municipality variants of the ladder follow it.
    municipality: str | None = None
    #: Date a startkwalificatie was obtained (ends kwalificatieplicht).
    startkwalificatie_on: dt.date | None = None
    #: The enrolments over time; None leaves them as they are, and then ``school_id``
    #: (the current school) is a shorthand: a new pupil is enrolled there from the start of
    #: leerplicht, an existing pupil changes school as of today.
    enrolments: tuple[EnrolmentData, ...] | None = None
    #: The exemptions (art. 5a/5b/5c, 15, 11g) with their dates; None leaves them as they are.
    exemptions: tuple[ExemptionData, ...] | None = None
    #: The pupil (16 or older) objects to the reason for absence being shared with the parents.
    objects_to_parent_sharing: bool = False
    #: The record version the form was loaded with (``pupil_data``): a save refuses with a
    #: :class:`ConflictError` when a colleague saved in between. None: no check (import, CLI).
    version: int | None = None


#: Dutch labels of the fields a conflict shows, in form order.
PUPIL_LABELS: dict[str, str] = {
    "first_name": "Voornaam",
    "last_name": "Achternaam",
    "birth_date": "Geboortedatum",
    "bsn": "BSN",
    "street": "Straat en huisnummer",
    "postcode": "Postcode",
    "city": "Plaats",
    "municipality": "Woongemeente",
    "parent_name": "Ouder/verzorger",
    "parent_phone": "Telefoon ouder",
    "parent_email": "E-mail ouder",
    "startkwalificatie_on": "Startkwalificatie behaald op",
    "objects_to_parent_sharing": "Bezwaar tegen delen reden verzuim met ouders",
    "enrolments": "Inschrijvingen",
    "exemptions": "Vrijstellingen",
}
#: From this age a pupil may object to sharing the reason for absence with the parents.
OBJECTION_AGE = 16


def _shown(data: PupilData, schools: dict[int, str]) -> dict[str, str]:
    """The conflict-dialog view of ``data`` (the fields of :data:`PUPIL_LABELS`)."""
    shown = {key: show(getattr(data, key)) for key in PUPIL_LABELS if key not in _LEGAL_FIELDS}
    shown["enrolments"] = "; ".join(
        f"{schools.get(e.school_id or 0, 'onbekende school')} {show(e.start)}–{show(e.end)}"
        for e in data.enrolments or ()
    )
    shown["exemptions"] = "; ".join(
        f"{e.kind} {show(e.start)}–{show(e.end)}" for e in data.exemptions or ()
    )
    return shown


def _conflict(desk: Desk, pupil_id: int, data: PupilData) -> ConflictError:
    """The conflict of saving ``data`` over what is stored now."""
    stored = pupil_data(desk, pupil_id)
    schools = {choice.id: choice.name for choice in list_schools(desk)}
    mine = _shown(data, schools)
    theirs = _shown(stored, schools)
    if data.enrolments is None:
        mine["enrolments"] = theirs["enrolments"]
    if data.exemptions is None:
        mine["exemptions"] = theirs["exemptions"]
    who, when = last_change(desk, "pupil", pupil_id)
    return ConflictError(
        "deze leerling",
        mine=mine,
        theirs=theirs,
        labels=PUPIL_LABELS,
        their_version=stored.version or 0,
        changed_by=who,
        changed_at=when,
    )


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
    values["municipality"] = clean(data.municipality)
    values["objects_to_parent_sharing"] = bool(data.objects_to_parent_sharing)
    if (
        data.objects_to_parent_sharing
        and data.birth_date is not None
        and age_on(data.birth_date, now) < OBJECTION_AGE
    ):
        errors["objects_to_parent_sharing"] = (
            f"Alleen een leerling van {OBJECTION_AGE} jaar of ouder kan hiertegen bezwaar maken."
        )
    values["startkwalificatie_on"] = data.startkwalificatie_on
    if data.startkwalificatie_on is not None:
        if data.birth_date is not None and data.startkwalificatie_on <= data.birth_date:
            errors["startkwalificatie_on"] = "De startkwalificatie ligt vóór de geboortedatum."
        elif data.startkwalificatie_on > now:
            errors["startkwalificatie_on"] = "De startkwalificatie ligt in de toekomst."
    if data.enrolments is not None:
        message = legal_data.validate_enrolments(session, data.birth_date, data.enrolments)
        if message:
            errors["enrolments"] = message
    if data.exemptions is not None:
        message = legal_data.validate_exemptions(data.birth_date, data.exemptions)
        if message:
            errors["exemptions"] = message
    if errors:
        raise ValidationError(errors)
    return values


_LEGAL_FIELDS = ("enrolments", "exemptions")


def create_pupil(desk: Desk, data: PupilData) -> int:
    """Create a pupil; returns the new id. Raises :class:`ValidationError` (Dutch)."""
    with desk.case_base.transaction(desk.user) as session:
        values = _validate_pupil(desk, session, data, None)
        pupil = Pupil(**values)
        session.add(pupil)
        session.flush()
        enrolments = data.enrolments
        if enrolments is None and data.school_id is not None:
            since = min(leerplicht_start(pupil.birth_date), today(desk))
            enrolments = (EnrolmentData(data.school_id, since),)
        legal_data.replace_in_session(desk, session, pupil, enrolments, data.exemptions)
        pupil_id = pupil.id
        absences.recompute_in_session(desk, session, pupil_id)
    changes.publish(desk, "pupil", case_ids=(), pupil_ids=(pupil_id,))
    return pupil_id


def _change_school_today(desk: Desk, pupil: Pupil, school_id: int | None) -> None:
    """The ``school_id`` shorthand on an existing pupil: unenrolled from the current
    school as of today, enrolled at ``school_id`` from today."""
    now = today(desk)
    for enrolment in list(pupil.enrolments):
        if enrolment.start >= now:
            pupil.enrolments.remove(enrolment)
        elif enrolment.end is None or enrolment.end >= now:
            enrolment.end = now - dt.timedelta(days=1)
    if school_id is not None:
        pupil.enrolments.append(Enrolment(school_id=school_id, start=now))


def update_pupil(desk: Desk, pupil_id: int, data: PupilData) -> None:
    """Change a pupil's details. Raises :class:`ValidationError` / :class:`NotFoundError`.

    With ``data.version`` set, a colleague's save since that version raises
    :class:`ConflictError` (both versions in it); nothing is saved then.
    """
    with (
        stale_as_conflict(lambda: _conflict(desk, pupil_id, data)),
        desk.case_base.transaction(desk.user) as session,
    ):
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        if data.version is not None and data.version != pupil.version:
            raise _conflict(desk, pupil_id, data)
        values = _validate_pupil(desk, session, data, pupil_id)
        if data.enrolments is None and values["school_id"] != pupil.school_id:
            _change_school_today(desk, pupil, values["school_id"])
        del values["school_id"]  # follows the enrolments
        for key, value in values.items():
            setattr(pupil, key, value)
        legal_data.replace_in_session(desk, session, pupil, data.enrolments, data.exemptions)
        absences.recompute_in_session(desk, session, pupil_id)
        case_ids = list(session.scalars(select(Case.id).where(Case.pupil_id == pupil_id)))
        _bump_version(session, pupil)
    changes.publish(desk, "pupil", case_ids=case_ids, pupil_ids=(pupil_id,))


def _bump_version(session: Session, pupil: Pupil) -> None:
    """Raise the pupil's version for every save, also one that changed only enrolments or
    exemptions (rows of their own, which do not touch the pupil row): a colleague's form
    loaded before it is then refused too. Refused (``StaleDataError``) when a colleague
    saved the pupil after this transaction read it."""
    session.flush()
    seen = pupil.version
    bumped = session.execute(
        update(Pupil).where(Pupil.id == pupil.id, Pupil.version == seen).values(version=seen + 1)
    )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleDataError("pupil changed meanwhile")


def pupil_data(desk: Desk, pupil_id: int) -> PupilData:
    """Return a pupil's details as :class:`PupilData` (to edit them)."""
    with desk.case_base.sessions() as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        data = PupilData(
            **{
                f.name: getattr(pupil, f.name)
                for f in fields(PupilData)
                if f.name not in _LEGAL_FIELDS
            }
        )
        data.enrolments = legal_data.enrolments_of(pupil)
        data.exemptions = legal_data.exemptions_of(pupil)
        return data


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


def objects_to_parent_sharing(desk: Desk, case_id: int) -> bool:
    """True when the pupil of ``case_id`` objected to sharing the reason for absence with
    the parents (then letters to the parents warn, see ``core/privacy.py``)."""
    with desk.case_base.sessions() as session:
        return bool(
            session.scalar(
                select(Pupil.objects_to_parent_sharing)
                .join(Case, Case.pupil_id == Pupil.id)
                .where(Case.id == case_id)
            )
        )

"""Services for schools: their details (name, BRIN, sector, region, day length, contact).

One function per user action, each one transaction. A change of vacation region,
sector or day length recomputes the signals of every pupil of the school in the same
transaction (:func:`recompute_school`), since all three change which days count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Pupil, School, SchoolFreePeriod
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Sector
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import check_email, check_phone, clean
from verzuimdesk.core.services.conflicts import ConflictError, last_change, show, stale_as_conflict
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Sectors and vacation regions a school can have.
SECTORS = ("PO", "VO", "MBO")
VACATION_REGIONS = ("noord", "midden", "zuid")
#: A BRIN number: 2 digits and 2 letters, optionally followed by a 2-digit vestiging number.
BRIN_RE = re.compile(r"^[0-9]{2}[A-Z]{2}([0-9]{2})?$")
#: Lesson hours a schooldag can have (rules.md §1: per school).
MIN_DAY_HOURS, MAX_DAY_HOURS = 1, 10
#: Dutch names of the vacation regions, for pick lists.
REGION_NAMES: dict[str, str] = {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"}
#: Dutch names of the sectors, for pick lists.
SECTOR_NAMES: dict[str, str] = {
    "PO": "Primair onderwijs",
    "VO": "Voortgezet onderwijs",
    "MBO": "Middelbaar beroepsonderwijs",
}

#: ``progress(done, total)``: called while the pupils of a school are recomputed.
Progress = Callable[[int, int], None]


@dataclass
class SchoolData:
    """What the user enters for a school."""

    name: str
    sector: str = "VO"
    vacation_region: str = "midden"
    brin: str | None = None
    municipality: str | None = None
    day_hours: float | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    #: The record version these details were read with (:func:`school_details`).
    version: int | None = None


#: Dutch labels of the school form's fields, as a conflict shows them (form order).
SCHOOL_LABELS: dict[str, str] = {
    "name": "Naam",
    "brin": "BRIN-nummer",
    "sector": "Sector",
    "municipality": "Gemeente",
    "vacation_region": "Vakantieregio",
    "day_hours": "Lesuren per dag",
    "contact_name": "Contactpersoon",
    "contact_phone": "Telefoon",
    "contact_email": "E-mail",
}


@dataclass(frozen=True)
class SchoolRow:
    """A school in the list of schools."""

    id: int
    name: str
    brin: str
    sector: str
    municipality: str
    vacation_region: str
    pupils: int
    explicit_calendar: bool
    own_periods: int


@dataclass(frozen=True)
class SchoolDetails:
    """Everything the school form shows."""

    id: int
    data: SchoolData
    goede_vrijdag_free: bool
    bevrijdingsdag_free: bool
    explicit_calendar: bool
    pupils: int

    @property
    def default_day_hours(self) -> float:
        """The sector's default lesson hours (rules.md §1)."""
        return default_day_hours(self.data.sector)


def default_day_hours(sector: str) -> float:
    """Lesson hours of a schooldag when the school sets none: 5.5 (PO), 6.0 (VO, MBO)."""
    try:
        return DEFAULT_DAY_HOURS[Sector(sector)]
    except ValueError:
        return DEFAULT_DAY_HOURS[Sector.VO]


def validate_school(
    data: SchoolData, *, session: Session | None = None, school_id: int | None = None
) -> dict[str, Any]:
    """Check a school's details; return the column values or raise :class:`ValidationError`.

    With ``session`` a BRIN number that another school already has is refused too.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    values["name"] = clean(data.name)
    if not values["name"]:
        errors["name"] = "Vul de naam van de school in."
    elif len(values["name"]) > 200:
        errors["name"] = "De naam is te lang (hoogstens 200 tekens)."
    if data.sector not in SECTORS:
        errors["sector"] = "Kies de sector: PO, VO of MBO."
    values["sector"] = data.sector
    if data.vacation_region not in VACATION_REGIONS:
        errors["vacation_region"] = "Kies de vakantieregio: noord, midden of zuid."
    values["vacation_region"] = data.vacation_region
    brin = clean(data.brin)
    brin = re.sub(r"\s+", "", brin).upper() if brin else None
    if brin and not BRIN_RE.match(brin):
        errors["brin"] = (
            "Een BRIN-nummer bestaat uit 2 cijfers en 2 letters, eventueel gevolgd door "
            "2 cijfers voor de vestiging (bijvoorbeeld 12AB of 12AB01)."
        )
    elif brin and session is not None:
        same = select(School.id).where(School.brin == brin)
        if school_id is not None:
            same = same.where(School.id != school_id)
        other = session.scalar(same.limit(1))
        if other is not None:
            errors["brin"] = "Er is al een school met dit BRIN-nummer."
    values["brin"] = brin
    values["municipality"] = clean(data.municipality)
    hours = data.day_hours
    if hours is not None:
        try:
            hours = float(hours)
        except (TypeError, ValueError):
            hours = None
            errors["day_hours"] = "Vul het aantal lesuren per dag in als getal, bijv. 5,5."
        else:
            if not MIN_DAY_HOURS <= hours <= MAX_DAY_HOURS:
                errors["day_hours"] = (
                    f"Een schooldag duurt tussen {MIN_DAY_HOURS} en {MAX_DAY_HOURS} lesuren."
                )
    values["day_hours"] = None if hours is None else Decimal(str(round(hours, 2)))
    values["contact_name"] = clean(data.contact_name)
    values["contact_phone"], err = check_phone(data.contact_phone)
    if err:
        errors["contact_phone"] = err
    values["contact_email"], err = check_email(data.contact_email)
    if err:
        errors["contact_email"] = err
    if errors:
        raise ValidationError(errors)
    return values


def list_schools(desk: Desk, text: str = "") -> list[SchoolRow]:
    """Schools by name; ``text`` filters on name, BRIN number and municipality."""
    counts = (
        select(Pupil.school_id, func.count(Pupil.id).label("n"))
        .group_by(Pupil.school_id)
        .subquery()
    )
    periods = (
        select(SchoolFreePeriod.school_id, func.count(SchoolFreePeriod.id).label("n"))
        .group_by(SchoolFreePeriod.school_id)
        .subquery()
    )
    query = (
        select(
            School.id,
            School.name,
            School.brin,
            School.sector,
            School.municipality,
            School.vacation_region,
            func.coalesce(counts.c.n, 0),
            School.explicit_calendar,
            func.coalesce(periods.c.n, 0),
        )
        .outerjoin(counts, counts.c.school_id == School.id)
        .outerjoin(periods, periods.c.school_id == School.id)
        .order_by(func.lower(School.name), School.id)
    )
    needle = (text or "").strip()
    if needle:
        pattern = f"%{needle}%"
        query = query.where(
            or_(
                School.name.ilike(pattern),
                School.brin.ilike(pattern),
                School.municipality.ilike(pattern),
            )
        )
    with desk.case_base.sessions() as session:
        rows = session.execute(query).all()
    return [
        SchoolRow(i, n, b or "", s, m or "", r, int(p), bool(x), int(o))
        for i, n, b, s, m, r, p, x, o in rows
    ]


def _data_of(school: School) -> SchoolData:
    return SchoolData(
        name=school.name,
        sector=school.sector,
        vacation_region=school.vacation_region,
        brin=school.brin,
        municipality=school.municipality,
        day_hours=None if school.day_hours is None else float(school.day_hours),
        contact_name=school.contact_name,
        contact_phone=school.contact_phone,
        contact_email=school.contact_email,
        version=school.version,
    )


def _shown(data: SchoolData) -> dict[str, str]:
    """The conflict dialog's view of the details (cleaned as they would be stored)."""
    shown = {key: show(clean(str(getattr(data, key) or ""))) for key in SCHOOL_LABELS}
    shown["sector"] = SECTOR_NAMES.get(data.sector, data.sector)
    shown["vacation_region"] = REGION_NAMES.get(data.vacation_region, data.vacation_region)
    shown["brin"] = re.sub(r"\s+", "", shown["brin"]).upper()
    hours = data.day_hours
    shown["day_hours"] = "" if hours is None else f"{float(hours):g}".replace(".", ",")
    return shown


def _conflict(desk: Desk, school_id: int, data: SchoolData) -> ConflictError:
    """The conflict of saving ``data`` over the school's details stored now."""
    with desk.case_base.sessions() as session:
        stored = _data_of(get_school(session, school_id))
    who, when = last_change(desk, "school", school_id)
    return ConflictError(
        "deze school",
        mine=_shown(data),
        theirs=_shown(stored),
        labels=SCHOOL_LABELS,
        their_version=stored.version or 0,
        changed_by=who,
        changed_at=when,
        stored=stored,
    )


def school_details(desk: Desk, school_id: int) -> SchoolDetails:
    """A school's details (to show and edit them). Raises :class:`NotFoundError`."""
    with desk.case_base.sessions() as session:
        school = get_school(session, school_id)
        pupils = session.scalar(select(func.count(Pupil.id)).where(Pupil.school_id == school_id))
        return SchoolDetails(
            school.id,
            _data_of(school),
            bool(school.goede_vrijdag_free),
            bool(school.bevrijdingsdag_free),
            bool(school.explicit_calendar),
            int(pupils or 0),
        )


def create_school(desk: Desk, data: SchoolData) -> int:
    """Create a school; returns its id. Raises :class:`ValidationError` (Dutch, per field)."""
    with desk.case_base.transaction(desk.user) as session:
        values = validate_school(data, session=session)
        school = School(**values)
        session.add(school)
        session.flush()
        school_id = school.id
    changes.publish(desk, "school", case_ids=())
    return school_id


def update_school(
    desk: Desk,
    school_id: int,
    data: SchoolData,
    *,
    loaded: SchoolData | None = None,
    progress: Progress | None = None,
) -> int:
    """Change a school's details; returns how many pupils' signals were recomputed.

    A new vacation region, sector or day length changes every pupil's signals, so
    those are recomputed in the same transaction. Raises :class:`ValidationError`
    or :class:`NotFoundError`.

    ``loaded``: the details the form was loaded with (:func:`school_details`, with their
    ``version``). When a colleague changed these details since, a :class:`ConflictError`
    shows both versions and nothing is saved; its ``stored`` is what to pass as ``loaded``
    to keep the user's version. A change of the calendar alone (free periods, Goede
    Vrijdag) raises the version too but is no conflict with the details.
    """
    with (
        stale_as_conflict(lambda: _conflict(desk, school_id, data)),
        desk.case_base.transaction(desk.user) as session,
    ):
        school = get_school(session, school_id)
        if (
            loaded is not None
            and loaded.version is not None
            and loaded.version != school.version
            and _shown(loaded) != _shown(_data_of(school))
        ):
            raise _conflict(desk, school_id, data)
        values = validate_school(data, session=session, school_id=school_id)
        before = (school.vacation_region, school.sector, _hours(school.day_hours))
        for key, value in values.items():
            setattr(school, key, value)
        after = (school.vacation_region, school.sector, _hours(school.day_hours))
        recomputed = 0
        if before != after:
            recomputed, _case_ids = recompute_school(desk, session, school, progress)
    # A new name or municipality may show in any case row: every case may look different.
    changes.publish(desk, "school", case_ids=None)
    return recomputed


def region_for_municipality(municipality: str | None) -> str | None:
    """The vacation region of a known municipality (``noord``/``midden``/``zuid``), else None."""
    # Imported here: the rules calendar loads the ``holidays`` package, which the desk
    # should not pay for at start-up.
    from verzuimdesk.core.rules.calendar import vacation_region_for_municipality

    name = clean(municipality)
    region = vacation_region_for_municipality(name) if name else None
    return None if region is None else region.value


def _hours(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def get_school(session: Session, school_id: int) -> School:
    school = session.get(School, school_id)
    if school is None:
        raise NotFoundError("Deze school bestaat niet meer.")
    return school


def recompute_school(
    desk: Desk, session: Session, school: School, progress: Progress | None
) -> tuple[int, list[int]]:
    """Recompute the signals of every pupil of ``school`` (the same result as per pupil
    after a record change), on the columnar fast path of
    :mod:`~verzuimdesk.core.services.bulk_recompute`.

    Returns the number of pupils and the open cases that were brought up to date.
    """
    from verzuimdesk.core.services.bulk_recompute import recompute_pupils

    ids = list(
        session.scalars(select(Pupil.id).where(Pupil.school_id == school.id).order_by(Pupil.id))
    )
    summary = recompute_pupils(desk, session, ids, progress=progress)
    return len(ids), list(summary.case_ids or [])

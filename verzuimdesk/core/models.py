"""The case base schema: SQLAlchemy 2.x declarative models.

The core owns the whole schema. Regional plugins never add tables: a region's
ladder, roles, partners and forms are data registered through hooks, and the
case base only stores their ids (``Case.stage_id``, ``FormSubmission.form_id``,
``RoleAssignment.role_id``). Uninstalling or upgrading a plugin therefore never
breaks a migration.

Nothing here is SQLite-specific: the same models run on PostgreSQL for a shared
case base. Ids of pupils and cases are opaque integers, never the BSN.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
    relationship,
)

#: Naming convention so that Alembic (and SQLite batch mode) can name constraints.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Return the current time in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)


class Versioned:
    """Mixin of an editable record: an optimistic-locking counter (``version_id_col``).

    Every UPDATE checks it (``WHERE version = <the version read>``) and raises it by one, so a
    save based on an outdated read is refused instead of silently overwriting a colleague's
    change (:class:`verzuimdesk.core.services.conflicts.ConflictError`).
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Base(DeclarativeBase):
    """Declarative base of every VerzuimDesk table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CaseBaseSetting(Base):
    """Key/value settings of a case base: its region, creation date, ..."""

    __tablename__ = "case_base_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class School(Versioned, Base):
    """A school (vestiging) with the facts the school calendar needs."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    brin: Mapped[str | None] = mapped_column(String(8), index=True)
    sector: Mapped[str] = mapped_column(String(8))  # PO / VO / MBO
    vacation_region: Mapped[str] = mapped_column(String(8))  # noord / midden / zuid
    municipality: Mapped[str | None] = mapped_column(String(100))
    #: Lesson hours on a schooldag; None means the sector default (rules.md §1).
    day_hours: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    goede_vrijdag_free: Mapped[bool] = mapped_column(Boolean, default=False)
    bevrijdingsdag_free: Mapped[bool] = mapped_column(Boolean, default=False)
    #: When True the school's own ``SchoolFreePeriod`` rows replace the built-in
    #: vacations and holidays entirely (a calendar file was imported).
    explicit_calendar: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(200))

    free_periods: Mapped[list[SchoolFreePeriod]] = relationship(
        back_populates="school", cascade="all, delete-orphan", order_by="SchoolFreePeriod.start"
    )
    pupils: Mapped[list[Pupil]] = relationship(back_populates="school")


class SchoolFreePeriod(Versioned, Base):
    """A school's own free days (studiedag) or a vacation override, inclusive range."""

    __tablename__ = "school_free_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: ``extra`` adds free days (studiedag); ``vacation`` overrides the built-in vacation of
    #: that name; ``file`` is a range of an imported calendar file, used when the school's
    #: ``explicit_calendar`` is on (it then replaces vacations and holidays entirely).
    kind: Mapped[str] = mapped_column(String(16), default="extra")

    school: Mapped[School] = relationship(back_populates="free_periods")


class Pupil(Versioned, Base):
    """A pupil. The BSN is optional and never used as an id."""

    __tablename__ = "pupil"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(150), index=True)
    birth_date: Mapped[dt.date] = mapped_column(Date)
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True)
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(7))
    city: Mapped[str | None] = mapped_column(String(100))
    #: Woongemeente: DUO reports reach the leerplichtambtenaar of this municipality.
    municipality: Mapped[str | None] = mapped_column(String(100), index=True)
    parent_name: Mapped[str | None] = mapped_column(String(200))
    parent_phone: Mapped[str | None] = mapped_column(String(40))
    parent_email: Mapped[str | None] = mapped_column(String(200))
    #: The *current* school: the school of the enrolment that covers the desk's today (None
    #: when not enrolled today). Kept by the legal-data services from the ``enrolment``
    #: rows, which hold the history; lists, calendars and filters read this column.
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True
    )
    startkwalificatie_on: Mapped[dt.date | None] = mapped_column(Date)
    #: ``praktijkonderwijs`` or ``vso-arbeid``/``vso-dagbesteding`` ends kwalificatieplicht.
    exit_certificate: Mapped[str | None] = mapped_column(String(32))
    full_school_years_done_on: Mapped[dt.date | None] = mapped_column(Date)
    #: A pupil of 16 or older objected to the reason for absence being shared with the
    #: parents: left out of everything printed or exported for them.
    objects_to_parent_sharing: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )

    school: Mapped[School | None] = relationship(back_populates="pupils")
    absences: Mapped[list[AbsenceRecord]] = relationship(
        back_populates="pupil", cascade="all, delete-orphan"
    )
    cases: Mapped[list[Case]] = relationship(back_populates="pupil")
    enrolments: Mapped[list[Enrolment]] = relationship(
        back_populates="pupil", cascade="all, delete-orphan", order_by="Enrolment.start"
    )
    exemptions: Mapped[list[PupilExemption]] = relationship(
        back_populates="pupil", cascade="all, delete-orphan", order_by="PupilExemption.start"
    )
    excused_gaps: Mapped[list[ExcusedGap]] = relationship(
        back_populates="pupil", cascade="all, delete-orphan", order_by="ExcusedGap.start"
    )

    @property
    def full_name(self) -> str:
        """First and last name as shown to users."""
        return f"{self.first_name} {self.last_name}"


class Enrolment(Versioned, Base):
    """An enrolment of a pupil at a school from ``start`` up to and including ``end``.

    A pupil has a history of these (rules.md §7–§8): the days of compulsory age outside
    every enrolment and every art. 5 exemption are absoluut verzuim.
    """

    __tablename__ = "enrolment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    #: None when the school is not in the case base (or was removed).
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[dt.date] = mapped_column(Date)
    #: Last enrolled day (inclusive); None while still enrolled.
    end: Mapped[dt.date | None] = mapped_column(Date)

    pupil: Mapped[Pupil] = relationship(back_populates="enrolments")
    school: Mapped[School | None] = relationship()


class PupilExemption(Versioned, Base):
    """An exemption or leave (Leerplichtwet art. 5a/5b/5c, 15, 11g) within its dates."""

    __tablename__ = "exemption"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    #: ``5a``, ``5b``, ``5c``, ``15`` or ``11g`` (``rules.legal_record.ExemptionKind``).
    kind: Mapped[str] = mapped_column(String(4))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)

    pupil: Mapped[Pupil] = relationship(back_populates="exemptions")


class ExcusedGap(Versioned, Base):
    """A period without enrolment marked as an *administratieve onvolkomenheid* (seed 001
    §1.1): a registration error, so not absoluut verzuim."""

    __tablename__ = "excused_gap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    pupil: Mapped[Pupil] = relationship(back_populates="excused_gaps")


class AbsenceRecord(Versioned, Base):
    """One pupil's absence of one kind on one date (rules.md §2)."""

    __tablename__ = "absence_record"
    __table_args__ = (
        UniqueConstraint("pupil_id", "date", "kind", name="uq_absence_pupil_date_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    #: Four decimals keep every whole second of a record (rules.md §2): 5 h 20 min is 5.3333.
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 4))
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)

    pupil: Mapped[Pupil] = relationship(back_populates="absences")


class StoredSignal(Base):
    """A national or regional signal computed from a pupil's absence records.

    Recomputed (delete + insert) for one pupil whenever that pupil's records
    change, so that lists can sort and filter on signal deadlines in SQL.
    """

    __tablename__ = "signal"
    __table_args__ = (Index("ix_signal_pupil_datum", "pupil_id", "datum"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    datum: Mapped[dt.date] = mapped_column(Date)
    start: Mapped[dt.date | None] = mapped_column(Date)
    eind: Mapped[dt.date | None] = mapped_column(Date)
    uren: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    deadline_on: Mapped[dt.date | None] = mapped_column(Date)
    reported_on: Mapped[dt.date | None] = mapped_column(Date)


class Person(Versioned, Base):
    """A professional who can hold a role in cases (mentor, LPA, COPA, ...)."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    #: The desk user name of this person, when they use the desk themselves.
    username: Mapped[str | None] = mapped_column(String(100), unique=True)


class Case(Versioned, Base):
    """A verzuim or thuiszitter case of one pupil, walking the region's ladder."""

    __tablename__ = "case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="RESTRICT"), index=True)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    first_absence_on: Mapped[dt.date | None] = mapped_column(Date)
    inspectie_category: Mapped[str | None] = mapped_column(String(4))
    stage_id: Mapped[str] = mapped_column(String(64))
    stage_entered_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(64))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    #: The region role id *in regie* (from the ladder stage, or overridden).
    regie_role_id: Mapped[str | None] = mapped_column(String(64))
    regie_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    #: Ids of ladder actions ticked off at the current stage.
    actions_done: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Checklist answers (risk factors, criteria, ...) keyed by item id.
    checklists: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    pupil: Mapped[Pupil] = relationship(back_populates="cases")
    regie_person: Mapped[Person | None] = relationship()
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.occurred_on"
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Deadline.due_on"
    )
    forms: Mapped[list[FormSubmission]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )


class CaseEvent(Versioned, Base):
    """Something that happened in a case: a stage change, contact, meeting, decision, note."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: ``stage_change``, ``contact``, ``meeting``, ``decision``, ``note``, ``duo_report``,
    #: ``form``, ``outcome``.
    kind: Mapped[str] = mapped_column(String(32))
    author: Mapped[str] = mapped_column(String(100), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    from_stage_id: Mapped[str | None] = mapped_column(String(64))
    to_stage_id: Mapped[str | None] = mapped_column(String(64))
    #: Decision outcome (e.g. ``toegekend``/``afgewezen``) or other structured value.
    decision: Mapped[str | None] = mapped_column(String(64))
    #: Soft delete so that deleting a note can be undone and the audit trail stays whole.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    case: Mapped[Case] = relationship(back_populates="events")


class Deadline(Versioned, Base):
    """Something that must be done in a case by a date, by a role."""

    __tablename__ = "deadline"
    __table_args__ = (Index("ix_deadline_open_due", "done_on", "due_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    role_id: Mapped[str | None] = mapped_column(String(64))
    #: The rule that made it (a ``DeadlineRule`` id or a national signal code).
    rule_id: Mapped[str | None] = mapped_column(String(64))
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_by: Mapped[str | None] = mapped_column(String(100))

    case: Mapped[Case] = relationship(back_populates="deadlines")


class FormSubmission(Versioned, Base):
    """A filled-in regional form (field values as JSON) attached to a case."""

    __tablename__ = "form_submission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(16))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[str] = mapped_column(String(100), default="")

    case: Mapped[Case] = relationship(back_populates="forms")


class RoleAssignment(Versioned, Base):
    """A person holding a region role in a case for a period."""

    __tablename__ = "role_assignment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    role_id: Mapped[str] = mapped_column(String(64))
    since: Mapped[dt.date | None] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(back_populates="roles")
    person: Mapped[Person] = relationship()


class AuditEntry(Base):
    """Append-only record of every change: who, when, which record, before/after."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(16))  # insert / update / delete
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: The database's own user (PostgreSQL ``current_user``) or the operating-system account
    #: of the process (SQLite); unlike ``$LOGNAME`` not set by whoever starts the desk.
    db_user: Mapped[str | None] = mapped_column(String(100))
    #: Which open desk wrote the entry (a random id per desk), so a desk polling for
    #: colleagues' changes skips its own.
    origin: Mapped[str | None] = mapped_column(String(32))
    #: Position in the hash chain (commit order) and the chain hashes (``core/audit_chain``).
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class CaseDocument(Base):
    """A file kept with a case event: the PDF of a letter made from the case.

    It belongs to its event: soft-deleting the event (undo of *Opslaan bij casus*, or
    *Verwijderen*) hides the document too, and restoring the event brings it back.
    """

    __tablename__ = "case_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("case_event.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="application/pdf")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[str] = mapped_column(String(100), default="")


# The import tables (issue 13) live in their own module; imported here so create_all sees them.
from verzuimdesk.core import models_import as _models_import  # noqa: E402,F401

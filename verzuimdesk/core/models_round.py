"""Tables of the schools' contact persons, the quarterly phone round and region deadlines.

- :class:`SchoolContact` — several contact persons per school (name, role, phone, e-mail).
- :class:`CallRound` — one *belronde* per quarter (``2026Q4``); finished when every school
  was called (or the user says so).
- :class:`RoundSchool` — a school on a round: its place in the list, its state (to do /
  done / call back) and who is calling it right now (so two regisseurs on a shared
  PostgreSQL case base do not call the same school).
- :class:`RoundPupil` — a pupil on a round: why, the status and note from the call, and the
  *Belronde* case event that recorded them.
- :class:`SchoolCall` — every call made to a school (the school's call history): result
  *bereikt* / *niet bereikt* / *terugbellen* with the date.
- :class:`RegionDeadline` — a deadline of the region, not of one case: the quarterly
  contact deadline, the inspectie list deadline, and call-backs, on fixed calendar dates.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from verzuimdesk.core.models import Base, Case, Pupil, School, utcnow


class SchoolContact(Base):
    """A contact person of a school (zorgcoördinator, verzuimcoördinator, ...)."""

    __tablename__ = "school_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    #: Order in the school's list; the first is called first.
    position: Mapped[int] = mapped_column(Integer, default=0)

    school: Mapped[School] = relationship()


class CallRound(Base):
    """The quarterly phone round (*belronde*) of one quarter."""

    __tablename__ = "call_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: ``2026Q4``; one round per quarter.
    quarter: Mapped[str] = mapped_column(String(7), unique=True)
    started_on: Mapped[dt.date] = mapped_column(Date)
    finished_on: Mapped[dt.date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    schools: Mapped[list[RoundSchool]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundSchool.position"
    )


class RoundSchool(Base):
    """A school on a round: its place, state and the last call's result."""

    __tablename__ = "call_round_school"
    __table_args__ = (UniqueConstraint("round_id", "school_id", name="uq_round_school"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("call_round.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: ``todo``, ``done`` or ``callback``.
    state: Mapped[str] = mapped_column(String(16), default="todo")
    #: The last call's result: ``bereikt``, ``niet-bereikt``, ``terugbellen`` (None: not called).
    call_result: Mapped[str | None] = mapped_column(String(16))
    callback_on: Mapped[dt.date | None] = mapped_column(Date)
    #: Why the school is on the round (open cases, signals, previous round), for the list.
    reason: Mapped[str] = mapped_column(Text, default="")
    #: Who is calling the school now (a shared case base), and since when.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    round: Mapped[CallRound] = relationship(back_populates="schools")
    school: Mapped[School] = relationship()
    pupils: Mapped[list[RoundPupil]] = relationship(
        back_populates="round_school", cascade="all, delete-orphan", order_by="RoundPupil.id"
    )


class RoundPupil(Base):
    """A pupil on a round: why, and the status and note the call gave."""

    __tablename__ = "call_round_pupil"
    __table_args__ = (UniqueConstraint("round_school_id", "pupil_id", name="uq_round_pupil"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_school_id: Mapped[int] = mapped_column(
        ForeignKey("call_round_school.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    #: The pupil's open case when the round was made (or opened during the call).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    #: A ``RoundStatus`` id of the region's round settings (None: not discussed yet).
    status: Mapped[str | None] = mapped_column(String(32))
    status_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    #: The *Belronde* event that recorded the status and note on the case.
    event_id: Mapped[int | None] = mapped_column(ForeignKey("case_event.id", ondelete="SET NULL"))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    round_school: Mapped[RoundSchool] = relationship(back_populates="pupils")
    pupil: Mapped[Pupil] = relationship()
    case: Mapped[Case | None] = relationship()


class SchoolCall(Base):
    """One call to a school: the school's call history."""

    __tablename__ = "school_call"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    round_school_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_round_school.id", ondelete="SET NULL"), index=True
    )
    called_on: Mapped[dt.date] = mapped_column(Date)
    #: ``bereikt``, ``niet-bereikt`` or ``terugbellen``.
    result: Mapped[str] = mapped_column(String(16))
    callback_on: Mapped[dt.date | None] = mapped_column(Date)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_contact.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RegionDeadline(Base):
    """A deadline of the region on a fixed calendar date, not tied to one case.

    ``kind`` is ``belronde`` (every school called before 1 Dec / 1 Mar / 1 Jun / 1 Sep),
    ``inspectie`` (the quarterly list by the 15th) or ``terugbellen`` (a call-back agreed
    with a school, with ``school_id``).
    """

    __tablename__ = "region_deadline"
    __table_args__ = (Index("ix_region_deadline_open_due", "done_on", "due_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Unique: ``belronde:2026Q4``, ``inspectie:2026Q4``, ``terugbellen:2026Q4:<call id>``;
    #: two desks making the quarter's deadlines at once make them once.
    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    quarter: Mapped[str] = mapped_column(String(7))
    due_on: Mapped[dt.date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_by: Mapped[str | None] = mapped_column(String(100))

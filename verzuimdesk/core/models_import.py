"""Tables of the import from school administration systems (issue 13).

``import_mapping`` keeps a named column and value mapping per school, so the next
export of the same system is read the same way; ``pupil_school_number`` links a
pupil to the number the school's administration system (Magister, Somtoday,
ParnasSys) gives it, so later exports find the pupil without a BSN.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from verzuimdesk.core.models import Base, utcnow


class ImportMapping(Base):
    """A saved import mapping: which column is what, and the file's values to the desk's."""

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("name", name="uq_import_mapping_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: ``absences``, ``pupils`` or ``schools``.
    target: Mapped[str] = mapped_column(String(16))
    #: The school whose exports it reads (None: any school, the file names it).
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True
    )
    #: :meth:`verzuimdesk.core.importing.mapping.Mapping.to_json`.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PupilSchoolNumber(Base):
    """A pupil's number in one school's administration system (leerlingnummer)."""

    __tablename__ = "pupil_school_number"
    __table_args__ = (
        UniqueConstraint("school_id", "number", name="uq_pupil_school_number_school_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(32))

"""Finding pupils by their school number or BSN, and creating the ones the user chose.

Pupils are matched on the school's pupil number (``pupil_school_number``) or the BSN,
never on a name. A pupil the file names but the case base does not know is reported;
only the pupils the user picked from that list are created (:func:`create_pupils`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Enrolment, Pupil
from verzuimdesk.core.models_import import PupilSchoolNumber
from verzuimdesk.core.rules.leerplicht import leerplicht_start
from verzuimdesk.core.services.common import today
from verzuimdesk.core.validation import normalize_bsn

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def bsn_key(value: str) -> str:
    """A BSN as the case base stores it: digits only, the leading zero Excel drops restored."""
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) == 8:
        digits = "0" + digits
    return digits


@dataclass
class PupilIndex:
    """The case base's pupils by school number (of one school) and by BSN."""

    school_id: int | None
    by_number: dict[str, int] = field(default_factory=dict)
    by_bsn: dict[str, int] = field(default_factory=dict)
    #: pupil id -> current school id (for its calendar and day length).
    school_of: dict[int, int | None] = field(default_factory=dict)
    #: Pupils created during this import.
    created: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session, school_id: int | None) -> PupilIndex:
        """Read the index: every pupil's BSN and school, the numbers of ``school_id``."""
        index = cls(school_id)
        for pid, bsn, school in session.execute(select(Pupil.id, Pupil.bsn, Pupil.school_id)):
            index.school_of[pid] = school
            if bsn:
                index.by_bsn[bsn] = pid
        if school_id is not None:
            for number, pid in session.execute(
                select(PupilSchoolNumber.number, PupilSchoolNumber.pupil_id).where(
                    PupilSchoolNumber.school_id == school_id
                )
            ):
                index.by_number[number] = pid
        return index

    def find(self, number: str, bsn: str) -> int | None:
        """The pupil with this school number, else with this BSN (None: unknown)."""
        if number:
            found = self.by_number.get(number)
            if found is not None:
                return found
        if bsn:
            return self.by_bsn.get(bsn) or self.by_bsn.get(bsn_key(bsn))
        return None


@dataclass(frozen=True)
class NewPupil:
    """A pupil to create from an import: the key the file uses, name and birth date."""

    key: str
    by: str
    first_name: str
    last_name: str
    birth_date: dt.date


def create_pupils(
    desk: Desk,
    session: Session,
    index: PupilIndex,
    school_id: int | None,
    pupils: Sequence[NewPupil],
) -> int:
    """Create the chosen pupils, enrolled at ``school_id``; add them to ``index``.

    A pupil whose key is already known (created meanwhile) is left alone. Returns how
    many were created. Their signals are computed with the import's own recompute.
    """
    created = 0
    now = today(desk)
    for new in pupils:
        if index.find(
            new.key if new.by == "pupil_number" else "", new.key if new.by == "bsn" else ""
        ):
            continue
        bsn = normalize_bsn(new.key) if new.by == "bsn" else None
        pupil = Pupil(
            first_name=new.first_name or "?",
            last_name=new.last_name,
            birth_date=new.birth_date,
            bsn=bsn,
            school_id=school_id,
        )
        session.add(pupil)
        session.flush()
        if school_id is not None:
            since = min(leerplicht_start(new.birth_date), now)
            session.add(Enrolment(pupil_id=pupil.id, school_id=school_id, start=since))
            if new.by == "pupil_number":
                session.add(
                    PupilSchoolNumber(pupil_id=pupil.id, school_id=school_id, number=new.key)
                )
                index.by_number[new.key] = pupil.id
        if bsn:
            index.by_bsn[bsn] = pupil.id
        index.school_of[pupil.id] = school_id
        index.created.add(pupil.id)
        created += 1
    session.flush()
    return created

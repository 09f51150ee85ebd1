"""Saved import mappings, per school, in the case base (``import_mapping``).

A mapping is saved under a name the user chooses (``Magister Het Lyceum``) and found
again by that name (the command line's ``--mapping``) or by the school (the wizard
proposes the school's last mapping for its next export).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from verzuimdesk.core.importing.mapping import TARGETS, Mapping
from verzuimdesk.core.models import School, utcnow
from verzuimdesk.core.models_import import ImportMapping
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

MAX_NAME = 100


@dataclass(frozen=True)
class SavedMapping:
    """A saved mapping as a list shows it."""

    id: int
    name: str
    target: str
    school_id: int | None
    school_name: str
    mapping: Mapping


def save_mapping(desk: Desk, name: str, mapping: Mapping) -> int:
    """Save ``mapping`` under ``name`` (replacing a mapping of that name); returns its id."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Geef de mapping een naam."})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": f"Een naam heeft hoogstens {MAX_NAME} tekens."})
    if mapping.target not in TARGETS:
        raise ValidationError({"target": "Onbekend soort import."})
    with desk.case_base.transaction(desk.user) as session:
        if mapping.school_id is not None and session.get(School, mapping.school_id) is None:
            raise ValidationError({"school_id": "Deze school bestaat niet (meer)."})
        row = session.scalar(select(ImportMapping).where(ImportMapping.name == name))
        if row is None:
            row = ImportMapping(name=name)
            session.add(row)
        row.target = mapping.target
        row.school_id = mapping.school_id
        row.settings = mapping.to_json()
        row.updated_at = utcnow()
        session.flush()
        mapping_id = row.id
    changes.publish(desk, "import_mapping", case_ids=())
    return mapping_id


def list_mappings(desk: Desk, target: str | None = None) -> list[SavedMapping]:
    """Every saved mapping (of ``target``), the most recently used school's first."""
    with desk.case_base.sessions() as session:
        query = (
            select(ImportMapping, School.name)
            .outerjoin(School, School.id == ImportMapping.school_id)
            .order_by(ImportMapping.updated_at.desc(), ImportMapping.name)
        )
        if target is not None:
            query = query.where(ImportMapping.target == target)
        return [
            SavedMapping(
                row.id,
                row.name,
                row.target,
                row.school_id,
                school or "",
                _mapping(row),
            )
            for row, school in session.execute(query)
        ]


def _mapping(row: ImportMapping) -> Mapping:
    mapping = Mapping.from_json(dict(row.settings or {}))
    mapping.target = row.target
    mapping.school_id = row.school_id
    return mapping


def load_mapping(desk: Desk, name: str) -> Mapping:
    """The mapping saved as ``name``; :class:`NotFoundError` lists the saved names."""
    with desk.case_base.sessions() as session:
        row = session.scalar(select(ImportMapping).where(ImportMapping.name == name.strip()))
        if row is not None:
            return _mapping(row)
        names = sorted(session.scalars(select(ImportMapping.name)))
    known = ", ".join(names) if names else "er zijn nog geen mappings opgeslagen"
    raise NotFoundError(f"Er is geen mapping '{name}' ({known}).")


def mapping_for_school(desk: Desk, school_id: int, target: str) -> SavedMapping | None:
    """The school's most recently saved mapping for ``target`` (None: none yet)."""
    for saved in list_mappings(desk, target):
        if saved.school_id == school_id:
            return saved
    return None


def delete_mapping(desk: Desk, mapping_id: int) -> None:
    """Remove a saved mapping."""
    with desk.case_base.transaction(desk.user) as session:
        row = session.get(ImportMapping, mapping_id)
        if row is not None:
            session.delete(row)
    changes.publish(desk, "import_mapping", case_ids=())

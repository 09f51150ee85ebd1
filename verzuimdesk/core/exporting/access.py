"""The AVG right of access (*inzageverzoek*): everything the desk holds about one pupil.

:func:`access_export` collects, by the pupil's id only (never by name, so a namesake is
never included): personal data, school numbers, enrolments, exemptions, excused gaps,
absences, signals, cases with their events, deadlines, forms, roles and documents, and
the audit entries about any of these records. The result is plain JSON-safe data; the
GUI also renders it as a PDF for the parents.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select

from verzuimdesk.core.models import (
    AbsenceRecord,
    AuditEntry,
    Base,
    Case,
    CaseDocument,
    CaseEvent,
    Deadline,
    Enrolment,
    ExcusedGap,
    FormSubmission,
    Person,
    Pupil,
    PupilExemption,
    RoleAssignment,
    School,
    StoredSignal,
)
from verzuimdesk.core.models_import import PupilSchoolNumber
from verzuimdesk.core.services.absences import signal_name
from verzuimdesk.core.services.cases import EVENT_KIND_NAMES
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verzuimdesk.core.desk import Desk

#: Section keys of the export with their Dutch titles, in the order the PDF shows them.
SECTIONS: dict[str, str] = {
    "leerling": "Persoonsgegevens",
    "leerlingnummers": "Leerlingnummers van scholen",
    "inschrijvingen": "Inschrijvingen",
    "vrijstellingen": "Vrijstellingen en verlof",
    "verschoonde_perioden": "Perioden zonder inschrijving (administratief)",
    "verzuim": "Verzuim",
    "signalen": "Signalen",
    "casussen": "Casussen",
    "audit": "Wijzigingen (audittrail)",
}
#: Tables whose rows belong to the pupil through ``pupil_id``.
_PUPIL_TABLES = ("enrolment", "exemption", "excused_gap", "absence_record", "pupil_school_number")
#: Tables whose rows belong to one of the pupil's cases through ``case_id``.
_CASE_TABLES = ("case_event", "deadline", "form_submission", "role_assignment", "case_document")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _row(obj: Base, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in skip
    }


def access_export(desk: Desk, pupil_id: int) -> dict[str, Any]:
    """Everything about the pupil ``pupil_id`` as JSON-safe data (see :data:`SECTIONS`)."""
    with desk.case_base.sessions() as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        schools: dict[int | None, str] = {
            sid: name for sid, name in session.execute(select(School.id, School.name))
        }
        data: dict[str, Any] = {
            "gemaakt_op": today(desk).isoformat(),
            "gemaakt_door": desk.user,
            "leerling": {**_row(pupil), "school": schools.get(pupil.school_id)},
        }
        data["leerlingnummers"] = [
            {**_row(n), "school": schools.get(n.school_id)}
            for n in session.scalars(
                select(PupilSchoolNumber).where(PupilSchoolNumber.pupil_id == pupil_id)
            )
        ]
        data["inschrijvingen"] = [
            {**_row(e), "school": schools.get(e.school_id)}
            for e in session.scalars(
                select(Enrolment).where(Enrolment.pupil_id == pupil_id).order_by(Enrolment.start)
            )
        ]
        data["vrijstellingen"] = _rows(session, PupilExemption, PupilExemption.pupil_id, pupil_id)
        data["verschoonde_perioden"] = _rows(session, ExcusedGap, ExcusedGap.pupil_id, pupil_id)
        data["verzuim"] = [
            _row(r)
            for r in session.scalars(
                select(AbsenceRecord)
                .where(AbsenceRecord.pupil_id == pupil_id)
                .order_by(AbsenceRecord.date, AbsenceRecord.kind)
            )
        ]
        data["signalen"] = [
            {**_row(s), "naam": signal_name(desk, s.code)}
            for s in session.scalars(
                select(StoredSignal)
                .where(StoredSignal.pupil_id == pupil_id)
                .order_by(StoredSignal.datum)
            )
        ]
        cases = session.scalars(
            select(Case).where(Case.pupil_id == pupil_id).order_by(Case.opened_on)
        ).all()
        case_ids = {c.id for c in cases}
        data["casussen"] = [_case(desk, session, case) for case in cases]
        data["audit"] = _audit(session, pupil_id, case_ids)
    return data


def _rows(session: Session, model: type[Base], column: Any, value: int) -> list[dict[str, Any]]:
    return [_row(obj) for obj in session.scalars(select(model).where(column == value))]


def _case(desk: Desk, session: Session, case: Case) -> dict[str, Any]:
    from verzuimdesk.core.services import rules_gateway

    out = _row(case)
    stage = rules_gateway.stage_of(desk, case.stage_id)
    out["stap"] = case.stage_id if stage is None else f"{stage.number}. {stage.name}"
    out["gebeurtenissen"] = [
        {**_row(e), "soort_naam": EVENT_KIND_NAMES.get(e.kind, e.kind)}
        for e in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.occurred_on)
        )
    ]
    out["termijnen"] = _rows(session, Deadline, Deadline.case_id, case.id)
    out["formulieren"] = _rows(session, FormSubmission, FormSubmission.case_id, case.id)
    out["rollen"] = [
        {**_row(r), "persoon": name, "organisatie": organisation}
        for r, name, organisation in session.execute(
            select(RoleAssignment, Person.name, Person.organisation)
            .join(Person, Person.id == RoleAssignment.person_id)
            .where(RoleAssignment.case_id == case.id)
        )
    ]
    out["documenten"] = [
        _row(d, skip=("content",))
        for d in session.scalars(select(CaseDocument).where(CaseDocument.case_id == case.id))
    ]
    return out


_MODELS: dict[str, type[Base]] = {
    "enrolment": Enrolment,
    "exemption": PupilExemption,
    "excused_gap": ExcusedGap,
    "absence_record": AbsenceRecord,
    "pupil_school_number": PupilSchoolNumber,
    "case_event": CaseEvent,
    "deadline": Deadline,
    "form_submission": FormSubmission,
    "role_assignment": RoleAssignment,
    "case_document": CaseDocument,
}


def _owned_ids(session: Session, pupil_id: int, case_ids: set[int]) -> dict[str, set[str]]:
    """The ids of the rows that belong to the pupil now, per table (for update entries,
    which carry only the changed columns)."""
    out: dict[str, set[str]] = {}
    for table, model in _MODELS.items():
        column = getattr(model, "pupil_id" if table in _PUPIL_TABLES else "case_id")
        wanted = [pupil_id] if table in _PUPIL_TABLES else sorted(case_ids)
        if not wanted:
            out[table] = set()
            continue
        id_column = getattr(model, "id")  # noqa: B009 - every table here has an integer id
        out[table] = {str(i) for i in session.scalars(select(id_column).where(column.in_(wanted)))}
    out["case"] = {str(c) for c in case_ids}
    return out


def _audit(session: Session, pupil_id: int, case_ids: set[int]) -> list[dict[str, Any]]:
    """Audit entries of the pupil's row, of rows that belong to the pupil or one of the
    pupil's cases (also rows since deleted), and of imports of the pupil's absences."""
    owned = _owned_ids(session, pupil_id, case_ids)
    tables = ("pupil", "case", "absence_import", *_PUPIL_TABLES, *_CASE_TABLES)
    out = []
    for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.table_name.in_(tables)).order_by(AuditEntry.id)
    ):
        values = entry.after or entry.before or {}
        table = entry.table_name
        if table in ("pupil", "absence_import"):
            mine = entry.record_id == str(pupil_id)
        elif entry.record_id in owned.get(table, ()):
            mine = True
        elif table == "case" or table in _PUPIL_TABLES:
            mine = values.get("pupil_id") == pupil_id
        else:
            mine = values.get("case_id") in case_ids
        if mine:
            out.append(_row(entry))
    return out


def to_json(data: dict[str, Any]) -> str:
    """The export as indented JSON (UTF-8 text, Dutch characters kept)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)

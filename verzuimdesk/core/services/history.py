"""The audit trail for users: reads logged, the *Geschiedenis* of a case or pupil, exports.

* :func:`audit_read` logs that someone looked at personal data (a case file or pupil
  opened, a search, a print, an export, a report), NEN 7513 style: who, when, what;
  a search logs the number of results, never the words typed (they are often a name);
* :func:`case_history` / :func:`pupil_history`: every entry about the record and the rows
  that belong to it, newest first, in Dutch;
* :func:`export_audit`: the trail of a period as CSV or XLSX (itself logged as a read);
* :func:`verify`: the hash-chain check behind ``verzuimdesk audit verify``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, and_, or_, select

from verzuimdesk.core import audit
from verzuimdesk.core.models import AuditEntry, Base, Case
from verzuimdesk.core.services.errors import ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Dutch names of the actions.
ACTION_NAMES = {
    "insert": "Toegevoegd",
    "update": "Gewijzigd",
    "delete": "Verwijderd",
    "read": "Ingezien",
    "remove": "Verwijderd na bewaartermijn",
}
#: Dutch names of the records (table names, and what a read was about).
RECORD_NAMES = {
    "pupil": "Leerling",
    "case": "Casus",
    "case_event": "Gebeurtenis",
    "deadline": "Termijn",
    "form_submission": "Formulier",
    "role_assignment": "Rol",
    "case_document": "Document",
    "absence_record": "Verzuim",
    "enrolment": "Inschrijving",
    "exemption": "Vrijstelling",
    "excused_gap": "Administratieve onvolkomenheid",
    "school": "School",
    "school_free_period": "Vrije dagen school",
    "person": "Persoon",
    "case_base_setting": "Instelling",
    "search": "Zoekopdracht",
    "print": "Afdruk",
    "export": "Export",
    "report": "Rapport",
}
_CASE_CHILDREN = ("case_event", "deadline", "form_submission", "role_assignment", "case_document")
_PUPIL_CHILDREN = ("absence_record", "enrolment", "exemption", "excused_gap")


def audit_read(
    desk: Desk, what: str, record: int | str | None = None, detail: dict[str, Any] | None = None
) -> None:
    """Log that the user looked at ``what`` (``case``, ``pupil``, ``search``, ``print``,
    ``export``, ``report``) ``record``; ``detail`` holds no personal data (counts, a kind).

    Nothing is logged on a case base opened read-only: it cannot take the entry (the
    window says the file is read-only; every change is refused there anyway)."""
    if getattr(desk.case_base, "read_only_reason", None) is not None:
        return
    with desk.case_base.transaction(desk.user) as session:
        audit.add_entry(
            session,
            {
                "action": "read",
                "table_name": what,
                "record_id": "" if record is None else str(record),
                "before": None,
                "after": detail,
            },
        )


@dataclass(frozen=True)
class HistoryItem:
    """One line of the *Geschiedenis*: when, who, what happened, and the changed fields."""

    at: dt.datetime
    user: str
    action: str
    record: str
    changes: str


def _shown(value: Any) -> str:
    if value == audit.MASK:
        return "(afgeschermd)"
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _describe(action: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """The changed fields in one line: ``veld: oud → nieuw``; reads list their detail."""
    if action == "read":
        return ", ".join(f"{k}: {_shown(v)}" for k, v in (after or {}).items())
    if action == "insert":
        values = after or {}
        skip = ("id", "version", "created_at", "updated_at")
        return ", ".join(
            f"{k}: {_shown(v)}" for k, v in values.items() if k not in skip and v not in (None, "")
        )
    if action == "delete":
        return ""
    keys = [k for k in {**(before or {}), **(after or {})} if k != "version"]
    return "; ".join(
        f"{k}: {_shown((before or {}).get(k))} → {_shown((after or {}).get(k))}" for k in keys
    )


def _items(rows: Iterable[Any]) -> list[HistoryItem]:
    items = []
    for row in rows:
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
        items.append(
            HistoryItem(
                at,
                row.user,
                ACTION_NAMES.get(row.action, row.action),
                f"{RECORD_NAMES.get(row.table_name, row.table_name)} {row.record_id}".strip(),
                _describe(row.action, row.before, row.after),
            )
        )
    return items


def _history(desk: Desk, owner: str, owner_id: int, children: tuple[str, ...]) -> list[HistoryItem]:
    key = f"{owner}_id"
    with desk.case_base.sessions() as session:
        conditions = [and_(AuditEntry.table_name == owner, AuditEntry.record_id == str(owner_id))]
        for name in children:
            table = Base.metadata.tables[name]
            ids = [
                str(i) for i in session.scalars(select(table.c.id).where(table.c[key] == owner_id))
            ]
            if ids:
                conditions.append(
                    and_(AuditEntry.table_name == name, AuditEntry.record_id.in_(ids))
                )
        if owner == "pupil":
            case_ids = [
                str(i) for i in session.scalars(select(Case.id).where(Case.pupil_id == owner_id))
            ]
            if case_ids:
                conditions.append(
                    and_(AuditEntry.table_name == "case", AuditEntry.record_id.in_(case_ids))
                )
        rows = session.execute(
            select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.id.desc())
        ).scalars()
        return _items(rows)


def case_history(desk: Desk, case_id: int) -> list[HistoryItem]:
    """Every audit entry about the case and its events, deadlines, forms, roles, documents."""
    return _history(desk, "case", case_id, _CASE_CHILDREN)


def pupil_history(desk: Desk, pupil_id: int) -> list[HistoryItem]:
    """Every audit entry about the pupil, its cases, absences, enrolments and exemptions."""
    return _history(desk, "pupil", pupil_id, _PUPIL_CHILDREN)


#: Columns of an audit export.
EXPORT_HEADER = (
    "volgnummer",
    "tijdstip (UTC)",
    "gebruiker",
    "databasegebruiker",
    "actie",
    "soort",
    "record",
    "wijziging",
    "hash",
)


def export_audit(desk: Desk, start: dt.date, end: dt.date, path: Path) -> int:
    """Write the trail from ``start`` to ``end`` (inclusive) to ``path`` (``.csv`` or
    ``.xlsx``); returns the number of entries. The export itself is logged."""
    if end < start:
        raise ValidationError({"end": "De einddatum ligt vóór de begindatum."})
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError({"path": "Kies een bestand dat eindigt op .csv of .xlsx."})
    low = dt.datetime.combine(start, dt.time.min, dt.UTC)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, dt.UTC)
    table: Table = AuditEntry.__table__  # type: ignore[assignment]
    with desk.case_base.sessions() as session:
        rows = (
            session.execute(
                select(table).where(table.c.at >= low, table.c.at < high).order_by(table.c.seq)
            )
            .mappings()
            .all()
        )
    lines = [
        (
            row["seq"],
            _utc(row["at"]).strftime("%Y-%m-%d %H:%M:%S"),
            row["user"],
            row["db_user"] or "",
            ACTION_NAMES.get(row["action"], row["action"]),
            RECORD_NAMES.get(row["table_name"], row["table_name"]),
            row["record_id"],
            _describe(row["action"], row["before"], row["after"]),
            row["hash"] or "",
        )
        for row in rows
    ]
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(EXPORT_HEADER)
            writer.writerows(lines)
    else:
        from openpyxl import Workbook  # type: ignore[import-untyped]

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Audittrail"
        sheet.append(EXPORT_HEADER)
        for line in lines:
            sheet.append(line)
        book.save(path)
    audit_read(desk, "export", None, {"soort": "audittrail", "regels": len(lines)})
    return len(lines)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC) if value.tzinfo else value


def verify(desk: Desk) -> audit.ChainReport:
    """Check the audit trail's hash chain (``verzuimdesk audit verify``)."""
    with desk.case_base.sessions() as session:
        return audit.verify_chain(session)

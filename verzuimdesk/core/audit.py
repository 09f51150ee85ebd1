"""The append-only audit trail: every insert, update and delete, with who and when.

Installed as a ``before_flush`` listener on a case base's session factory, so no
service can forget it. The user comes from ``session.info["user"]`` (set by
:meth:`verzuimdesk.core.db.CaseBase.transaction`). Audit rows themselves are
never updated or deleted by the desk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from verzuimdesk.core.models import AuditEntry, Base

#: Tables whose changes are not audited (the audit table itself, recomputed signals).
UNAUDITED_TABLES = frozenset({"audit_entry", "signal"})


def _plain(value: Any) -> Any:
    """Turn a column value into something JSON can store."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        # A stored file (a letter's PDF): its size and fingerprint, not the content twice.
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return value


def _columns(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {attr.key: _plain(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (before, after) of the changed columns of a dirty object."""
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            before[attr.key] = _plain(history.deleted[0]) if history.deleted else None
            after[attr.key] = _plain(history.added[0]) if history.added else None
    return before, after


def _record_id(obj: Base) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _audit_row(
    obj: Base,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    user: str,
    at: dt.datetime,
) -> dict[str, Any]:
    """The columns of the audit row recording *action* on *obj*."""
    return {
        "at": at,
        "user": user,
        "action": action,
        "table_name": obj.__tablename__,
        "record_id": _record_id(obj),
        "before": before,
        "after": after,
    }


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    user = session.info.get("user", "onbekend")
    now = dt.datetime.now(dt.UTC)
    entries: list[AuditEntry] = []
    for obj in session.dirty:
        if not isinstance(obj, Base) or obj.__tablename__ in UNAUDITED_TABLES:
            continue
        if not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if before or after:
            row = _audit_row(obj, "update", before, after, user=user, at=now)
            entries.append(AuditEntry(**row))
    for obj in session.deleted:
        if isinstance(obj, Base) and obj.__tablename__ not in UNAUDITED_TABLES:
            row = _audit_row(obj, "delete", _columns(obj), None, user=user, at=now)
            entries.append(AuditEntry(**row))
    session.info.setdefault("audit_new", []).extend(
        obj
        for obj in session.new
        if isinstance(obj, Base) and obj.__tablename__ not in UNAUDITED_TABLES
    )
    session.add_all(entries)


def _after_flush(session: Session, _context: Any) -> None:
    """Audit inserts after the flush, when their primary keys are known."""
    new = session.info.pop("audit_new", [])
    if not new:
        return
    user = session.info.get("user", "onbekend")
    now = dt.datetime.now(dt.UTC)
    rows = [_audit_row(obj, "insert", None, _columns(obj), user=user, at=now) for obj in new]
    session.execute(cast(Table, AuditEntry.__table__).insert(), rows)


def install(factory: sessionmaker[Session]) -> None:
    """Attach the audit listeners to a session factory."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)

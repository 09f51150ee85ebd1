"""The append-only audit trail: every insert, update, delete (and read), with who and when.

Installed as ``before_flush``/``after_flush`` listeners on a case base's session factory,
so no service can forget it. NEN 7513 is the model:

* **who**: ``session.info["user"]`` (the desk user, set by
  :meth:`verzuimdesk.core.db.CaseBase.transaction`), preceded by the name of the person
  whose ``username`` it is; plus ``db_user``: PostgreSQL's ``current_user`` or the
  operating-system account (from the process, not from ``$LOGNAME``, which anyone can set);
* **what**: old and new values of the changed columns, with personal fields masked
  (:data:`PERSONAL_COLUMNS`): the trail keeps the fact of a change, never the name, BSN,
  birth date, address, phone, e-mail or free text itself;
* **tamper evidence**: entries form a hash chain (``seq``, ``prev_hash``, ``hash``) in
  commit order, serialised through the one ``audit_chain_head`` row; on SQLite triggers
  refuse UPDATE and DELETE of ``audit_entry``; :func:`verify_chain` checks it all.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, event, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from verzuimdesk.core.models import AuditEntry, Base, Person
from verzuimdesk.core.models_trust import AuditChainHead

#: Tables whose changes are not audited (the audit tables, recomputed signals, statistics).
UNAUDITED_TABLES = frozenset({"audit_entry", "audit_chain_head", "signal"})

#: Columns holding personal data or free text, per table: masked in the trail.
PERSONAL_COLUMNS: dict[str, frozenset[str]] = {
    "pupil": frozenset(
        {
            "first_name",
            "last_name",
            "birth_date",
            "bsn",
            "street",
            "postcode",
            "city",
            "parent_name",
            "parent_phone",
            "parent_email",
        }
    ),
    "person": frozenset({"name", "email", "phone"}),
    "school": frozenset({"contact_name", "contact_phone", "contact_email"}),
    "absence_record": frozenset({"note"}),
    "excused_gap": frozenset({"note"}),
    "case": frozenset({"outcome_note", "checklists"}),
    "case_event": frozenset({"text"}),
    "form_submission": frozenset({"values"}),
    "case_document": frozenset({"file_name"}),
}
#: What a masked value looks like in the trail: the fact that there was a value.
MASK = "***"
#: ``session.info`` key: deletes in this session keep no before-image at all (the removal
#: of a pupil after the retention term keeps only the fact of each delete).
FACT_ONLY = "audit_fact_only"
#: ``session.info`` key of the audit rows written at commit.
PENDING = "audit_pending"


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


def mask_values(table: str, values: dict[str, Any] | None) -> dict[str, Any] | None:
    """``values`` with the personal columns of ``table`` replaced by :data:`MASK`."""
    if values is None:
        return None
    personal = PERSONAL_COLUMNS.get(table, frozenset())
    return {
        key: (MASK if value not in (None, "", [], {}) else value) if key in personal else value
        for key, value in values.items()
    }


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


def os_account() -> str:
    """The operating-system account of this process (not ``$LOGNAME``, which can be set)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):  # Windows: no pwd module
        return getpass.getuser()


def _who(session: Session) -> tuple[str, str]:
    """(user as shown, database user) of ``session``; looked up once per session."""
    cached = session.info.get("audit_who")
    if cached is not None:
        return cast(tuple[str, str], cached)
    user = str(session.info.get("user", "onbekend"))
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        db_user = str(connection.execute(text("SELECT current_user")).scalar())
    else:
        db_user = os_account()
    person = connection.execute(select(Person.name).where(Person.username == user)).scalar()
    shown = f"{person} ({user})" if person else user
    session.info["audit_who"] = (shown, db_user)
    return shown, db_user


def _row(
    table: str,
    record_id: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> dict[str, Any]:
    """An audit row without who/when/chain (filled in by :func:`write_entries`)."""
    return {
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "before": mask_values(table, before),
        "after": mask_values(table, after),
    }


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    rows: list[dict[str, Any]] = session.info.setdefault("audit_rows", [])
    for obj in session.dirty:
        if not isinstance(obj, Base) or obj.__tablename__ in UNAUDITED_TABLES:
            continue
        if not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if before or after:
            rows.append(_row(obj.__tablename__, _record_id(obj), "update", before, after))
    for obj in session.deleted:
        if isinstance(obj, Base) and obj.__tablename__ not in UNAUDITED_TABLES:
            image = None if session.info.get(FACT_ONLY) else _columns(obj)
            rows.append(_row(obj.__tablename__, _record_id(obj), "delete", image, None))
    session.info.setdefault("audit_new", []).extend(
        obj
        for obj in session.new
        if isinstance(obj, Base) and obj.__tablename__ not in UNAUDITED_TABLES
    )


def _after_flush(session: Session, _context: Any) -> None:
    """Audit inserts after the flush, when their primary keys are known; write every row."""
    rows: list[dict[str, Any]] = session.info.pop("audit_rows", [])
    new = session.info.pop("audit_new", [])
    rows.extend(
        _row(obj.__tablename__, _record_id(obj), "insert", None, _columns(obj)) for obj in new
    )
    version = {"version"}
    # A version bump alone (a collection changed) is not a change anyone needs to read.
    rows = [r for r in rows if r["action"] != "update" or set(r["after"] or {}) - version]
    session.info.setdefault(PENDING, []).extend(rows)


def add_entry(session: Session, row: dict[str, Any]) -> None:
    """Add an entry that is not a row change (a read, a removal) to the transaction's trail:
    ``row`` has ``action``, ``table_name``, ``record_id``, ``before`` and ``after``."""
    session.info.setdefault(PENDING, []).append(row)


def _before_commit(session: Session) -> None:
    """Write the transaction's audit rows last, just before the commit.

    Taking the chain head only here keeps it the last lock a transaction takes and holds
    it for the shortest time: two desks that each changed a row the other one then needs
    cannot deadlock on it (PostgreSQL), and writers wait for each other only briefly.
    """
    session.flush()
    rows = session.info.pop(PENDING, [])
    if rows:
        write_entries(session, rows)


def _forget(session: Session, *_args: Any) -> None:
    """A rolled-back transaction leaves no audit rows behind."""
    session.info.pop(PENDING, None)
    session.info.pop("audit_rows", None)
    session.info.pop("audit_new", None)


def entry_hash(entry: dict[str, Any]) -> str:
    """The chain hash of one entry (its fields and the hash of the entry before it)."""
    at = entry["at"]
    if isinstance(at, dt.datetime):
        if at.tzinfo is not None:
            at = at.astimezone(dt.UTC).replace(tzinfo=None)
        at = at.isoformat(timespec="microseconds")
    payload = [
        entry["seq"],
        at,
        entry["user"],
        entry.get("db_user"),
        entry["action"],
        entry["table_name"],
        entry["record_id"],
        entry.get("before"),
        entry.get("after"),
        entry["prev_hash"],
    ]
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def write_entries(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Append ``rows`` (action, table_name, record_id, before, after) to the trail.

    Takes the chain head first: an UPDATE of its one row, which waits for any other
    audited transaction to commit (row lock on PostgreSQL, write lock on SQLite), so the
    chain follows the commit order.
    """
    rows = list(rows)
    if not rows:
        return
    user, db_user = _who(session)
    now = dt.datetime.now(dt.UTC)
    head = cast(Table, AuditChainHead.__table__)
    session.execute(update(head).where(head.c.id == 1).values(seq=head.c.seq + len(rows)))
    last_seq, last_hash = session.execute(
        select(head.c.seq, head.c.hash).where(head.c.id == 1)
    ).one()
    seq = last_seq - len(rows)
    prev = last_hash
    origin = session.info.get("origin")
    for row in rows:
        seq += 1
        row.update(at=now, user=user, db_user=db_user, origin=origin, seq=seq, prev_hash=prev)
        row["hash"] = prev = entry_hash(row)
    session.execute(update(head).where(head.c.id == 1).values(hash=prev))
    session.execute(cast(Table, AuditEntry.__table__).insert(), rows)


@dataclass(frozen=True)
class ChainReport:
    """Outcome of :func:`verify_chain`: how many entries, and the problems (Dutch)."""

    entries: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the chain is whole and unchanged."""
        return not self.problems


def verify_chain(session: Session) -> ChainReport:
    """Recompute the hash chain over every audit entry, in ``seq`` order."""
    problems: list[str] = []
    table = cast(Table, AuditEntry.__table__)
    prev = ""
    expected_seq = 1
    count = 0
    result = session.execute(select(table).order_by(table.c.seq.nulls_first(), table.c.id))
    for entry in result.mappings():
        count += 1
        if entry["seq"] is None:
            problems.append(f"Regel {entry['id']} hoort niet bij de keten (geen volgnummer).")
            continue
        if entry["seq"] != expected_seq:
            problems.append(
                f"Volgnummer {expected_seq} ontbreekt of is dubbel (gevonden: {entry['seq']})."
            )
        expected_seq = entry["seq"] + 1
        if entry["prev_hash"] != prev:
            problems.append(
                f"Regel {entry['seq']}: de keten is onderbroken (vorige hash klopt niet)."
            )
        if entry_hash(dict(entry)) != entry["hash"]:
            problems.append(f"Regel {entry['seq']}: de inhoud is na het schrijven gewijzigd.")
        prev = entry["hash"] or ""
    head = session.execute(select(AuditChainHead.seq, AuditChainHead.hash)).first()
    if head is None:
        problems.append("De kop van de keten ontbreekt.")
    elif (head.seq, head.hash) != (expected_seq - 1, prev):
        problems.append("Aan het eind van de keten ontbreken regels (verwijderd).")
    return ChainReport(count, tuple(problems))


def install(factory: sessionmaker[Session]) -> None:
    """Attach the audit listeners to a session factory (one open desk: one ``origin``)."""
    factory.configure(info={**factory.kw.get("info", {}), "origin": uuid.uuid4().hex[:16]})
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_rollback", _forget)

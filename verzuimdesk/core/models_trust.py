"""Tables of the trust features: the audit hash-chain head and anonymous removal statistics.

Imported by ``core/audit.py`` (and so by ``core/db.py``) rather than from ``core/models.py``,
which would make an import cycle: whoever opens or creates a case base has these tables in
``Base.metadata``. Also installs the SQLite triggers that make ``audit_entry`` append-only
on every case base made with ``create_all`` (migration 0007 makes them on upgraded ones),
and on PostgreSQL the trigger that notifies open desks of a change (migration 0010).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DDL, Date, DateTime, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from verzuimdesk.core.models import AuditEntry, Base, utcnow

#: SQLite triggers refusing every UPDATE and DELETE of an audit entry (tamper evidence).
SQLITE_AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
)

#: The PostgreSQL channel a commit with changes notifies (``LISTEN`` in
#: :mod:`verzuimdesk.core.services.change_listener`): open desks refresh at once.
CHANGE_CHANNEL = "verzuimdesk_changes"
#: PostgreSQL: every audit entry of a change (not of a read) notifies the channel at commit;
#: PostgreSQL folds the notifications of one transaction into one.
POSTGRES_NOTIFY_DDL = (
    "CREATE OR REPLACE FUNCTION verzuimdesk_notify_change() RETURNS trigger "
    f"LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{CHANGE_CHANNEL}', ''); RETURN NULL; "
    "END $$",
    "CREATE TRIGGER audit_entry_notify AFTER INSERT ON audit_entry FOR EACH ROW "
    "WHEN (NEW.action <> 'read') EXECUTE FUNCTION verzuimdesk_notify_change()",
)


class AuditChainHead(Base):
    """The one row holding the end of the audit hash chain.

    Every audited transaction updates it first, which serialises the chain (a row lock on
    PostgreSQL, the write lock on SQLite): entries get consecutive ``seq`` numbers in commit
    order and each hash covers the one before.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")


class RemovedPupilStat(Base):
    """What remains of a pupil removed after the retention term: no person, only counts.

    One row per removed case (or one per pupil without cases), for the statistics the SWV
    and the municipality report over past years.
    """

    __tablename__ = "removed_pupil_stat"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    removed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    municipality: Mapped[str | None] = mapped_column(String(100))
    school_sector: Mapped[str | None] = mapped_column(String(8))
    case_opened_on: Mapped[dt.date | None] = mapped_column(Date)
    case_closed_on: Mapped[dt.date | None] = mapped_column(Date)
    last_stage_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str | None] = mapped_column(String(64))
    inspectie_category: Mapped[str | None] = mapped_column(String(4))
    #: Which retention term expired: ``leerplicht``, ``kwalificatieplicht`` or ``dossier``.
    reason: Mapped[str] = mapped_column(String(32))


for _statement in SQLITE_AUDIT_TRIGGERS:
    _ddl = DDL(_statement).execute_if(dialect="sqlite")  # type: ignore[no-untyped-call]
    event.listen(AuditEntry.__table__, "after_create", _ddl)

for _statement in POSTGRES_NOTIFY_DDL:
    _ddl = DDL(_statement).execute_if(dialect="postgresql")  # type: ignore[no-untyped-call]
    event.listen(AuditEntry.__table__, "after_create", _ddl)

#: The chain starts empty: one head row, made with the table.
_HEAD_ROW = "INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '')"
event.listen(AuditChainHead.__table__, "after_create", DDL(_HEAD_ROW))  # type: ignore[no-untyped-call]

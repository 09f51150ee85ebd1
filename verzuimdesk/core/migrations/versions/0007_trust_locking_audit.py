"""trust: version columns (optimistic locking), audit hash chain, privacy columns

Adds ``version`` to every editable table, the audit entry's ``db_user``/``origin`` and
hash-chain columns, the chain head, the anonymous removal statistics and the pupil's
objection to sharing with parents. Existing audit entries get their personal fields masked
and are chained in id order; on SQLite triggers then make ``audit_entry`` append-only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 09:40:00.000000
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Every table whose rows the desk edits: they get an optimistic-locking version.
VERSIONED = (
    "school",
    "school_free_period",
    "pupil",
    "enrolment",
    "exemption",
    "excused_gap",
    "absence_record",
    "person",
    "case",
    "case_event",
    "deadline",
    "form_submission",
    "role_assignment",
)


def _chain_existing_entries() -> None:
    """Mask and chain the audit entries written before this revision."""
    from verzuimdesk.core.audit import entry_hash, mask_values

    bind = op.get_bind()
    entry = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("user", sa.String),
        sa.column("db_user", sa.String),
        sa.column("action", sa.String),
        sa.column("table_name", sa.String),
        sa.column("record_id", sa.String),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("seq", sa.Integer),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    prev = ""
    seq = 0
    rows = bind.execute(sa.select(entry).order_by(entry.c.id)).mappings().all()
    for row in rows:
        seq += 1
        values: dict[str, Any] = dict(row)
        values["before"] = mask_values(row["table_name"], row["before"])
        values["after"] = mask_values(row["table_name"], row["after"])
        values.update(seq=seq, prev_hash=prev)
        values["hash"] = prev = entry_hash(values)
        bind.execute(
            entry.update()
            .where(entry.c.id == row["id"])
            .values(
                before=values["before"],
                after=values["after"],
                seq=seq,
                prev_hash=values["prev_hash"],
                hash=prev,
            )
        )
    head = sa.table(
        "audit_chain_head",
        sa.column("id", sa.Integer),
        sa.column("seq", sa.Integer),
        sa.column("hash", sa.String),
    )
    bind.execute(head.insert().values(id=1, seq=seq, hash=prev))


def upgrade() -> None:
    """Apply this revision."""
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
    with op.batch_alter_table("pupil", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "objects_to_parent_sharing",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=False,
            )
        )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_user", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("origin", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_audit_entry_seq"), ["seq"])
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "removed_pupil_stat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("municipality", sa.String(length=100), nullable=True),
        sa.Column("school_sector", sa.String(length=8), nullable=True),
        sa.Column("case_opened_on", sa.Date(), nullable=True),
        sa.Column("case_closed_on", sa.Date(), nullable=True),
        sa.Column("last_stage_id", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=64), nullable=True),
        sa.Column("inspectie_category", sa.String(length=4), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_removed_pupil_stat")),
    )
    _chain_existing_entries()
    if op.get_bind().dialect.name == "sqlite":
        from verzuimdesk.core.models_trust import SQLITE_AUDIT_TRIGGERS

        for statement in SQLITE_AUDIT_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    op.drop_table("removed_pupil_stat")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_entry_seq"), type_="unique")
        for column in ("hash", "prev_hash", "seq", "origin", "db_user"):
            batch_op.drop_column(column)
    with op.batch_alter_table("pupil", schema=None) as batch_op:
        batch_op.drop_column("objects_to_parent_sharing")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")

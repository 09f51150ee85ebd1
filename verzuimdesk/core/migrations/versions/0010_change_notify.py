"""change notify: on PostgreSQL every change's audit entry notifies open desks (LISTEN)

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-30 13:00:00.000000
"""

from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision (PostgreSQL only; SQLite desks keep polling)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    from verzuimdesk.core.models_trust import POSTGRES_NOTIFY_DDL

    for statement in POSTGRES_NOTIFY_DDL:
        op.execute(statement)


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_entry_notify ON audit_entry")
    op.execute("DROP FUNCTION IF EXISTS verzuimdesk_notify_change()")

"""absence hours with four decimals: a record keeps its whole seconds (5 h 20 min = 5.3333)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:55:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("absence_record", schema=None) as batch_op:
        batch_op.alter_column(
            "hours",
            existing_type=sa.Numeric(precision=5, scale=2),
            type_=sa.Numeric(precision=8, scale=4),
            existing_nullable=False,
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("absence_record", schema=None) as batch_op:
        batch_op.alter_column(
            "hours",
            existing_type=sa.Numeric(precision=8, scale=4),
            type_=sa.Numeric(precision=5, scale=2),
            existing_nullable=False,
        )

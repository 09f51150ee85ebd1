"""import tables: saved import mappings per school and the pupils' school numbers

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 09:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_import_mapping_school_id_school"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint("name", name="uq_import_mapping_name"),
    )
    with op.batch_alter_table("import_mapping", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_mapping_school_id"), ["school_id"], unique=False
        )
    op.create_table(
        "pupil_school_number",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupil.id"],
            name=op.f("fk_pupil_school_number_pupil_id_pupil"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_pupil_school_number_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pupil_school_number")),
        sa.UniqueConstraint("school_id", "number", name="uq_pupil_school_number_school_number"),
    )
    with op.batch_alter_table("pupil_school_number", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pupil_school_number_pupil_id"), ["pupil_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("pupil_school_number", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pupil_school_number_pupil_id"))
    op.drop_table("pupil_school_number")
    with op.batch_alter_table("import_mapping", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_mapping_school_id"))
    op.drop_table("import_mapping")

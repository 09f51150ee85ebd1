"""the phone round: school contact persons, rounds, their schools and pupils, school calls,
region deadlines (issue 10); the school's one contact becomes its first contact person

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "call_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_round")),
        sa.UniqueConstraint("quarter", name=op.f("uq_call_round_quarter")),
    )
    op.create_table(
        "call_round_school",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("call_result", sa.String(length=16), nullable=True),
        sa.Column("callback_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["call_round.id"],
            name=op.f("fk_call_round_school_round_id_call_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_call_round_school_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_round_school")),
        sa.UniqueConstraint("round_id", "school_id", name="uq_round_school"),
    )
    op.create_index(
        op.f("ix_call_round_school_round_id"), "call_round_school", ["round_id"], unique=False
    )
    op.create_index(
        op.f("ix_call_round_school_school_id"), "call_round_school", ["school_id"], unique=False
    )
    op.create_table(
        "region_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_region_deadline_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region_deadline")),
        sa.UniqueConstraint("key", name=op.f("uq_region_deadline_key")),
    )
    op.create_index(
        "ix_region_deadline_open_due", "region_deadline", ["done_on", "due_on"], unique=False
    )
    op.create_table(
        "school_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_school_contact_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_contact")),
    )
    op.create_index(
        op.f("ix_school_contact_school_id"), "school_contact", ["school_id"], unique=False
    )
    op.create_table(
        "school_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("round_school_id", sa.Integer(), nullable=True),
        sa.Column("called_on", sa.Date(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("callback_on", sa.Date(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["school_contact.id"],
            name=op.f("fk_school_call_contact_id_school_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_school_id"],
            ["call_round_school.id"],
            name=op.f("fk_school_call_round_school_id_call_round_school"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_school_call_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_call")),
    )
    op.create_index(
        op.f("ix_school_call_round_school_id"), "school_call", ["round_school_id"], unique=False
    )
    op.create_index(op.f("ix_school_call_school_id"), "school_call", ["school_id"], unique=False)
    op.create_table(
        "call_round_pupil",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_school_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_call_round_pupil_case_id_case"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["case_event.id"],
            name=op.f("fk_call_round_pupil_event_id_case_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupil.id"],
            name=op.f("fk_call_round_pupil_pupil_id_pupil"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_school_id"],
            ["call_round_school.id"],
            name=op.f("fk_call_round_pupil_round_school_id_call_round_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_round_pupil")),
        sa.UniqueConstraint("round_school_id", "pupil_id", name="uq_round_pupil"),
    )
    op.create_index(
        op.f("ix_call_round_pupil_pupil_id"), "call_round_pupil", ["pupil_id"], unique=False
    )
    op.create_index(
        op.f("ix_call_round_pupil_round_school_id"),
        "call_round_pupil",
        ["round_school_id"],
        unique=False,
    )

    # The school's one contact (school.contact_*) becomes its first contact person.
    school = sa.table(
        "school",
        sa.column("id", sa.Integer()),
        sa.column("contact_name", sa.String()),
        sa.column("contact_phone", sa.String()),
        sa.column("contact_email", sa.String()),
    )
    contact = sa.table(
        "school_contact",
        sa.column("school_id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("role", sa.String()),
        sa.column("phone", sa.String()),
        sa.column("email", sa.String()),
        sa.column("position", sa.Integer()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            school.c.id, school.c.contact_name, school.c.contact_phone, school.c.contact_email
        ).where(school.c.contact_name.is_not(None), school.c.contact_name != "")
    ).all()
    if rows:
        bind.execute(
            contact.insert(),
            [
                {
                    "school_id": i,
                    "name": n,
                    "role": "Contactpersoon",
                    "phone": p,
                    "email": m,
                    "position": 0,
                }
                for i, n, p, m in rows
            ],
        )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_call_round_pupil_round_school_id"), table_name="call_round_pupil")
    op.drop_index(op.f("ix_call_round_pupil_pupil_id"), table_name="call_round_pupil")
    op.drop_table("call_round_pupil")
    op.drop_index(op.f("ix_school_call_school_id"), table_name="school_call")
    op.drop_index(op.f("ix_school_call_round_school_id"), table_name="school_call")
    op.drop_table("school_call")
    op.drop_index(op.f("ix_school_contact_school_id"), table_name="school_contact")
    op.drop_table("school_contact")
    op.drop_index("ix_region_deadline_open_due", table_name="region_deadline")
    op.drop_table("region_deadline")
    op.drop_index(op.f("ix_call_round_school_school_id"), table_name="call_round_school")
    op.drop_index(op.f("ix_call_round_school_round_id"), table_name="call_round_school")
    op.drop_table("call_round_school")
    op.drop_table("call_round")

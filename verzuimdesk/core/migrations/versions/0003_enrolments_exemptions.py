"""enrolments, exemptions and excused gaps as history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00

A pupil had one school, one enrolled_from/enrolled_until and one exemption article
without dates. The law looks at these over time (rules.md §7–§8), so they become rows:

- ``enrolment``: one row per pupil that had a school or enrolment dates. An enrolment
  without ``enrolled_from`` starts at the first of the month after the pupil's 5th
  birthday (the start of leerplicht, give or take the first schooldag), so the history
  before the move is not counted as absoluut verzuim.
- ``exemption``: the old article (5a/5b/5c) becomes an open exemption from that same day.
- ``excused_gap``: new, empty.

``pupil.school_id`` stays: it is the *current* school, kept from the enrolments.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _leerplicht_start(birth: dt.date) -> dt.date:
    """The first of the month after the 5th birthday (29 Feb counts as 1 Mar)."""
    month = birth.month + 1
    year = birth.year + 5
    if month == 13:
        month, year = 1, year + 1
    return dt.date(year, month, 1)


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupil.id"], name=op.f("fk_enrolment_pupil_id_pupil"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_enrolment_school_id_school"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment")),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_pupil_id"), ["pupil_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_school_id"), ["school_id"], unique=False)
    op.create_table(
        "exemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupil.id"], name=op.f("fk_exemption_pupil_id_pupil"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemption")),
    )
    with op.batch_alter_table("exemption", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exemption_pupil_id"), ["pupil_id"], unique=False)
    op.create_table(
        "excused_gap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupil.id"],
            name=op.f("fk_excused_gap_pupil_id_pupil"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_excused_gap")),
    )
    with op.batch_alter_table("excused_gap", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_excused_gap_pupil_id"), ["pupil_id"], unique=False)

    # Read first, drop, then insert: on SQLite batch mode rebuilds the pupil table, and
    # dropping the old one would cascade-delete rows that already point at it.
    enrolments, exemptions = _rows_from_pupil_columns()
    with op.batch_alter_table("pupil", schema=None) as batch_op:
        batch_op.drop_column("exemption")
        batch_op.drop_column("enrolled_until")
        batch_op.drop_column("enrolled_from")
    _insert_rows(enrolments, exemptions)


def _rows_from_pupil_columns() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    conn = op.get_bind()
    pupil = sa.table(
        "pupil",
        sa.column("id", sa.Integer),
        sa.column("birth_date", sa.Date),
        sa.column("school_id", sa.Integer),
        sa.column("enrolled_from", sa.Date),
        sa.column("enrolled_until", sa.Date),
        sa.column("exemption", sa.String),
    )
    enrolments: list[dict[str, object]] = []
    exemptions: list[dict[str, object]] = []
    for row in conn.execute(sa.select(pupil)).mappings():
        birth = _as_date(row["birth_date"])
        assert birth is not None  # birth_date is NOT NULL
        since = _leerplicht_start(birth)
        start = _as_date(row["enrolled_from"]) or since
        end = _as_date(row["enrolled_until"])
        if row["school_id"] is not None or row["enrolled_from"] or row["enrolled_until"]:
            if end is not None and end < start:
                end = start  # an inconsistent old row keeps at least its start
            enrolments.append(
                {"pupil_id": row["id"], "school_id": row["school_id"], "start": start, "end": end}
            )
        if row["exemption"] in ("5a", "5b", "5c"):
            exemptions.append(
                {"pupil_id": row["id"], "kind": row["exemption"], "start": since, "end": None}
            )
    return enrolments, exemptions


def _insert_rows(enrolments: list[dict[str, object]], exemptions: list[dict[str, object]]) -> None:
    conn = op.get_bind()
    enrolment = sa.table(
        "enrolment",
        sa.column("pupil_id", sa.Integer),
        sa.column("school_id", sa.Integer),
        sa.column("start", sa.Date),
        sa.column("end", sa.Date),
    )
    exemption = sa.table(
        "exemption",
        sa.column("pupil_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("start", sa.Date),
        sa.column("end", sa.Date),
    )
    if enrolments:
        conn.execute(enrolment.insert(), enrolments)
    if exemptions:
        conn.execute(exemption.insert(), exemptions)


def downgrade() -> None:
    """Revert this revision: the latest enrolment and an art. 5 exemption go back on the pupil."""
    with op.batch_alter_table("pupil", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enrolled_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("enrolled_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("exemption", sa.String(length=4), nullable=True))
    conn = op.get_bind()
    pupil = sa.table(
        "pupil",
        sa.column("id", sa.Integer),
        sa.column("enrolled_from", sa.Date),
        sa.column("enrolled_until", sa.Date),
        sa.column("exemption", sa.String),
    )
    latest: dict[int, tuple[dt.date, dt.date | None]] = {}
    for pupil_id, start, end in conn.execute(
        sa.text('SELECT pupil_id, start, "end" FROM enrolment ORDER BY start')
    ):
        latest[pupil_id] = (_as_date(start), _as_date(end))  # type: ignore[assignment]
    for pupil_id, (start, end) in latest.items():
        conn.execute(
            pupil.update()
            .where(pupil.c.id == pupil_id)
            .values(enrolled_from=start, enrolled_until=end)
        )
    for pupil_id, kind in conn.execute(
        sa.text("SELECT pupil_id, kind FROM exemption WHERE kind IN ('5a', '5b', '5c')")
    ):
        conn.execute(pupil.update().where(pupil.c.id == pupil_id).values(exemption=kind))
    with op.batch_alter_table("excused_gap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_excused_gap_pupil_id"))
    op.drop_table("excused_gap")
    with op.batch_alter_table("exemption", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exemption_pupil_id"))
    op.drop_table("exemption")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_school_id"))
        batch_op.drop_index(batch_op.f("ix_enrolment_pupil_id"))
    op.drop_table("enrolment")

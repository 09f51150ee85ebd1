"""Helpers for the upgrade tests: an old case base and a scripts folder with a test migration.

The test migration (revision ``0099``) adds a column and then, depending on the
environment, fails or waits; it lives in a copy of the packaged migrations so the
real ones are never changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from verzuimdesk.core import db, migrate
from verzuimdesk.core.models import CaseBaseSetting, School

TEST_MIGRATION = '''"""test only: add a column, then fail or wait as the environment says"""

import os
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("school", sa.Column("half_upgrade", sa.Integer(), nullable=True))
    op.execute("UPDATE school SET half_upgrade = 1")
    mode = os.environ.get("VD_TEST_MIGRATION", "")
    if mode == "fail":
        raise RuntimeError("test migration fails half-way")
    if mode.startswith("wait:"):
        Path(mode[5:]).write_text("halfway", encoding="utf-8")
        time.sleep(60)


def downgrade() -> None:
    op.drop_column("school", "half_upgrade")
'''


REBUILD_CASE = '''"""test only: rebuild the case table (batch mode copies, drops, renames it)"""

import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("rebuilt", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case", recreate="always") as batch_op:
        batch_op.drop_column("rebuilt")
'''


def scripts_with_test_migration(folder: Path, source: str = TEST_MIGRATION) -> Path:
    """Copy the packaged migrations to ``folder`` and add a test migration ``0099``."""
    target = folder / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "0099_test_migration.py").write_text(
        source.replace("{down}", migrate.head_revision()), encoding="utf-8"
    )
    return target


def make_case_base_at_head(path: Path) -> None:
    """Create a case base file at the app's newest revision with one school."""
    case_base = db.create_case_base(db.sqlite_url(path), "amsterdam")
    with case_base.engine.begin() as conn:
        conn.execute(
            School.__table__.insert(),
            [
                {
                    "name": "Het Lyceum",
                    "sector": "VO",
                    "vacation_region": "noord",
                    "goede_vrijdag_free": False,
                    "bevrijdingsdag_free": False,
                    "explicit_calendar": False,
                }
            ],
        )
        assert conn.execute(CaseBaseSetting.__table__.select()).first() is not None
    case_base.close()

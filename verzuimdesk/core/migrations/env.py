"""Alembic environment: runs on the connection VerzuimDesk passes in (never an ini URL)."""

from alembic import context
from sqlalchemy import Connection, create_engine

from verzuimdesk.core import models_round  # noqa: F401  (its tables join Base.metadata)
from verzuimdesk.core.models import Base

config = context.config
target_metadata = Base.metadata


def _run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run_with(connection)
else:  # developer use: `alembic -x url=... revision --autogenerate`
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///dev.sqlite")
    with create_engine(url, hide_parameters=True).connect() as conn:
        _run_with(conn)
        conn.commit()

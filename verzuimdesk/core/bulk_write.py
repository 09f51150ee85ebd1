"""Bulk writes for region-scale data: the demo generator, and later the import and restore.

* :class:`BulkWriter` inserts rows as fast as the database allows: PostgreSQL's ``COPY``
  (psycopg 3's ``cursor.copy``), SQLite's driver ``executemany``, and SQLAlchemy Core for
  anything else.
* :func:`fix_sequences` moves PostgreSQL's id sequences past the ids a bulk insert wrote
  explicitly (otherwise the next ``INSERT`` without an id collides with an existing row).
* :func:`analyze` refreshes the planner statistics after a bulk write (without them
  PostgreSQL picks nested loops for the desk's queries on a fresh case base).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Engine, Integer, Numeric, Table, insert
from sqlalchemy.engine import Connection

from verzuimdesk.core.models import Base

#: Rows per ``executemany`` batch on SQLite (bounded memory for the parameter tuples).
SQLITE_BATCH = 20_000


def _missing_defaults(table: Table, keys: Sequence[str]) -> dict[str, Any]:
    """Python-side scalar/callable defaults of the columns the rows leave out.

    SQLAlchemy's ``insert()`` applies these itself; ``COPY`` and a raw ``executemany``
    would write NULL, so the writer adds them.
    """
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name in keys or column.default is None:
            continue
        default = column.default
        if getattr(default, "is_scalar", False):
            out[column.name] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            out[column.name] = default.arg(None)  # type: ignore[attr-defined]
    return out


def _converter(table: Table, name: str, sqlite: bool) -> Any:
    """How one column's Python value is handed to the driver (None: as it is)."""
    kind = table.columns[name].type
    if isinstance(kind, JSON):
        return lambda v: None if v is None else json.dumps(v)
    if not sqlite:
        return None
    if isinstance(kind, Date):
        return _iso_date
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else int(v)
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return lambda v: None if v is None else float(v)
    return None


_ISO: dict[Any, str] = {}


def _iso_date(value: Any) -> str | None:
    """``date`` → ISO text as SQLAlchemy stores it on SQLite (memoised: few distinct days)."""
    if value is None:
        return None
    text = _ISO.get(value)
    if text is None:
        text = _ISO[value] = value.isoformat()
    return text


def driver_date(dialect: str) -> Any:
    """How a date goes into :meth:`BulkWriter.write_tuples` for ``dialect``."""
    return _iso_date if dialect == "sqlite" else (lambda value: value)


class BulkWriter:
    """Writes lists of row dicts into tables on one open connection (one transaction).

    ``rows`` of one call share their keys. The writer keeps no rows: callers stream
    chunks through :meth:`write`.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.rows_written = 0

    def write(self, table: Table | Any, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ``rows`` into ``table`` (a ``Table`` or a mapped class)."""
        if not rows:
            return
        table = table if isinstance(table, Table) else table.__table__
        self.rows_written += len(rows)
        if self.dialect == "postgresql":
            self._copy(table, rows)
        elif self.dialect == "sqlite" and not any(
            isinstance(c.type, DateTime) for c in table.columns
        ):
            self._executemany(table, rows)
        else:
            self.conn.execute(insert(table), list(rows))

    def write_tuples(
        self, table: Table | Any, names: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        """Insert driver-ready tuples (dates through :func:`driver_date`): the fast path for
        the largest tables. ``names`` are the columns, in the tuples' order."""
        if not rows:
            return
        table = table if isinstance(table, Table) else table.__table__
        self.rows_written += len(rows)
        columns = ", ".join(f'"{n}"' for n in names)
        if self.dialect == "postgresql":
            self._copy_tuples(table, columns, rows)
        elif self.dialect == "sqlite":
            marks = ", ".join("?" for _ in names)
            self.conn.exec_driver_sql(
                f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows
            )
        else:
            self.conn.execute(insert(table), [dict(zip(names, r, strict=True)) for r in rows])

    def _columns(
        self, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> tuple[list[str], dict[str, Any]]:
        keys = list(rows[0].keys())
        defaults = _missing_defaults(table, keys)
        return [*keys, *defaults], defaults

    def _tuples(
        self,
        table: Table,
        rows: Iterable[Mapping[str, Any]],
        names: list[str],
        defaults: dict[str, Any],
        sqlite: bool,
    ) -> Iterable[tuple[Any, ...]]:
        keys = [n for n in names if n not in defaults]
        convert = [_converter(table, n, sqlite) for n in names]
        fixed = [defaults[n] for n in names if n in defaults]
        plain = not any(convert)
        for row in rows:
            values = [row[k] for k in keys]
            values.extend(fixed)
            if plain:
                yield tuple(values)
            else:
                yield tuple(v if c is None else c(v) for v, c in zip(values, convert, strict=True))

    def _copy(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        names, defaults = self._columns(table, rows)
        columns = ", ".join(f'"{n}"' for n in names)
        self._copy_tuples(table, columns, self._tuples(table, rows, names, defaults, sqlite=False))

    def _copy_tuples(self, table: Table, columns: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """``COPY … FROM STDIN`` through psycopg 3's ``cursor.copy`` (text format)."""
        raw: Any = self.conn.connection.dbapi_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy,
        ):
            for values in rows:
                copy.write_row(values)

    def _executemany(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        names, defaults = self._columns(table, rows)
        columns = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" for _ in names)
        sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'
        batch: list[tuple[Any, ...]] = []
        for values in self._tuples(table, rows, names, defaults, sqlite=True):
            batch.append(values)
            if len(batch) >= SQLITE_BATCH:
                self.conn.exec_driver_sql(sql, batch)
                batch = []
        if batch:
            self.conn.exec_driver_sql(sql, batch)


def fix_sequences(conn: Connection) -> None:
    """Set every PostgreSQL id sequence to the table's highest id (no-op elsewhere).

    Issue 11: the demo wrote explicit ids, the sequences stayed at 1, and the first new
    cases failed with a duplicate key. Call this after any bulk write with explicit ids.
    """
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        column = table.columns.get("id")
        if column is None or not column.primary_key or not isinstance(column.type, Integer):
            continue
        sequence = conn.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%(t)s, 'id')", {"t": f'"{table.name}"'}
        ).scalar()
        if sequence is None:
            continue
        conn.exec_driver_sql(
            f'SELECT setval(%(s)s, COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)',
            {"s": sequence},
        )


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics after a bulk write (demo, import, restore).

    PostgreSQL: ``ANALYZE`` of the whole database. SQLite: a sampled ``ANALYZE`` (a
    bounded number of rows per index, so it takes well under a second at region scale).
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        return
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")

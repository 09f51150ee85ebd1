"""Read the absence records of a set of pupils as numpy columns (the fast path's input).

Arrow-native through ADBC (``adbc-driver-sqlite`` / ``adbc-driver-postgresql``) when the
driver is installed and the read needs no open transaction: the database's own C driver
fills Arrow arrays and releases the GIL, so the next chunk is read while Python computes
this one. Otherwise (another database, an in-memory SQLite, a read inside the caller's
transaction) through SQLAlchemy Core, the rows then turned into the same columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from verzuimdesk.core.db import CaseBase, _sqlite_path
from verzuimdesk.core.models import AbsenceRecord
from verzuimdesk.core.rules.record_columns import KIND_CODES, UNITS_PER_HOUR

__all__ = ["RecordChunk", "read_records"]

_CODES = {kind.value: code for kind, code in KIND_CODES.items()}
#: ``date32`` counts days from 1970-01-01; this is that day's ``toordinal()``.
_EPOCH_ORDINAL = 719_163


@dataclass
class RecordChunk:
    """Absence records as parallel columns; kinds the desk does not know are left out."""

    pupil_ids: npt.NDArray[np.int64]
    ords: npt.NDArray[np.int64]
    units: npt.NDArray[np.int64]
    hours: npt.NDArray[np.float64]
    kinds: npt.NDArray[np.int8]

    @property
    def kind_names(self) -> list[str]:
        """Each record's kind as the desk names it (for the rules' ``Absence`` values)."""
        names = {code: kind.value for kind, code in KIND_CODES.items()}
        return [names[k] for k in self.kinds.tolist()]


def read_records(
    case_base: CaseBase, pupil_ids: Sequence[int], *, session: Session | None = None
) -> RecordChunk:
    """The records of *pupil_ids* (any order; read as one id range, then filtered)."""
    if len(pupil_ids) == 0:
        return _columns(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), [])
    lo, hi = min(pupil_ids), max(pupil_ids)
    chunk = None
    if session is None:
        chunk = _read_adbc(case_base.url, lo, hi)
    if chunk is None:
        chunk = _read_sqlalchemy(case_base, session, lo, hi)
    if hi - lo + 1 != len(set(pupil_ids)):
        keep = np.isin(chunk.pupil_ids, np.array(sorted(set(pupil_ids)), dtype=np.int64))
        chunk = RecordChunk(
            chunk.pupil_ids[keep],
            chunk.ords[keep],
            chunk.units[keep],
            chunk.hours[keep],
            chunk.kinds[keep],
        )
    return chunk


def _columns(
    pupil_ids: np.ndarray,
    ords: np.ndarray,
    hours: np.ndarray,
    kind_names: list[str],
    kind_index: np.ndarray | None = None,
) -> RecordChunk:
    """Build a :class:`RecordChunk`, leaving out records of an unknown kind.

    *kind_names*: each record's kind, or (with *kind_index*) the distinct kinds and each
    record's index into them.
    """
    if kind_index is None:
        distinct = sorted(set(kind_names))
        where = {k: i for i, k in enumerate(distinct)}
        kind_index = np.array([where[k] for k in kind_names], dtype=np.int64)
        kind_names = distinct
    codes = np.array([_CODES.get(k, -1) for k in kind_names] + [-1], dtype=np.int8)
    kinds = codes[kind_index]
    hours = hours.astype(np.float64, copy=False)
    if len(kinds) and kinds.min() < 0:
        keep = kinds >= 0
        pupil_ids, ords, hours, kinds = pupil_ids[keep], ords[keep], hours[keep], kinds[keep]
    units = np.rint(hours * UNITS_PER_HOUR).astype(np.int64)
    return RecordChunk(
        pupil_ids.astype(np.int64, copy=False),
        ords.astype(np.int64, copy=False),
        units,
        hours,
        kinds,
    )


def _read_adbc(url: str, lo: int, hi: int) -> RecordChunk | None:
    """Read through ADBC into Arrow; None when no ADBC driver serves this database."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            path = _sqlite_path(url)
            if path is None:
                return None
            import adbc_driver_sqlite.dbapi as driver

            connection: Any = driver.connect(str(path))
            hours_type = "REAL"
        elif backend == "postgresql":
            import adbc_driver_postgresql.dbapi as driver_pg

            plain = parsed.set(drivername="postgresql")
            connection = driver_pg.connect(plain.render_as_string(hide_password=False))
            hours_type = "DOUBLE PRECISION"
        else:
            return None
    except ImportError:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT pupil_id, date, CAST(hours AS {hours_type}) AS hours, kind"
                f" FROM absence_record WHERE pupil_id BETWEEN {int(lo)} AND {int(hi)}"
            )
            table = cursor.fetch_arrow_table()
    finally:
        connection.close()
    if table.num_rows == 0:
        return _columns(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), [])
    dates = table["date"]
    if not pa.types.is_date32(dates.type):
        dates = pc.cast(dates, pa.date32())
    ords = pc.cast(dates, pa.int32()).to_numpy().astype(np.int64) + _EPOCH_ORDINAL
    encoded = pc.dictionary_encode(table["kind"]).combine_chunks()
    return _columns(
        table["pupil_id"].to_numpy(),
        ords,
        pc.cast(table["hours"], pa.float64()).to_numpy(),
        encoded.dictionary.to_pylist(),
        encoded.indices.to_numpy().astype(np.int64),
    )


def _read_sqlalchemy(case_base: CaseBase, session: Session | None, lo: int, hi: int) -> RecordChunk:
    """Read through SQLAlchemy Core (inside *session* when given)."""
    query = select(
        AbsenceRecord.pupil_id, AbsenceRecord.date, AbsenceRecord.hours, AbsenceRecord.kind
    ).where(AbsenceRecord.pupil_id.between(lo, hi))
    if session is not None:
        rows = session.execute(query).all()
    else:
        with case_base.engine.connect() as connection:
            rows = connection.execute(query).all()
    if not rows:
        return _columns(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), [])
    pupil_ids, dates, hours, kinds = zip(*rows, strict=True)
    return _columns(
        np.array(pupil_ids, dtype=np.int64),
        np.array([d.toordinal() for d in dates], dtype=np.int64),
        np.array([float(h) for h in hours], dtype=np.float64),
        list(kinds),
    )

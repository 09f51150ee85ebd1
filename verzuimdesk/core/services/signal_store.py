"""Writing computed signals to the ``signal`` table for a batch of pupils at once.

Shared by the bulk recompute (:mod:`.bulk_recompute`) and the import's recompute
(:mod:`verzuimdesk.core.importing.recompute`): the batch's stored signals are replaced by
the computed ones with one delete and one bulk insert, and the date a signal was
reported (``reported_on``) is carried over to the same signal (pupil, code, datum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import StoredSignal
from verzuimdesk.core.rules.types import Signal

__all__ = ["store_signals"]


def store_signals(
    session: Session, pupil_ids: Sequence[int], computed: Mapping[int, Iterable[Signal]]
) -> None:
    """Replace the stored signals of *pupil_ids* by *computed* (pupil id -> signals),
    keeping the date a signal was reported."""
    reported: dict[tuple[int, str, dt.date], dt.date | None] = {
        (pid, code, datum): on
        for pid, code, datum, on in session.execute(
            select(
                StoredSignal.pupil_id,
                StoredSignal.code,
                StoredSignal.datum,
                StoredSignal.reported_on,
            ).where(StoredSignal.pupil_id.in_(pupil_ids), StoredSignal.reported_on.is_not(None))
        )
    }
    session.execute(delete(StoredSignal).where(StoredSignal.pupil_id.in_(pupil_ids)))
    rows = [
        {
            "pupil_id": pid,
            "code": s.code,
            "datum": s.datum,
            "start": s.start,
            "eind": s.eind,
            "uren": None if s.uren is None else Decimal(str(round(s.uren, 2))),
            "deadline_on": s.deadline,
            "reported_on": reported.get((pid, s.code, s.datum)),
        }
        for pid, signals in computed.items()
        for s in signals
    ]
    if rows:
        # Core executemany on the session's connection: no ORM objects for 100,000s of rows
        session.connection().execute(insert(StoredSignal), rows)

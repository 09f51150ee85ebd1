"""Recompute the signals and signal deadlines of many pupils at once, on the fast path.

What :func:`~verzuimdesk.core.services.absences.recompute_in_session` does for one pupil
after a change — national, regional and legal signals, the stored ``signal`` rows (a
signal's *reported* date kept), the open case's signal deadlines, first absence day and
inspectie category — done here for every pupil of a case base or of a school, chunk by
chunk of pupils so memory stays flat:

1. the chunk's absence records are read as columns (:mod:`.record_reader`: Arrow through
   ADBC where it is installed, else the driver's rows into numpy), the next chunk read in
   a background thread while this one is computed;
2. the national signals of the chunk are computed per school setting on the columnar
   path (:func:`verzuimdesk.core.rules.columnar.national_signals`);
3. the regional and legal signals are added per pupil, exactly as the per-pupil path
   does, and everything is written back with one delete and one bulk insert per chunk.

Used by ``verzuimdesk recompute`` and by the school-calendar editor (a change to a
school's calendar, sector or day length recomputes every pupil of that school).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from verzuimdesk.core.models import Case, Pupil, School
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector, Signal
from verzuimdesk.core.services import absences, rules_gateway
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.record_reader import RecordChunk, read_records
from verzuimdesk.core.services.signal_store import store_signals

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "CHUNK_PUPILS",
    "RecomputeSummary",
    "national_for_chunk",
    "prefetched_records",
    "recompute_all",
    "recompute_pupils",
]

#: Pupils per chunk: one read, one compute, one write each.
CHUNK_PUPILS = 2000
#: ``progress(done, total)`` after each chunk.
Progress = Callable[[int, int], None]

_KINDS = {kind.value: kind for kind in AbsenceKind}


@dataclass
class RecomputeSummary:
    """What a recompute did."""

    pupils: int = 0
    records: int = 0
    signals: int = 0
    #: Open cases whose deadlines, first absence day and category were brought up to date.
    case_ids: list[int] | None = None


def recompute_all(
    desk: Desk, *, progress: Progress | None = None, chunk_pupils: int = CHUNK_PUPILS
) -> RecomputeSummary:
    """Recompute every pupil of the case base, one transaction per chunk of pupils.

    A chunk that fails rolls back alone; recomputing again finishes the job (a recompute
    changes nothing that another recompute does not put right).
    """
    with desk.case_base.sessions() as session:
        ids = list(session.scalars(select(Pupil.id).order_by(Pupil.id)))
    summary = RecomputeSummary(case_ids=[])
    total = len(ids)
    if progress is not None:
        progress(0, total)
    chunks = [ids[i : i + chunk_pupils] for i in range(0, total, chunk_pupils)]
    for chunk, records in prefetched_records(desk, None, chunks):
        with desk.case_base.transaction(desk.user) as session:
            _recompute_chunk(desk, session, chunk, records, summary)
        if progress is not None:
            progress(summary.pupils, total)
    return summary


def recompute_pupils(
    desk: Desk,
    session: Session,
    pupil_ids: Sequence[int],
    *,
    progress: Progress | None = None,
    chunk_pupils: int = CHUNK_PUPILS,
) -> RecomputeSummary:
    """Recompute *pupil_ids* inside the caller's transaction (*session*)."""
    ids = sorted(set(pupil_ids))
    summary = RecomputeSummary(case_ids=[])
    total = len(ids)
    if progress is not None:
        progress(0, total)
    session.flush()
    chunks = [ids[i : i + chunk_pupils] for i in range(0, total, chunk_pupils)]
    for chunk, records in prefetched_records(desk, session, chunks):
        _recompute_chunk(desk, session, chunk, records, summary)
        if progress is not None:
            progress(summary.pupils, total)
    return summary


def prefetched_records(
    desk: Desk, session: Session | None, chunks: list[list[int]]
) -> Iterator[tuple[list[int], RecordChunk]]:
    """Each chunk with its records; the next chunk is read while this one is computed.

    Inside a caller's transaction (*session*) the records are read through it, in turn.
    """
    if session is not None:
        for chunk in chunks:
            yield chunk, read_records(desk.case_base, chunk, session=session)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: Future[RecordChunk] | None = None
        for i, chunk in enumerate(chunks):
            if pending is None:
                pending = pool.submit(read_records, desk.case_base, chunk)
            records = pending.result()
            pending = (
                pool.submit(read_records, desk.case_base, chunks[i + 1])
                if i + 1 < len(chunks)
                else None
            )
            yield chunk, records


def _recompute_chunk(
    desk: Desk,
    session: Session,
    chunk: list[int],
    records: RecordChunk,
    summary: RecomputeSummary,
) -> None:
    """Compute and store the signals of one chunk of pupils; refresh their open cases."""
    until = today(desk)
    pupils = session.scalars(
        select(Pupil)
        .where(Pupil.id.in_(chunk))
        .options(
            selectinload(Pupil.school),
            selectinload(Pupil.enrolments),
            selectinload(Pupil.exemptions),
            selectinload(Pupil.excused_gaps),
        )
    ).all()
    by_id = {p.id: p for p in pupils}
    keys = [str(pid) for pid in chunk]
    pos = np.searchsorted(np.array(chunk, dtype=np.int64), records.pupil_ids)
    with_records = set(np.unique(pos).tolist())

    national = national_for_chunk(
        desk, keys, pos, records, [by_id[pid].school if pid in by_id else None for pid in chunk]
    )

    regional = desk.registry.regional_signals(desk.region_id)
    per_pupil_records = _absences(keys, pos, records) if regional else {}
    computed: dict[int, list[Signal]] = {}
    for i, pid in enumerate(chunk):
        pupil = by_id.get(pid)
        if pupil is None:
            continue
        signals = list(national.get(i, ())) if i in with_records else []
        if regional and i in with_records:
            signals.extend(
                rules_gateway.regional_for_pupil(
                    desk, keys[i], per_pupil_records.get(i, []), signals, pupil.school, until
                )
            )
            signals.sort(key=lambda s: (s.datum, s.code))
        computed[pid] = rules_gateway.with_legal_signals(desk, pupil, signals, until)

    _store(session, chunk, computed)
    case_ids = summary.case_ids if summary.case_ids is not None else []
    open_cases = session.scalars(
        select(Case).where(Case.pupil_id.in_(chunk), Case.closed_on.is_(None)).order_by(Case.id)
    ).all()
    # One flush for the chunk's cases instead of one before every query: a case's queries
    # read records and its own deadlines, which no other case's pending change touches.
    with session.no_autoflush:
        for case in open_cases:
            pupil = by_id.get(case.pupil_id)
            if pupil is None:
                continue
            # what recompute_in_session does for an open case (its first absence day is
            # kept in step there only when records changed; a recompute changes none)
            absences._refresh_case(desk, session, case, pupil, computed[pupil.id])
            case_ids.append(case.id)
    session.flush()
    summary.case_ids = case_ids
    summary.pupils += len(chunk)
    summary.records += len(records.ords)
    summary.signals += sum(len(s) for s in computed.values())


def national_for_chunk(
    desk: Desk,
    keys: list[str],
    pos: np.ndarray,
    records: RecordChunk,
    schools: Sequence[School | None],
) -> dict[int, list[Signal]]:
    """The national signals of one chunk, computed per school setting on the fast path.

    *keys*: the pupils' keys; *pos*: each record's position in *keys*; *schools*: each
    pupil's current school (its calendar, sector and day length count).
    """
    from verzuimdesk.core.rules.columnar import national_signals

    until = today(desk)
    groups: dict[tuple[rules_gateway.CalendarKey, Sector, float], list[int]] = {}
    settings: dict[int, tuple[rules_gateway.CalendarKey, Sector, float]] = {}
    vacation_region = desk.region.vacation_region
    for i, school in enumerate(schools):
        setting = settings.get(id(school))
        if setting is None:
            setting = settings[id(school)] = (
                rules_gateway.calendar_key(school, vacation_region),
                rules_gateway.sector_of(school),
                rules_gateway.day_hours_of(school),
            )
        groups.setdefault(setting, []).append(i)
    national: dict[int, list[Signal]] = {}
    single = len(groups) == 1
    for (key, sector, hours), members in groups.items():
        mask = slice(None) if single else np.isin(pos, np.array(members))
        national.update(
            national_signals(
                keys,
                pos[mask],
                records.ords[mask],
                records.units[mask],
                records.kinds[mask],
                rules_gateway.calendar_for(key),
                sector=sector,
                day_hours=hours,
                until=until,
            )
        )
    return national


def _absences(keys: list[str], pos: np.ndarray, records: RecordChunk) -> dict[int, list[Absence]]:
    """The chunk's records as the rules' :class:`Absence` values, per pupil position."""
    out: dict[int, list[Absence]] = {}
    for p, o, h, k in zip(
        pos.tolist(),
        records.ords.tolist(),
        records.hours.tolist(),
        records.kind_names,
        strict=True,
    ):
        kind = _KINDS.get(k)
        if kind is not None:
            out.setdefault(p, []).append(Absence(keys[p], dt.date.fromordinal(o), h, kind))
    return out


def _store(session: Session, chunk: list[int], computed: dict[int, list[Signal]]) -> None:
    """Replace the chunk's stored signals, keeping the date a signal was reported."""
    store_signals(session, chunk, computed)

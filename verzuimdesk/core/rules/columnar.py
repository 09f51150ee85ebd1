"""The signals of many pupils from columnar records: the one fast path from data to signals.

The CSV command, ``verzuimdesk recompute`` and the services' bulk recompute read records
as columns (numpy arrays: pupil position, date ordinal, hour units, kind code) and hand
them here. Instead of converting every record into a per-pupil object and walking it in
Python, the steps the engine needs before its rules run — dropping records without hours,
after the evaluation date or on a free day, mapping dates to schooldag indices, summing
the ``ongeoorloofd`` hours per schooldag — are done for a whole chunk of pupils at once
with numpy. Only the per-schooldag sums of the pupils that have any reach Python, where
:func:`~verzuimdesk.core.rules.signals.signals_from_schooldagen` applies the rules exactly
as :func:`~verzuimdesk.core.rules.signals.compute_pupil_signals_columns` does (an equality
test keeps the two paths identical).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.columnar_sickness import sickness_signals
from verzuimdesk.core.rules.record_columns import KIND_CODES, UNITS_PER_HOUR, hours_to_units
from verzuimdesk.core.rules.schooldag_lookup import SchooldagLookup
from verzuimdesk.core.rules.sickness_signals import SICKNESS_RULES_FOR_SECTOR
from verzuimdesk.core.rules.signals import DUO16_THRESHOLD_HOURS, signals_from_schooldagen
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, AbsenceKind, Sector, Signal

__all__ = [
    "FREE_DAY",
    "IntArray",
    "national_signals",
    "schooldag_index_array",
    "without_cycle_collection",
]

IntArray = npt.NDArray[np.int64]

_K_ONGEOORLOOFD = KIND_CODES[AbsenceKind.ONGEOORLOOFD]
_K_ZIEK = KIND_CODES[AbsenceKind.ZIEK]
_K_LUXE = KIND_CODES[AbsenceKind.LUXE]

#: What :func:`schooldag_index_array` gives for a day that is not a schooldag.
FREE_DAY = int(np.iinfo(np.int64).min)
#: The calendar arrays last turned into a numpy lookup, and that lookup.
_sdi_cache: tuple[object, IntArray] | None = None


def schooldag_index_array(days: SchooldagLookup) -> IntArray:
    """``days.sdi`` as a numpy array: the schooldag index of ``lo + k``, :data:`FREE_DAY` on
    a free day (indices are anchored and may be negative, so no small number will do)."""
    global _sdi_cache
    cached = _sdi_cache
    if cached is not None and cached[0] is days.arr:
        return cached[1]
    sdi = np.array([FREE_DAY if v is None else v for v in days.sdi], dtype=np.int64)
    _sdi_cache = (days.arr, sdi)
    return sdi


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a bulk computation.

    A chunk makes some 100,000 short-lived dicts, lists and signals; each 700 new objects
    would start a collection that walks the young ones again (10–15 % of the CPU time of
    a recompute). Nothing here makes reference cycles: reference counting frees it all.
    When the collector is already off (the desk holds it off while a background job runs,
    ``gui/background.py``) it is left alone, and it is never turned off for longer than the
    computation, which blocks its thread (no job can start from that thread meanwhile).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@without_cycle_collection()
def national_signals(
    keys: Sequence[str],
    pupil: npt.NDArray[np.integer],
    ords: npt.NDArray[np.integer],
    units: npt.NDArray[np.integer],
    kinds: npt.NDArray[np.integer],
    calendar: SchoolCalendar,
    *,
    sector: Sector | str = Sector.VO,
    day_hours: float | None = None,
    until: dt.date,
) -> dict[int, list[Signal]]:
    """The national signals of the pupils in one set of columns sharing one school setting.

    :param keys: the pupils' keys; ``pupil[r]`` is the position in *keys* of record *r*.
    :param ords: ``date.toordinal()`` of each record; *units*: hours in whole seconds;
        *kinds*: :data:`~verzuimdesk.core.rules.record_columns.KIND_CODES`.
    :returns: position -> that pupil's signals sorted by date then code, for the pupils
        with any signal. The same signals as
        :func:`~verzuimdesk.core.rules.signals.compute_pupil_signals_columns` per pupil.
    """
    sector = Sector(sector)
    if day_hours is None:
        day_hours = DEFAULT_DAY_HOURS[sector]
    day_units = hours_to_units(day_hours)
    until_ord = until.toordinal()
    if len(ords) == 0:
        return {}
    first = int(ords.min())
    if first > until_ord:
        return {}
    days = _DatedLookup.of(SchooldagLookup.over(calendar, first, until_ord))
    sdi = schooldag_index_array(days)
    # The records the rules read (signals._per_schooldag): with hours, up to the
    # evaluation date, of the three kinds the national signals count, on a schooldag.
    keep = (
        (units > 0)
        & (ords <= until_ord)
        & ((kinds == _K_ONGEOORLOOFD) | (kinds == _K_ZIEK) | (kinds == _K_LUXE))
    )
    p = pupil[keep].astype(np.int64, copy=False)
    idx = sdi[ords[keep].astype(np.int64) - days.lo]
    u = units[keep].astype(np.int64, copy=False)
    k = kinds[keep]
    on_school = idx != FREE_DAY
    p, idx, u, k = p[on_school], idx[on_school], u[on_school], k[on_school]

    unauth = _sums_per_pupil_day(p, idx, u, k == _K_ONGEOORLOOFD, day_units)
    luxe = _days_per_pupil(p, idx, k == _K_LUXE)
    sick = k == _K_ZIEK
    ziek = sickness_signals(list(keys), p[sick], idx[sick], days, SICKNESS_RULES_FOR_SECTOR[sector])
    out: dict[int, list[Signal]] = {}
    for pos in sorted(set(unauth) | set(luxe) | set(ziek)):
        signals = (
            signals_from_schooldagen(
                keys[pos], unauth.get(pos, {}), luxe.get(pos, set()), set(), days, sector, day_units
            )
            if pos in unauth or pos in luxe
            else []
        )
        sick_signals = ziek.get(pos)
        if sick_signals:
            signals.extend(sick_signals)
            signals.sort(key=_date_and_code)
        if signals:
            out[pos] = signals
    return out


class _IndexOrdinals(dict[int, int]):
    """Schooldag index -> ordinal over a calendar's arrays; a miss (an index outside
    them) asks the lookup's own ``sd_ord``. ``d.__getitem__`` is a C call: the rules
    ask it about a million times per 40,000 pupils."""

    __slots__ = ("fallback",)
    fallback: Callable[[int], int]

    def __missing__(self, i: int) -> int:
        return self.fallback(i)


class _DatedLookup(SchooldagLookup):
    """A :class:`SchooldagLookup` whose dates are made once per index (the signals of a
    chunk's pupils share few dates) and whose ``sd_ord`` is a dictionary lookup."""

    __slots__ = ("_dates",)
    _dates: dict[int, dt.date]
    #: The last ordinals made, with the calendar arrays they stand for.
    _ordinals: tuple[object, int, _IndexOrdinals] | None = None

    @classmethod
    def of(cls, days: SchooldagLookup) -> _DatedLookup:
        """*days* with remembered dates and a faster ``sd_ord`` (the same answers)."""
        dated = cls.__new__(cls)
        for name in SchooldagLookup.__slots__:
            setattr(dated, name, getattr(days, name))
        dated._dates = {}
        arr = days.arr
        cached = _DatedLookup._ordinals
        # the fallback asks the calendar up to the lookup's evaluation date: keyed by both
        if cached is None or cached[0] is not arr or cached[1] != days.until_ord:
            ordinals = _IndexOrdinals(
                zip(range(arr.sd_base, arr.sd_base + len(arr.sd_ords)), arr.sd_ords, strict=True)
            )
            ordinals.fallback = days.sd_ord
            cached = _DatedLookup._ordinals = (arr, days.until_ord, ordinals)
        dated.sd_ord = cached[2].__getitem__
        return dated

    def date(self, i: int) -> dt.date:
        """The date of schooldag *i*."""
        got = self._dates.get(i)
        if got is None:
            got = self._dates[i] = dt.date.fromordinal(self.sd_ord(i))
        return got


def _date_and_code(signal: Signal) -> tuple[dt.date, str]:
    """The engine's order within one pupil (signals._compute): date, then code."""
    return (signal.datum, signal.code)


def _groups(p: IntArray) -> tuple[list[int], list[int]]:
    """The distinct values of sorted *p* and where each one's run starts (plus the end)."""
    if len(p) == 0:
        return [], [0]
    starts = np.flatnonzero(np.diff(p)) + 1
    bounds = [0, *starts.tolist(), len(p)]
    return p[np.array(bounds[:-1])].tolist(), bounds


def _sums_per_pupil_day(
    p: IntArray, idx: IntArray, u: IntArray, mask: npt.NDArray[np.bool_], day_units: int
) -> dict[int, dict[int, int]]:
    """Per pupil, the units summed per schooldag index (order-independent integer sums).

    Only pupils whose unauthorised hours can make a signal are returned: 16 hours in all
    (``duo-16h``) or one fully absent day (an LRV run starts on one). For the others the
    engine finds nothing in them (``_duo16`` stops below 16 hours, ``_full_absence_runs``
    needs a full day), so they are left out before any Python work.
    """
    p, idx, u = p[mask], idx[mask], u[mask]
    if len(p) == 0:
        return {}
    # One sort of a combined key (pupil, schooldag): cheaper than a lexsort of two. The
    # indices are anchored and may be negative (a calendar grown back to earlier years):
    # packed as offsets from the smallest.
    base = int(idx.min())
    key = (p << 32) | (idx - base)
    order = np.argsort(key, kind="stable")
    key, u = key[order], u[order]
    new = np.empty(len(key), dtype=bool)
    new[0] = True
    np.not_equal(key[1:], key[:-1], out=new[1:])
    first = np.flatnonzero(new)
    sums = np.add.reduceat(u, first)
    key = key[first]
    p, idx = key >> 32, (key & 0xFFFFFFFF) + base
    pupils, bounds = _groups(p)
    starts = np.array(bounds[:-1], dtype=np.int64)
    total = np.add.reduceat(sums, starts)
    most = np.maximum.reduceat(sums, starts)
    wanted = (total >= DUO16_THRESHOLD_HOURS * UNITS_PER_HOUR) | (most >= day_units)
    idx_l, sums_l = idx.tolist(), sums.tolist()
    return {
        pos: dict(zip(idx_l[a:b], sums_l[a:b], strict=True))
        for pos, a, b, keep in zip(pupils, bounds, bounds[1:], wanted.tolist(), strict=False)
        if keep
    }


def _days_per_pupil(p: IntArray, idx: IntArray, mask: npt.NDArray[np.bool_]) -> dict[int, set[int]]:
    """Per pupil, the set of schooldag indices with a record of the masked kind."""
    p, idx = p[mask], idx[mask]
    if len(p) == 0:
        return {}
    order = np.argsort(p, kind="stable")
    p, idx = p[order], idx[order]
    pupils, bounds = _groups(p)
    idx_l = idx.tolist()
    return {pos: set(idx_l[a:b]) for pos, a, b in zip(pupils, bounds, bounds[1:], strict=False)}

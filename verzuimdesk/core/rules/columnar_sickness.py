"""The sickness signals (rules.md §6) of many pupils at once, with numpy.

The same rules as :mod:`~verzuimdesk.core.rules.sickness_signals`, applied to the sick
schooldagen of a whole chunk of pupils in a few array passes instead of one Python call
per pupil (most pupils have a sick day; this was a third of the per-pupil time). The
equality tests (``tests/rules/test_fast_path_equality.py``) keep the two identical.

A *ziekmelding* is a run of consecutive sick schooldag indices of one pupil.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from verzuimdesk.core.rules import deadlines as _dl
from verzuimdesk.core.rules.schooldag_lookup import SchooldagLookup
from verzuimdesk.core.rules.sickness_signals import (
    SICK_PO_DAYS_PER_YEAR,
    SICK_PO_REPORTS_PER_YEAR,
    SICK_VO_CONSECUTIVE_DAYS,
    SICK_VO_REPORTS,
    SICK_VO_WINDOW_LESWEKEN,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal

__all__ = ["sickness_signals"]

IntArray = npt.NDArray[np.int64]
#: ``datetime64[D]`` counts days from 1970-01-01; this is that day's ``toordinal()``.
_EPOCH_ORDINAL = 719_163


def sickness_signals(
    keys: list[str],
    p: IntArray,
    idx: IntArray,
    days: SchooldagLookup,
    rules: str,
) -> dict[int, list[Signal]]:
    """Per pupil position, its sickness signals (unsorted), for *rules* ``"VO"`` or ``"PO"``.

    *p*, *idx*: the pupil position and schooldag index of every sick record (any order,
    duplicates allowed) — records with hours, on schooldagen, up to the evaluation date.
    """
    if len(p) == 0:
        return {}
    # sorted by pupil, then day; duplicates gone. The indices are anchored and may be
    # negative (a calendar grown back to earlier years): packed as offsets from the smallest.
    base = int(idx.min())
    key = np.unique(p * (1 << 32) + (idx - base))
    p, idx = key >> 32, (key & 0xFFFFFFFF) + base
    new_run = np.ones(len(p), dtype=bool)
    new_run[1:] = (p[1:] != p[:-1]) | (idx[1:] != idx[:-1] + 1)
    run_of = np.cumsum(new_run) - 1
    first = np.flatnonzero(new_run)
    run_p, run_a = p[first], idx[first]
    run_len = np.diff(np.append(first, len(p)))
    ords = _Ords(days)
    hits: list[tuple[int, SignalCode, IntArray, IntArray]] = []
    if rules == "VO":
        long = run_len >= SICK_VO_CONSECUTIVE_DAYS
        hits.append(
            (
                0,
                SignalCode.SICK_7_DAYS,
                run_a[long] + SICK_VO_CONSECUTIVE_DAYS - 1,
                np.flatnonzero(long),
            )
        )
        weeks = ords.lesweek(run_a)
        # meldingen k of one pupil starting within the current lesweek and the 11 before
        window_key = run_p * (1 << 32) + weeks
        j = np.searchsorted(window_key, window_key - (SICK_VO_WINDOW_LESWEKEN - 1), side="left")
        many = (np.arange(len(run_a)) - j + 1) >= SICK_VO_REPORTS
        hits.append((1, SignalCode.SICK_4_IN_12, run_a[many], np.flatnonzero(many)))
    else:
        years = ords.school_year(run_a)
        nth = _rank_within(run_p * 10_000 + years)
        fifth = nth == SICK_PO_REPORTS_PER_YEAR
        hits.append((0, SignalCode.SICK_PO_5_REPORTS, run_a[fifth], np.flatnonzero(fifth)))
        day_years = ords.school_year(idx)
        nth_day = _rank_within(p * 10_000 + day_years)
        tenth = np.flatnonzero(nth_day == SICK_PO_DAYS_PER_YEAR)
        hits.append((1, SignalCode.SICK_PO_10_DAYS, idx[tenth], run_of[tenth]))
    out: dict[int, list[Signal]] = {}
    # Python objects only at the end: each distinct index becomes a date once per chunk.
    date = ords.dates
    for _order, code, at, runs in hits:
        if len(at) == 0:
            continue
        starts = run_a[runs]
        due = at + _dl.SICKNESS_CONSULT_DEADLINE_SCHOOLDAYS
        dates = date(np.concatenate((at, starts, due)))
        for pos, datum, start, deadline in zip(
            run_p[runs].tolist(),
            [dates[i] for i in at.tolist()],
            [dates[i] for i in starts.tolist()],
            [dates[i] for i in due.tolist()],
            strict=True,
        ):
            signal = Signal(pupil=keys[pos], code=code, datum=datum, start=start, deadline=deadline)
            got = out.get(pos)
            if got is None:
                out[pos] = [signal]
            else:
                got.append(signal)
    return out


def _rank_within(group: IntArray) -> IntArray:
    """1, 2, 3 … within each run of equal values of sorted *group*."""
    n = len(group)
    starts = np.ones(n, dtype=bool)
    starts[1:] = group[1:] != group[:-1]
    start_of = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    return np.arange(n) - start_of + 1


class _Ords:
    """Schooldag index -> ordinal, lesweek and school year for arrays; dates cached."""

    def __init__(self, days: SchooldagLookup) -> None:
        self.days = days
        arr = days.arr
        self.base = arr.sd_base
        self.sd_ords = np.array(arr.sd_ords, dtype=np.int64)
        self.lw = np.array(arr.lw, dtype=np.int64)
        self.lo = arr.lo
        self._dates: dict[int, dt.date] = {}

    def ordinal(self, idx: IntArray) -> IntArray:
        """The ordinals of schooldag indices (the lookup grows for any outside the arrays)."""
        pos = idx - self.base
        inside = (pos >= 0) & (pos < len(self.sd_ords))
        if inside.all():
            return self.sd_ords[pos]
        return np.array([self.days.sd_ord(int(i)) for i in idx.tolist()], dtype=np.int64)

    def lesweek(self, idx: IntArray) -> IntArray:
        """The lesweek index of each schooldag index."""
        return self.lw[self.ordinal(idx) - self.lo]

    def school_year(self, idx: IntArray) -> IntArray:
        """The school year (1 Aug–31 Jul, as its first calendar year) of each index."""
        d = (self.ordinal(idx) - _EPOCH_ORDINAL).astype("datetime64[D]")
        year = d.astype("datetime64[Y]").astype(np.int64) + 1970
        month = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
        return np.where(month >= 8, year, year - 1)

    def dates(self, idx: IntArray) -> dict[int, dt.date]:
        """The date of every schooldag index in *idx*, each made once (and kept: a chunk's
        signals share few dates)."""
        known = self._dates
        for i in np.unique(idx).tolist():
            if i not in known:
                known[i] = self.days.date(i)
        return known

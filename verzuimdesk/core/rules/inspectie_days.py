"""The inspectie category of many pupils on every day of a range, as numpy day arrays.

The same answer as :func:`verzuimdesk.core.rules.inspectie_history.category_periods` (a
test compares them day by day), computed for a whole batch of pupils at once: every fact
that decides the category — enrolment, exemption, leerplicht status, an open manual C, an
open LRV and its B2b signal, the signals in the four-week look-back — is painted into a
pupils × days array, and the precedence of
:func:`~verzuimdesk.core.rules.inspectie.inspectie_category` is one ``numpy.select`` over
them. The Python work per pupil is a handful of slice assignments (one per enrolment,
exemption, case and LRV); the look-back windows are cumulative sums. This is what the
quarter reports and the Overzicht use for the ~10,000 candidate pupils of a large region.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.inspectie import B1_LOOKBACK_DAYS
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.inspectie_history import (
    SICK_CODES,
    SICK_LOOKBACK_DAYS,
    CaseSpan,
    CategoryPeriod,
    signals_after_closing,
    status_periods,
)
from verzuimdesk.core.rules.leerplicht import (
    ENROLMENT_EXEMPTIONS,
    ExemptionKind,
    LeerplichtKind,
    is_compulsory,
)
from verzuimdesk.core.rules.legal_record import LegalRecord
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal

__all__ = ["PupilHistory", "category_periods_many"]

#: One pupil's input: the legal record, the stored signals and the cases.
PupilHistory = tuple[LegalRecord, Sequence[Signal], Sequence[CaseSpan]]

# Category codes in the day arrays (0: no category).
_CATEGORIES: tuple[InspectieCategory | None, ...] = (
    None,
    InspectieCategory.A2A,
    InspectieCategory.A2B,
    InspectieCategory.A2C,
    InspectieCategory.B3,
    InspectieCategory.C,
    InspectieCategory.B2B,
    InspectieCategory.B2A,
    InspectieCategory.A1,
    InspectieCategory.B1,
)
_A2 = {ExemptionKind.ART_5A: 1, ExemptionKind.ART_5B: 2, ExemptionKind.ART_5C: 3}
_B3, _C, _B2B, _B2A, _A1, _B1 = 4, 5, 6, 7, 8, 9
_KINDS: tuple[LeerplichtKind, ...] = tuple(LeerplichtKind)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
_VRIJ = _KIND_INDEX[LeerplichtKind.VRIJGESTELD]
_COMPULSORY = np.array([is_compulsory(k) for k in _KINDS], dtype=bool)
_LOOKBACK = max(B1_LOOKBACK_DAYS, SICK_LOOKBACK_DAYS)
_RELATIEF = frozenset({SignalCode.DUO_16H, SignalCode.DUO_LUXE})


@lru_cache(maxsize=8192)
def _status(
    birth: dt.date,
    sk: dt.date | None,
    exit_certificate: str | None,
    twelve: dt.date | None,
    start: dt.date,
    end: dt.date,
) -> tuple[tuple[dt.date, LeerplichtKind], ...]:
    """The leerplicht status periods (many pupils share a birth date)."""
    record = LegalRecord(
        birth,
        startkwalificatie_on=sk,
        exit_certificate=exit_certificate,
        twelve_years_completed=twelve,
    )
    return tuple(status_periods(record, start, end, None))


def category_periods_many(
    pupils: Mapping[int, PupilHistory],
    start: dt.date,
    end: dt.date,
    *,
    calendar: SchoolCalendar | None = None,
    batch: int = 2000,
) -> dict[int, list[CategoryPeriod]]:
    """The category periods of every pupil from *start* to *end* (pupil id -> periods).

    Per pupil the same list as :func:`~verzuimdesk.core.rules.inspectie_history.
    category_periods` gives: days without a category left out, adjacent periods differing
    in category, a period running on *end* ending on *end*.
    """
    out: dict[int, list[CategoryPeriod]] = {}
    if end < start:
        return {pid: [] for pid in pupils}
    ids = list(pupils)
    for i in range(0, len(ids), batch):
        chunk = ids[i : i + batch]
        codes = _day_codes([pupils[pid] for pid in chunk], start, end, calendar)
        out.update(zip(chunk, _periods(codes, start), strict=True))
    return out


def _day_codes(
    histories: Sequence[PupilHistory],
    start: dt.date,
    end: dt.date,
    calendar: SchoolCalendar | None,
) -> np.ndarray:
    """The category code (index into :data:`_CATEGORIES`) per pupil and day of start..end."""
    lead = _LOOKBACK  # days before start kept for the look-back windows
    origin = start.toordinal() - lead
    last = end.toordinal() - origin  # index of *end*
    n_days = last + 1
    rows = len(histories)
    enrolled = np.zeros((rows, n_days), dtype=bool)
    exempt = np.zeros((rows, n_days), dtype=np.int8)
    kind = np.zeros((rows, n_days), dtype=np.int8)
    manual_c = np.zeros((rows, n_days), dtype=bool)
    lrv_since = np.zeros((rows, n_days), dtype=np.int32)  # ordinal of the open LRV's day
    b2b = np.zeros((rows, n_days), dtype=bool)
    sig_rows: list[int] = []
    sig_cols: list[int] = []
    other_rows: list[int] = []  # signals that are not sickness (stop A1)
    other_cols: list[int] = []
    rel_rows: list[int] = []
    rel_cols: list[int] = []
    day_ordinals = np.arange(origin, origin + n_days, dtype=np.int32)

    def span(lo: dt.date, hi: dt.date | None) -> tuple[int, int] | None:
        a = max(lo.toordinal() - origin, 0)
        b = last if hi is None else min(hi.toordinal() - origin, last)
        return (a, b + 1) if a <= b else None

    for row, (record, signals, cases) in enumerate(histories):
        adjusted = signals_after_closing(signals, cases)
        status = (
            _status(
                record.birth_date,
                record.startkwalificatie_on,
                record.exit_certificate,
                record.twelve_years_completed,
                start,
                end,
            )
            if calendar is None
            else status_periods(record, start, end, calendar)
        )
        for since, k in status:
            kind[row, since.toordinal() - origin :] = _KIND_INDEX[k]
        for enrolment in record.enrolments:
            if (s := span(enrolment.start, enrolment.end)) is not None:
                enrolled[row, s[0] : s[1]] = True
        for lo, hi in record.excused_gaps:
            if (s := span(lo, hi)) is not None:
                enrolled[row, s[0] : s[1]] = True
        # The first exemption (in record order) that covers a day wins: paint backwards.
        for exemption in reversed(record.exemptions):
            if exemption.kind in ENROLMENT_EXEMPTIONS and (
                s := span(exemption.start, exemption.end)
            ):
                exempt[row, s[0] : s[1]] = _A2[exemption.kind]
        for case in cases:
            if case.manual_c and (s := span(case.opened_on, case.closed_on)) is not None:
                manual_c[row, s[0] : s[1]] = True
        lrvs = sorted((s for s in adjusted if s.code == SignalCode.DUO_LRV), key=lambda s: s.datum)
        for lrv in lrvs:  # the latest open LRV wins: paint in date order
            if (s := span(lrv.datum, lrv.eind)) is not None:
                lrv_since[row, s[0] : s[1]] = lrv.datum.toordinal()
        for sig in adjusted:
            code = sig.code
            if code == SignalCode.THUISZITTER_B2B and lrvs:
                when = sig.datum.toordinal()
                line = lrv_since[row]
                b2b[row] |= (day_ordinals >= when) & (line > 0) & (line <= when)
            col = sig.datum.toordinal() - origin
            if 0 <= col <= last:
                sig_rows.append(row)
                sig_cols.append(col)
                if code not in SICK_CODES:
                    other_rows.append(row)
                    other_cols.append(col)
                if code in _RELATIEF:
                    rel_rows.append(row)
                    rel_cols.append(col)

    def windowed(r: list[int], c: list[int], days: int) -> np.ndarray:
        counts = np.zeros((rows, n_days + 1), dtype=np.int32)
        if r:
            np.add.at(counts, (np.asarray(r), np.asarray(c) + 1), 1)
        sums = np.cumsum(counts, axis=1)
        # The window of day j is j-days..j: sums[j+1] - sums[j-days].
        return (sums[:, lead + 1 :] - sums[:, lead - days : n_days - days]) > 0

    any_signal = windowed(sig_rows, sig_cols, SICK_LOOKBACK_DAYS)
    other = windowed(other_rows, other_cols, SICK_LOOKBACK_DAYS)
    relatief = windowed(rel_rows, rel_cols, B1_LOOKBACK_DAYS)
    sick = any_signal & ~other

    view = np.s_[:, lead:]
    kind_v, exempt_v = kind[view], exempt[view]
    has_exemption = exempt_v > 0
    # An exemption makes a compulsory pupil *vrijgesteld* (as leerplicht_on reads it).
    kind2 = np.where(has_exemption & _COMPULSORY[kind_v], _VRIJ, kind_v)
    compulsory = _COMPULSORY[kind2]
    vrij = kind2 == _VRIJ
    lrv_open = lrv_since[view] > 0
    return np.select(
        [
            has_exemption | vrij,
            ~enrolled[view],
            manual_c[view],
            lrv_open & compulsory,
            sick,
            relatief & compulsory,
        ],
        [
            np.where(has_exemption & (compulsory | vrij), exempt_v, 0),
            np.where(compulsory, _B3, 0),
            _C,
            np.where(b2b[view], _B2B, _B2A),
            _A1,
            _B1,
        ],
        0,
    )


def _periods(codes: np.ndarray, start: dt.date) -> list[list[CategoryPeriod]]:
    """The runs of equal codes per row as category periods (code 0 left out)."""
    rows, days = codes.shape
    out: list[list[CategoryPeriod]] = [[] for _ in range(rows)]
    if days == 0:
        return out
    changed_rows, changed_cols = np.nonzero(codes[:, 1:] != codes[:, :-1])
    first = start.toordinal()
    # Every run: (row, first column); runs of a row end where the next one starts.
    run_rows = np.concatenate([np.arange(rows), changed_rows])
    run_cols = np.concatenate([np.zeros(rows, dtype=np.int64), changed_cols + 1])
    order = np.lexsort((run_cols, run_rows))
    run_rows, run_cols = run_rows[order], run_cols[order]
    run_ends = np.empty_like(run_cols)
    run_ends[:-1] = run_cols[1:] - 1
    same_row = np.empty(len(run_rows), dtype=bool)
    same_row[:-1] = run_rows[1:] == run_rows[:-1]
    same_row[-1] = False
    run_ends[~same_row] = days - 1
    run_codes = codes[run_rows, run_cols]
    keep = run_codes > 0
    from_date = dt.date.fromordinal
    for row, lo, hi, code in zip(
        run_rows[keep].tolist(),
        run_cols[keep].tolist(),
        run_ends[keep].tolist(),
        run_codes[keep].tolist(),
        strict=True,
    ):
        category = _CATEGORIES[code]
        assert category is not None
        out[row].append(CategoryPeriod(category, from_date(first + lo), from_date(first + hi)))
    return out

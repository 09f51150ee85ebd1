"""Keep every pupil's signals and recompute only the pupils whose records changed.

The services hold one :class:`SignalEngine` per case base: :meth:`SignalEngine.load`
once with all records, then :meth:`SignalEngine.update_pupil` whenever one pupil's
records change (an edit, an import). Signals of a pupil depend only on that pupil's
records, calendar, sector and day length, so nothing else needs recomputing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.signals import (
    RecordColumns,
    compute_pupil_signals_columns,
    group_by_pupil,
    regional_signals_for_pupil,
    signal_sort_key,
)
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Absence, Sector, Signal

if TYPE_CHECKING:
    from verzuimdesk.core.rules.regional_signal import RegionalSignal

__all__ = ["SignalEngine"]


class SignalEngine:
    """A per-pupil cache of signals.

    :param calendar_for_pupil: one calendar for every pupil, or pupil -> calendar.
    :param sector: the sector, or pupil -> sector.
    :param day_hours: lesson hours of a schooldag (None: the sector default), or
        pupil -> hours.
    :param until: the evaluation date; None means today on every computation.
    :param regional: regional signals computed on top of the national ones.
    """

    def __init__(
        self,
        calendar_for_pupil: SchoolCalendar | Callable[[str], SchoolCalendar],
        *,
        sector: Sector | str | Callable[[str], Sector] = Sector.VO,
        day_hours: float | Callable[[str], float | None] | None = None,
        until: dt.date | None = None,
        regional: Iterable[RegionalSignal] = (),
    ) -> None:
        self._calendar = calendar_for_pupil
        self._sector = sector
        self._day_hours = day_hours
        self._until = until
        self._regional = tuple(regional)
        self._records: dict[str, list[Absence]] = {}
        self._signals: dict[str, list[Signal]] = {}

    # ------------------------------------------------------------------ settings

    @property
    def until(self) -> dt.date:
        """The evaluation date in use."""
        return self._until or dt.date.today()

    def set_until(self, until: dt.date | None) -> None:
        """Change the evaluation date and recompute every pupil."""
        self._until = until
        for pupil in list(self._records):
            self._recompute(pupil)

    def _settings(self, pupil: str) -> tuple[SchoolCalendar, Sector, float]:
        cal = self._calendar
        if not isinstance(cal, SchoolCalendar):
            cal = cal(pupil)
        sec = self._sector(pupil) if callable(self._sector) else self._sector
        sec = Sector(sec)
        hours = self._day_hours(pupil) if callable(self._day_hours) else self._day_hours
        if hours is None:
            hours = DEFAULT_DAY_HOURS[sec]
        return cal, sec, float(hours)

    # ------------------------------------------------------------------ updates

    def _recompute(self, pupil: str) -> list[Signal]:
        records = self._records.get(pupil, [])
        cal, sec, hours = self._settings(pupil)
        until = self.until
        sigs = compute_pupil_signals_columns(
            pupil,
            RecordColumns.from_absences(records),
            cal,
            sector=sec,
            day_hours=hours,
            until=until,
        )
        if self._regional:
            sigs = sigs + regional_signals_for_pupil(
                pupil, records, sigs, cal, self._regional, sector=sec, day_hours=hours, until=until
            )
            sigs.sort(key=signal_sort_key)
        self._signals[pupil] = sigs
        return sigs

    def load(self, records: Iterable[Absence]) -> None:
        """Replace every pupil's records and compute all signals."""
        self._records = group_by_pupil(records)
        self._signals = {}
        for pupil in self._records:
            self._recompute(pupil)

    def update_pupil(self, pupil: str, records: Iterable[Absence]) -> list[Signal]:
        """Replace one pupil's records, recompute only that pupil, return its signals."""
        self._records[pupil] = [r for r in records if r.pupil == pupil]
        return list(self._recompute(pupil))

    def update_records(self, records: Iterable[Absence]) -> set[str]:
        """Replace the records of every pupil that occurs in *records*; return those pupils."""
        groups = group_by_pupil(records)
        for pupil, recs in groups.items():
            self._records[pupil] = recs
            self._recompute(pupil)
        return set(groups)

    def remove_pupil(self, pupil: str) -> None:
        """Forget a pupil and its signals."""
        self._records.pop(pupil, None)
        self._signals.pop(pupil, None)

    # ------------------------------------------------------------------ queries

    def signals(self, pupil: str) -> list[Signal]:
        """The pupil's signals, sorted by date then code (empty when unknown)."""
        return list(self._signals.get(pupil, ()))

    def records(self, pupil: str) -> list[Absence]:
        """The pupil's records as last loaded or updated."""
        return list(self._records.get(pupil, ()))

    def pupils(self) -> list[str]:
        """Every pupil the engine knows, sorted."""
        return sorted(self._records)

    def all_signals(self) -> list[Signal]:
        """Every pupil's signals, sorted by pupil, date, code."""
        out = [s for sigs in self._signals.values() for s in sigs]
        out.sort(key=signal_sort_key)
        return out

"""How a region shapes the quarterly phone round (*belronde*): the vocabulary and the defaults.

The SWV phones every school each quarter about its pupils with long or worrying absence
(seed 004; seed 001 §2.5.1: before 1 Dec, 1 Mar, 1 Jun, 1 Sep) and sends the inspectie its
list by the 15th of the same months. A regional plugin may change which inspectie
categories and signals put a pupil on the round, the statuses a pupil can get on the phone
and the quarter dates, by registering a :class:`RoundSettings` (hook
``register_round_settings``); a region that does not gets :data:`NATIONAL_ROUND`.

Plain frozen dataclasses, re-exported for plugin authors by ``verzuimdesk.plugins.api``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = [
    "NATIONAL_ROUND",
    "NATIONAL_ROUND_STATUSES",
    "Quarter",
    "QuarterError",
    "RoundSettings",
    "RoundStatus",
    "RoundStatusKind",
    "national_round_settings",
]


class RoundStatusKind(StrEnum):
    """What choosing a round status does besides recording it.

    ``status``: only recorded; ``terug``: asks the date the pupil is back and offers to move
    the case to the region's return step or close it; ``nieuwe-casus``: opens a new case
    for the pupil, pre-filled with pupil and school.
    """

    STATUS = "status"
    RETURN = "terug"
    NEW_CASE = "nieuwe-casus"


@dataclass(frozen=True)
class RoundStatus:
    """A status a pupil gets during the phone call (*nog thuis*, *terug op school per*).

    :param id: stable id, unique within the round settings; stored with the pupil's round
        entry.
    :param label: Dutch label on the button and in the case's event (*Nog thuis*).
    :param kind: what choosing it does (:class:`RoundStatusKind` or its string value).
    :param final: True when the pupil needs no call next quarter for this reason (back at
        school, a place found): such a pupil is not carried over to the next round.
    """

    id: str
    label: str
    kind: RoundStatusKind = RoundStatusKind.STATUS
    final: bool = False
    description: str = ""


#: The national statuses (issue 10): nog thuis, terug op school per date, passend aanbod
#: gevonden, ziek / A1, vrijstelling / A2, nieuwe (dreigende) thuiszitter.
NATIONAL_ROUND_STATUSES: tuple[RoundStatus, ...] = (
    RoundStatus("nog-thuis", "Nog thuis"),
    RoundStatus("terug", "Terug op school per", RoundStatusKind.RETURN, final=True),
    RoundStatus("passend-aanbod", "Passend aanbod gevonden", final=True),
    RoundStatus("ziek", "Ziek / A1"),
    RoundStatus("vrijstelling", "Vrijstelling / A2"),
    RoundStatus("nieuw", "Nieuwe (dreigende) thuiszitter", RoundStatusKind.NEW_CASE),
)


@dataclass(frozen=True)
class RoundSettings:
    """How a region's quarterly phone round is shaped.

    :param region_id: the region the settings belong to.
    :param categories: inspectie categories that put a pupil on the round when a case of
        the pupil has one during the quarter (seed 001 §2.5: B2a, B2b, B3, A2, A1).
    :param signal_codes: signals that put a pupil on the round when one falls in the
        quarter (national or the region's own codes).
    :param statuses: what a pupil can get during the call, in button order (keys 1–9).
    :param contact_before: per calendar quarter (Q1..Q4) the ``(month, day)`` before which
        every school must have been called (the deadline is the day before).
    :param inspectie_by: per calendar quarter the ``(month, day)`` by which the inspectie
        list is due.
    :param return_stages: ladder stage ids *terug op school* offers to move a case to;
        empty: the final stages among the case's next steps.
    """

    region_id: str
    categories: tuple[str, ...] = ("B2a", "B2b", "B3", "A2a", "A2b", "A2c", "A1")
    signal_codes: tuple[str, ...] = (
        "duo-lrv",
        "thuiszitter-b2a",
        "thuiszitter-b2b",
        "absoluut-verzuim",
        "sick-7-days",
        "sick-4-in-12",
        "sick-po-5-reports",
        "sick-po-10-days",
    )
    statuses: tuple[RoundStatus, ...] = NATIONAL_ROUND_STATUSES
    contact_before: tuple[tuple[int, int], ...] = ((3, 1), (6, 1), (9, 1), (12, 1))
    inspectie_by: tuple[tuple[int, int], ...] = ((3, 15), (6, 15), (9, 15), (12, 15))
    return_stages: tuple[str, ...] = ()
    description: str = ""
    source: str = "Seed 001 §2.5.1 (kwartaalcontact en kwartaallijst)"

    def status(self, status_id: str) -> RoundStatus | None:
        """The status with ``status_id`` (None when unknown)."""
        return next((s for s in self.statuses if s.id == status_id), None)


#: The national defaults (for a region that registers no round settings).
NATIONAL_ROUND = RoundSettings(region_id="")


def national_round_settings(region_id: str) -> RoundSettings:
    """The national round settings for ``region_id``."""
    return replace(NATIONAL_ROUND, region_id=region_id)


_QUARTER_RE = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Qq]\s*([1-4])\s*$")


class QuarterError(ValueError):
    """An unknown quarter; ``str()`` is the Dutch message."""


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter (``2026Q4`` is 1 October – 31 December 2026).

    The one quarter type of the desk: the phone round, the region-level deadlines and the
    reports all use it (``verzuimdesk.core.reports.model`` re-exports it).
    """

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026Q4`` (also ``2026-Q4``, ``2026 q4``, ``2026/Q4``) as a quarter.

        :raises QuarterError: (a :class:`ValueError`) with a Dutch message for anything else.
        """
        match = _QUARTER_RE.match(text or "")
        if match is None:
            raise QuarterError(
                f"Onbekend kwartaal ‘{text}’: schrijf het als jaar en kwartaal, "
                "bijvoorbeeld 2026Q4."
            )
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise QuarterError(f"Onbekend kwartaal ‘{text}’: het jaar ligt buiten 2000–2100.")
        return cls(year, int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """``2026Q4``."""
        return f"{self.year}Q{self.number}"

    @property
    def start(self) -> dt.date:
        """First day of the quarter."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the quarter."""
        return dt.date(self.year, 3 * self.number, 31 if self.number in (1, 4) else 30)

    @property
    def school_year_start(self) -> dt.date:
        """1 August of the school year the quarter ends in (the cumulative list's start),
        or the quarter's own start when that is earlier (a July–September quarter)."""
        year = self.end.year if self.end.month >= 8 else self.end.year - 1
        return min(dt.date(year, 8, 1), self.start)

    def next(self) -> Quarter:
        """The quarter after this one."""
        return Quarter(self.year + (self.number == 4), self.number % 4 + 1)

    def previous(self) -> Quarter:
        """The quarter before this one."""
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def _date(self, month_day: tuple[int, int]) -> dt.date:
        month, day = month_day
        return dt.date(self.year, month, day)

    def contact_due(self, settings: RoundSettings) -> dt.date:
        """The last day to call the schools (the day before ``contact_before``)."""
        return self._date(settings.contact_before[self.number - 1]) - dt.timedelta(days=1)

    def inspectie_due(self, settings: RoundSettings) -> dt.date:
        """The day the inspectie list is due."""
        return self._date(settings.inspectie_by[self.number - 1])

    @property
    def label(self) -> str:
        """Dutch: ``4e kwartaal 2026``."""
        return f"{self.number}e kwartaal {self.year}"

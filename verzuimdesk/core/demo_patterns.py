"""How much absence the demo generates: the realistic rates, the stress rates, the patterns.

The **realistic** profile (the default) aims at the order of magnitude of the national
leerplicht figures (Leerplichttelling, reported to the Tweede Kamer each year, e.g.
Kamerstuk 26 695 nr. 121; DUO per municipality): a few percent of pupils with a 16-hour
report (relatief verzuim) a year, a few per thousand thuiszitters (langdurig relatief
verzuim ~3,300–4,200 a year on ~2.5 million leerplichtigen, absoluut verzuim a similar
number), luxe verzuim well under 1 %, worrying sickness for a minority. Sickness peaks in
winter; luxe verzuim sits against a vacation. README.md ("Demo-cijfers") lists the rates.

The **stress** profile keeps the heavy rates the benchmarks were built on (a fifth of the
pupils with an open case, a sickness or late arrival on about one schooldag in five).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from verzuimdesk.core.rules.types import AbsenceKind, Sector

KIND = AbsenceKind
#: One generated record: (schooldag, hours, kind).
Rec = tuple[dt.date, float, str]


@dataclass(frozen=True)
class DemoProfile:
    """The rates of one demo profile (shares are of all pupils, per demo year)."""

    name: str
    #: Open cases of pupils who truant (early ladder steps) / who are at home (thuiszitter).
    open_truancy_share: float
    open_at_home_share: float
    #: Closed cases of pupils without a story (stress only; realistic closes real stories).
    closed_share: float
    #: Background stories of pupils without an open case.
    truancy_share: float  # a burst of unauthorised hours: a 16-hour report
    at_home_share: float  # four weeks or more at home, then back: an LRV in the past
    luxe_share: float  # a few days against a vacation
    worrying_sick_share: float  # a long ziekmelding or many short ones
    #: Of the background truancy / at-home pupils, the share that had a (now closed) case.
    closed_story_share: float
    #: Everyday absence: per-day rolls (stress) or episodes per year (realistic).
    per_day_rolls: bool
    #: Pupils with a past gap between two enrolments (absoluut verzuim in the past).
    enrolment_gap_share: float = 0.004
    sick_episodes_per_year: float = 1.6
    late_per_year: float = 2.5
    authorised_per_year: float = 1.5
    #: Share of pupils with the odd unauthorised hour, and how often they have one.
    odd_hour_share: float = 0.2
    odd_hours_per_year: float = 2.0


#: Rates in the order of the national figures (see the module docstring and README.md).
REALISTIC = DemoProfile(
    name="realistisch",
    open_truancy_share=0.010,
    open_at_home_share=0.0022,
    closed_share=0.0,
    truancy_share=0.018,
    at_home_share=0.0008,
    luxe_share=0.004,
    worrying_sick_share=0.03,
    closed_story_share=0.5,
    per_day_rolls=False,
)

#: The heavy rates the benchmarks use (``verzuimdesk demo --stress``): today's old demo.
STRESS = DemoProfile(
    name="stress",
    open_truancy_share=0.10,
    open_at_home_share=0.10,
    closed_share=0.03,
    truancy_share=0.06,
    at_home_share=0.03,
    luxe_share=0.04,
    worrying_sick_share=0.07,
    closed_story_share=0.0,
    per_day_rolls=True,
    enrolment_gap_share=0.02,
)

#: Relative chance that a sickness episode starts in a month (winter peak: flu season).
SICK_SEASON = {
    1: 2.0,
    2: 2.0,
    3: 1.5,
    4: 1.0,
    5: 0.8,
    6: 0.7,
    7: 0.6,
    8: 0.6,
    9: 0.8,
    10: 1.1,
    11: 1.4,
    12: 1.8,
}


class Patterns:
    """The absence patterns, drawing from one seeded random generator."""

    def __init__(self, rng: random.Random, profile: DemoProfile) -> None:
        self.rng = rng
        self.profile = profile
        self._season_cache: dict[int, list[float]] = {}

    def _season_weights(self, days: list[dt.date]) -> list[float]:
        key = id(days)
        if key not in self._season_cache:
            total = 0.0
            cumulative = []
            for day in days:
                total += SICK_SEASON[day.month]
                cumulative.append(total)
            self._season_cache[key] = cumulative
        return self._season_cache[key]

    def _count(self, per_year: float) -> int:
        """A Poisson-like count with mean ``per_year`` (a sum of coin flips, deterministic)."""
        rng = self.rng
        whole = int(per_year)
        count = 0
        for _ in range(whole * 2 + 2):
            if rng.random() < per_year / (whole * 2 + 2):
                count += 1
        return count

    # -- everyday absence -------------------------------------------------
    def everyday(self, days: list[dt.date], hours: float) -> list[Rec]:
        """Everyday absence of one pupil: late arrivals, sick days, appointments."""
        if self.profile.per_day_rolls:
            return self._per_day(days, hours)
        rng, profile = self.rng, self.profile
        out: list[Rec] = []
        # Sickness: a few episodes of 1–3 days, more in winter; some pupils are more often ill.
        frailty = rng.choice((0.3, 0.6, 1.0, 1.0, 1.3, 2.0))
        weights = self._season_weights(days)
        for _ in range(self._count(profile.sick_episodes_per_year * frailty)):
            begin = rng.choices(range(len(days)), cum_weights=weights)[0]
            length = rng.choice((1, 1, 1, 2, 2, 3))
            out += [(day, hours, KIND.ZIEK) for day in days[begin : begin + length]]
        lateness = profile.late_per_year * rng.choice((0.0, 0.2, 0.5, 1.0, 1.5, 2.8))
        for _ in range(self._count(lateness)):
            out.append((rng.choice(days), 1.0, KIND.TE_LAAT))
        for _ in range(self._count(profile.authorised_per_year)):
            out.append((rng.choice(days), float(rng.choice((1, 2, 2, 3))), KIND.GEOORLOOFD))
        if rng.random() < profile.odd_hour_share:
            for _ in range(self._count(profile.odd_hours_per_year)):
                out.append((rng.choice(days), 1.0, KIND.ONGEOORLOOFD))
        return out

    def _per_day(self, days: list[dt.date], hours: float) -> list[Rec]:
        """The stress profile's everyday absence: one roll per schooldag."""
        rng = self.rng
        out: list[Rec] = []
        for day in days:
            roll = rng.random()
            if roll < 0.10:
                out.append((day, 1.0, KIND.TE_LAAT))
            elif roll < 0.15:
                out.append((day, 1.0, KIND.GEOORLOOFD))
            elif roll < 0.19:
                out.append((day, hours, KIND.ZIEK))
            elif roll < 0.23:
                out.append((day, float(rng.choice((1, 1, 2))), KIND.ONGEOORLOOFD))
        return out

    # -- stories ----------------------------------------------------------
    def truancy(self, days: list[dt.date], begin: int, hours: float) -> list[Rec]:
        """A burst of unauthorised hours over a few weeks (duo-16h, verzuimgesprek)."""
        out: list[Rec] = []
        for day in days[begin : begin + self.rng.randint(12, 25)]:
            if self.rng.random() < 0.7:
                out.append((day, float(self.rng.choice((2, 3, 4, hours))), KIND.ONGEOORLOOFD))
        return out

    def at_home(self, days: list[dt.date], begin: int, hours: float, returns: bool) -> list[Rec]:
        """Continuous full-day absence from ``begin`` (duo-lrv, thuiszitter B2a/B2b)."""
        end = len(days) if not returns else min(len(days), begin + self.rng.randint(22, 40))
        return [(day, hours, KIND.ONGEOORLOOFD) for day in days[begin:end]]

    def holiday(self, days: list[dt.date], hours: float) -> list[Rec]:
        """Luxe verzuim: a few days glued to a vacation."""
        gaps = [i for i in range(1, len(days)) if (days[i] - days[i - 1]).days > 5]
        if not gaps:
            return []
        i = self.rng.choice(gaps)
        before = self.rng.random() < 0.5
        span = self.rng.randint(1, 3)
        picked = days[max(0, i - span) : i] if before else days[i : i + span]
        return [(day, hours, KIND.LUXE) for day in picked]

    def sickness(
        self, days: list[dt.date], hours: float, sector: Sector, long: bool | None = None
    ) -> list[Rec]:
        """Worrying sickness: a long ziekmelding or many short ones (winter more likely)."""
        rng = self.rng
        out: list[Rec] = []
        if long is None:
            long = rng.random() < 0.5
        weights = self._season_weights(days)
        if long:
            begin = min(
                rng.choices(range(len(days)), cum_weights=weights)[0], max(0, len(days) - 12)
            )
            out += [(day, hours, KIND.ZIEK) for day in days[begin : begin + rng.randint(7, 11)]]
        else:
            count = 5 if sector == Sector.PO else 4
            begin = min(
                rng.choices(range(len(days)), cum_weights=weights)[0], max(0, len(days) - 60)
            )
            for k in range(count):
                index = begin + k * rng.randint(6, 12)
                out += [(day, hours, KIND.ZIEK) for day in days[index : index + rng.randint(1, 3)]]
        return out

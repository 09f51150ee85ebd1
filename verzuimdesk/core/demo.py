"""A synthetic case base that looks like a real region: the demo and the benchmarks' data.

Everything is made up (Faker ``nl_NL`` names, test-range BSNs): never real pupils.
``generate_demo`` writes at least 8 schools, professionals, pupils with their legal
history, a school year of absence records, their national and regional signals, and
cases at every step of the region's ladder with their history, actions and deadlines.

Two profiles (:mod:`verzuimdesk.core.demo_patterns`): **realistic** rates in the order
of the national leerplicht figures (the default), and **stress** (``stress=True``), the
heavy rates the benchmarks use. Pupils are generated and written in chunks, straight
into the case base (``COPY`` on PostgreSQL), so memory stays flat in the region's size.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from verzuimdesk.core.bulk_write import BulkWriter, analyze, driver_date, fix_sequences
from verzuimdesk.core.db import DEMO_KEY, CaseBase, create_case_base
from verzuimdesk.core.demo_cases import (
    CaseMaker,
    CasePlan,
    CaseRows,
    is_closing,
    open_case_stages,
    paths_from_start,
)
from verzuimdesk.core.demo_contacts import write_demo_contacts
from verzuimdesk.core.demo_legal import legal_rows, record_if_gap
from verzuimdesk.core.demo_patterns import REALISTIC, STRESS, DemoProfile, Patterns, Rec
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import (
    AbsenceRecord,
    AuditEntry,
    Case,
    CaseBaseSetting,
    CaseEvent,
    Deadline,
    Enrolment,
    Person,
    Pupil,
    PupilExemption,
    RoleAssignment,
    School,
    StoredSignal,
)
from verzuimdesk.core.region_registry import RegionRegistry
from verzuimdesk.core.region_spec import Stage
from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.legal_record import legal_signals
from verzuimdesk.core.rules.record_columns import KIND_CODES, UNITS_PER_HOUR
from verzuimdesk.core.rules.signals import (
    RecordColumns,
    compute_pupil_signals_columns,
    regional_signals_for_pupil,
)
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Absence, AbsenceKind, Sector, Signal
from verzuimdesk.core.services import rules_gateway

__all__ = [
    "CHUNK_PUPILS",
    "MIN_SCHOOLS",
    "PUPILS_PER_SCHOOL",
    "DemoSummary",
    "generate_demo",
    "paths_from_start",
    "synthetic_bsns",
]

#: Pupils generated and written at a time (memory is flat in the region's size).
CHUNK_PUPILS = 2_000
#: Every demo has at least this many schools, so a phone round has something to call.
MIN_SCHOOLS = 8
#: Pupils per school (VO schools are large; PO schools small).
PUPILS_PER_SCHOOL = {Sector.VO: 900, Sector.PO: 250, Sector.MBO: 2000}
#: BSNs come from the 9999xxxxx test range so they can never belong to a real person.
TEST_BSN_PREFIX = 9999
#: Stories forced on the first pupils without a case, so every signal shows in any demo.
FORCED_STORIES = ("truancy", "at_home", "holiday", "sick_long", "sick_short") * 3

#: The first pupils had a gap between two enrolments (absoluut verzuim in the past).
FORCED_GAPS = 3

KIND = AbsenceKind
#: The kinds that keep their hours when a demo day would hold more than the school day.
_UNAUTHORISED = frozenset({KIND.ONGEOORLOOFD, KIND.LUXE})

#: A row to bulk-insert: column name -> value.
Row = dict[str, Any]
#: Absence kind (its text) -> the signal engine's compact code.
_KIND_CODE = {str(kind): code for kind, code in KIND_CODES.items()}
_RECORD_COLUMNS = ("pupil_id", "date", "hours", "kind")


@dataclass
class DemoSummary:
    """What ``generate_demo`` wrote, for the command's report and the benchmarks."""

    region_id: str
    profile: str = REALISTIC.name
    schools: int = 0
    pupils: int = 0
    records: int = 0
    signals: int = 0
    open_cases: int = 0
    closed_cases: int = 0
    #: The steps with a case: open ones, and the closing steps with closed ones.
    stages_covered: set[str] = field(default_factory=set)
    signal_codes: set[str] = field(default_factory=set)
    #: Signals per code, and pupils with at least one signal of the code.
    signal_counts: Counter[str] = field(default_factory=Counter)
    pupils_with: Counter[str] = field(default_factory=Counter)
    #: Pupils with at least one luxe verzuim record.
    luxe_pupils: int = 0


def _letters(rng: random.Random, count: int = 2) -> str:
    """Random capital letters (BRIN and postcode suffixes)."""
    return "".join(chr(65 + rng.randrange(26)) for _ in range(count))


@functools.cache
def _valid_bsns() -> tuple[str, ...]:
    """Every eleven-test-valid BSN of the test range, in order (computed once)."""
    valid = []
    for number in range(TEST_BSN_PREFIX * 100_000, (TEST_BSN_PREFIX + 1) * 100_000):
        digits = f"{number:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            valid.append(digits)
    return tuple(valid)


def synthetic_bsns(rng: random.Random) -> list[str]:
    """Return every eleven-test-valid BSN of the test range, shuffled."""
    valid = list(_valid_bsns())
    rng.shuffle(valid)
    return valid


class _Generator:
    """Holds the random state and the lookups of one demo generation."""

    def __init__(
        self,
        region_id: str,
        registry: RegionRegistry,
        rng: random.Random,
        today: dt.date,
        profile: DemoProfile,
    ) -> None:
        self.region_id = region_id
        self.registry = registry
        self.rng = rng
        self.today = today
        self.profile = profile
        self.patterns = Patterns(rng, profile)
        self.start = today - dt.timedelta(days=365)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(rng.randrange(1 << 30))
        self.region = registry.region(region_id)
        self.ladder = registry.ladder(region_id)
        self.bands = {band.id: band for band in registry.bands(region_id)}
        self.roles = [role.id for role in registry.roles(region_id)]
        self.regional = registry.regional_signals(region_id)
        self.calendars: dict[str, SchoolCalendar] = {}
        self.schooldays: dict[str, list[dt.date]] = {}

    def schooldagen(self, vacation_region: str) -> list[dt.date]:
        """All schooldagen of the demo year for a vacation region (cached)."""
        if vacation_region not in self.schooldays:
            calendar = SchoolCalendar.for_region(vacation_region)
            self.calendars[vacation_region] = calendar
            days = []
            day = self.start
            while day <= self.today:
                if calendar.is_schooldag(day):
                    days.append(day)
                day += dt.timedelta(days=1)
            self.schooldays[vacation_region] = days
        return self.schooldays[vacation_region]

    def school_calendar(self, school: Row) -> SchoolCalendar:
        """The calendar the services use for ``school`` (its free Goede Vrijdag included)."""
        key = rules_gateway.CalendarKey(
            school["vacation_region"],
            bool(school["goede_vrijdag_free"]),
            bool(school["bevrijdingsdag_free"]),
            bool(school["explicit_calendar"]),
        )
        return rules_gateway.calendar_for(key)

    def band_weeks(self, stage: Stage) -> tuple[int, int]:
        """The lesweken range a case at ``stage`` plausibly is in."""
        band = self.bands.get(stage.band)
        if band is None:
            return (1, 8)
        low = max(1, band.from_week)
        high = band.to_week if band.to_week is not None else max(low + 12, 30)
        return (low, max(low + 1, min(high, 45)))


def demo_schools(gen: _Generator, n_pupils: int) -> list[Row]:
    """The demo's schools: enough for the pupils, at least :data:`MIN_SCHOOLS`, every
    sector the region serves (PO and VO where it serves both). Ids are 1, 2, …"""
    rng, fake = gen.rng, gen.fake
    sectors = list(gen.region.sectors) or [Sector.VO]
    municipalities = list(gen.region.municipalities) or ["Onbekend"]
    schools: list[Row] = []
    remaining = n_pupils
    while remaining > 0 or len(schools) < max(MIN_SCHOOLS, len(sectors)):
        sector = Sector(sectors[len(schools) % len(sectors)])
        kind = "College" if sector != Sector.PO else "Basisschool"
        schools.append(
            {
                "id": len(schools) + 1,
                "name": f"{fake.last_name()} {kind}"
                if sector != Sector.PO
                else f"{kind} {fake.street_name()}",
                "brin": f"{rng.randint(10, 99)}{_letters(rng)}",
                "sector": sector.value,
                "vacation_region": gen.region.vacation_region,
                "municipality": rng.choice(municipalities),
                "contact_name": fake.name(),
                "contact_phone": fake.phone_number(),
                "contact_email": fake.email(),
                "goede_vrijdag_free": rng.random() < 0.5,
                "bevrijdingsdag_free": False,
                "explicit_calendar": False,
            }
        )
        remaining -= PUPILS_PER_SCHOOL[sector]
    return schools


def _persons(gen: _Generator, per_role: int) -> tuple[dict[str, list[int]], list[Row]]:
    """Professionals per role id (ids 1, 2, … by position), and their rows."""
    rows: list[Row] = []
    by_role: dict[str, list[int]] = {}
    for role_id in gen.roles:
        role = gen.registry.role(gen.region_id, role_id)
        ids: list[int] = []
        for _ in range(per_role):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "name": gen.fake.name(),
                    "organisation": role.organisation or role.name,
                    "email": gen.fake.email(),
                    "phone": gen.fake.phone_number(),
                }
            )
            ids.append(len(rows))
        by_role[role_id] = ids
    return by_role, rows


def _case_positions(gen: _Generator, n_pupils: int) -> dict[int, Stage | None]:
    """Which pupil indices get a case from the start, and at which stage (None: closed).

    Truanting pupils sit on the ladder's early steps, pupils at home on the steps of 5
    lesweken and more; every reachable step but the closing ones gets at least one open
    case (the closing steps get the closed cases, :func:`demo_cases.is_closing`).
    """
    profile = gen.profile
    sectors = [None, *(str(s) for s in gen.region.sectors)]  # every sector's route
    stages = open_case_stages(gen.ladder, sectors)
    late = [s for s in stages if gen.band_weeks(s)[0] >= 5]
    early = [s for s in stages if gen.band_weeks(s)[0] < 5]
    if profile.per_day_rolls:
        # Stress: the first pupils have an open case, cycling over the steps; the next few
        # a closed one.
        n_open = round(n_pupils * (profile.open_truancy_share + profile.open_at_home_share))
        n_closed = round(n_pupils * profile.closed_share)
        out: dict[int, Stage | None] = {i: stages[i % len(stages)] for i in range(n_open)}
        out.update({i: None for i in range(n_open, min(n_pupils, n_open + n_closed))})
        return out
    n_early = max(len(early), round(n_pupils * profile.open_truancy_share)) if early else 0
    n_late = max(len(late), round(n_pupils * profile.open_at_home_share)) if late else 0
    planned = [early[k % len(early)] for k in range(n_early)]
    planned += [late[k % len(late)] for k in range(n_late)]
    gen.rng.shuffle(planned)
    planned = planned[:n_pupils]
    total = len(planned)
    return {(k * n_pupils) // total: stage for k, stage in enumerate(planned)} if total else {}


@dataclass
class _Chunk:
    """The rows of one chunk of pupils, written together."""

    pupils: list[Row] = field(default_factory=list)
    enrolments: list[Row] = field(default_factory=list)
    exemptions: list[Row] = field(default_factory=list)
    #: (pupil id, date as the driver wants it, hours, kind): the largest table.
    records: list[tuple[Any, ...]] = field(default_factory=list)
    signals: list[Row] = field(default_factory=list)
    cases: CaseRows = field(default_factory=CaseRows)


class _PupilMaker:
    """Makes one pupil at a time: person, legal history, absence, signals and case."""

    def __init__(
        self,
        gen: _Generator,
        schools: list[Row],
        cases: CaseMaker,
        positions: dict[int, Stage | None],
        summary: DemoSummary,
        as_date: Callable[[dt.date], Any],
    ) -> None:
        self.as_date = as_date
        #: Schooldag -> the date value the driver takes (ISO text on SQLite), per calendar.
        self.date_map: dict[dt.date, Any] = {}
        self.mapped: set[int] = set()
        self.gen = gen
        self.schools = schools
        self.cases = cases
        self.positions = positions
        self.summary = summary
        fake = gen.fake
        self.first_names = [fake.first_name() for _ in range(400)]
        self.last_names = [fake.last_name() for _ in range(600)]
        self.streets = [fake.street_name() for _ in range(300)]
        self.bsns = synthetic_bsns(gen.rng)
        self.background = 0  # pupils without a planned case so far

    def _story(self, sector: Sector) -> str | None:
        """The background story of a pupil without a planned case (or None)."""
        index = self.background
        self.background += 1
        if index < len(FORCED_STORIES):
            return FORCED_STORIES[index]
        profile = self.gen.profile
        roll = self.gen.rng.random()
        for story, share in (
            ("truancy", profile.truancy_share),
            ("at_home", profile.at_home_share),
            ("holiday", profile.luxe_share),
            ("sick", profile.worrying_sick_share),
        ):
            if roll < share:
                return story
            roll -= share
        return None

    def _on_route(self, stage: Stage | None, sector: Sector, index: int) -> Stage | None:
        """``stage``, or — in a region with a route per sector where the pupil's sector
        cannot reach it — a stage of the same kind (truancy or at home) on that route."""
        if stage is None:
            return None
        route = self.cases.route(sector.value)
        if stage.id in route:
            return stage
        late = self.gen.band_weeks(stage)[0] >= 5
        reachable = [s for s in self.gen.ladder.stages if s.id in route and not is_closing(s)]
        options = [s for s in reachable if (self.gen.band_weeks(s)[0] >= 5) == late] or reachable
        return options[index % len(options)]

    def make(self, index: int, chunk: _Chunk) -> None:
        """Generate pupil ``index`` (id ``index + 1``) into ``chunk``."""
        gen, rng, patterns = self.gen, self.gen.rng, self.gen.patterns
        # Spread over the schools by a multiplicative hash, not ``index % n``: the pupils
        # with a planned case sit at evenly spaced indices, which a plain modulo put all
        # at one school (the 600-pupil demo had all its cases at its first school).
        school_index = ((index * 2_654_435_761) >> 16) % len(self.schools)
        school = self.schools[school_index]
        sector = Sector(school["sector"])
        hours = DEFAULT_DAY_HOURS[sector]
        days = gen.schooldagen(school["vacation_region"])
        age = rng.randint(12, 16) if sector != Sector.PO else rng.randint(5, 11)
        birth = gen.today - dt.timedelta(days=age * 365 + rng.randrange(365))
        pupil_id = index + 1
        records = patterns.everyday(days, hours)
        plan: CasePlan | None = None
        if index in self.positions:
            stage = self._on_route(self.positions[index], sector, index)
            first_absence = None
            if stage is not None:
                low, high = gen.band_weeks(stage)
                begin = max(0, len(days) - rng.randint(low, high) * 5)
                first_absence = days[begin]
                if low >= 5:
                    records += patterns.at_home(days, begin, hours, returns=False)
                else:
                    records += patterns.truancy(days, begin, hours)
                if rng.random() < 0.25:
                    records += patterns.sickness(days, hours, sector)
            plan = CasePlan(pupil_id, stage, first_absence, sector.value)
        else:
            story = self._story(sector)
            begin = 0
            if story == "truancy":
                begin = rng.randrange(len(days) - 30)
                records += patterns.truancy(days, begin, hours)
            elif story == "at_home":
                begin = rng.randrange(len(days) - 60)
                records += patterns.at_home(days, begin, hours, returns=True)
            elif story == "holiday":
                records += patterns.holiday(days, hours)
            elif story is not None:
                long = {"sick_long": True, "sick_short": False}.get(story)
                records += patterns.sickness(days, hours, sector, long)
            if story in ("truancy", "at_home") and rng.random() < gen.profile.closed_story_share:
                plan = CasePlan(pupil_id, None, days[begin], sector.value)
        merged = _merge(records, hours)
        if id(days) not in self.mapped:
            self.mapped.add(id(days))
            self.date_map.update({day: self.as_date(day) for day in days})
        date_map = self.date_map
        chunk.records += [(pupil_id, date_map[day], hrs, kind) for (day, kind), hrs in merged]
        if any(kind == KIND.LUXE for (_day, kind), _h in merged):
            self.summary.luxe_pupils += 1
        pupil = {
            "id": pupil_id,
            "first_name": rng.choice(self.first_names),
            "last_name": rng.choice(self.last_names),
            "birth_date": birth,
            "bsn": self.bsns[index] if index < len(self.bsns) else None,
            "street": f"{rng.choice(self.streets)} {rng.randint(1, 180)}",
            "postcode": f"{rng.randint(1000, 9999)} {_letters(rng)}",
            "city": school["municipality"],
            "municipality": school["municipality"],
            "parent_name": gen.fake.name(),
            "parent_phone": f"06{rng.randint(10_000_000, 99_999_999)}",
            "parent_email": f"ouder{pupil_id}@example.nl",
            "school_id": school_index + 1,
        }
        enrolled_from = dt.date(
            gen.today.year - (1 if gen.today.month < 8 else 0) - rng.randint(0, 3), 8, 1
        )
        enrolments, exemptions, startkwalificatie = legal_rows(
            rng,
            gen.today,
            pupil_id,
            birth,
            school_index + 1,
            enrolled_from,
            # The first pupils always had a gap, so absoluut verzuim shows in any demo.
            gap_share=1.0 if index < FORCED_GAPS else gen.profile.enrolment_gap_share,
        )
        pupil["startkwalificatie_on"] = startkwalificatie
        chunk.pupils.append(pupil)
        chunk.enrolments += enrolments
        chunk.exemptions += exemptions
        calendar = gen.school_calendar(school)
        signals = self._signals(pupil, sector, merged, calendar, enrolments, exemptions)
        self._store_signals(pupil_id, signals, chunk)
        if plan is not None:
            self.cases.make(plan, signals, calendar, chunk.cases)

    def _signals(
        self,
        pupil: Row,
        sector: Sector,
        merged: list[tuple[tuple[dt.date, str], float]],
        calendar: SchoolCalendar,
        enrolments: list[Row],
        exemptions: list[Row],
    ) -> list[Signal]:
        """National and regional signals, then the legal record's (as the services do)."""
        gen = self.gen
        key = str(pupil["id"])
        hours = DEFAULT_DAY_HOURS[sector]
        signals: list[Signal] = []
        if merged:
            columns = RecordColumns(
                array("l", [day.toordinal() for (day, _k), _h in merged]),
                array("l", [round(hrs * UNITS_PER_HOUR) for _key, hrs in merged]),
                array("b", [_KIND_CODE[kind] for (_d, kind), _h in merged]),
            )
            signals = compute_pupil_signals_columns(
                key, columns, calendar, sector=sector, day_hours=hours, until=gen.today
            )
            if gen.regional:
                absences = [Absence(key, day, hrs, KIND(kind)) for (day, kind), hrs in merged]
                signals = signals + regional_signals_for_pupil(
                    key,
                    absences,
                    signals,
                    calendar,
                    gen.regional,
                    sector=sector,
                    day_hours=hours,
                    until=gen.today,
                )
                signals.sort(key=lambda s: (s.datum, s.code))
        legal = record_if_gap(pupil, enrolments, exemptions)
        if legal is not None:
            signals = legal_signals(key, legal, signals, calendar, gen.today)
        return signals

    def _store_signals(self, pupil_id: int, signals: list[Signal], chunk: _Chunk) -> None:
        today, summary = self.gen.today, self.summary
        for code in {sig.code for sig in signals}:
            summary.pupils_with[code] += 1
        for sig in signals:
            summary.signal_counts[sig.code] += 1
            chunk.signals.append(
                {
                    "pupil_id": pupil_id,
                    "code": sig.code,
                    "datum": sig.datum,
                    "start": sig.start,
                    "eind": sig.eind,
                    "uren": sig.uren,
                    "deadline_on": sig.deadline,
                    "reported_on": sig.datum if sig.deadline and sig.deadline < today else None,
                }
            )


def _merge(records: list[Rec], hours: float) -> list[tuple[tuple[dt.date, str], float]]:
    """One record per date and kind (the later pattern wins), sorted by date.

    A day holds at most the school day's hours (rules.md §2): unauthorised absence (the
    story) keeps its hours, sickness and the rest get what is left; empty records go.
    """
    merged = {(day, str(kind)): hrs for day, hrs, kind in records}
    room: dict[dt.date, float] = {}
    for (day, kind), hrs in sorted(merged.items(), key=lambda i: i[0][1] not in _UNAUTHORISED):
        merged[day, kind] = min(hrs, room.setdefault(day, hours))
        room[day] -= merged[day, kind]
    return sorted(((k, h) for k, h in merged.items() if h > 0), key=lambda i: i[0])


def generate_demo(
    url: str,
    region_id: str,
    *,
    pupils: int = 600,
    seed: int = 20261124,
    today: dt.date | None = None,
    registry: RegionRegistry,
    progress: Callable[[str], None] | None = None,
    stress: bool = False,
) -> DemoSummary:
    """Write a synthetic case base for ``region_id`` with ``pupils`` pupils at ``url``.

    :param registry: the loaded regions (the caller makes the plugin registry; the core
        does not load plugins).
    :param today: the demo's "today"; absence records cover the year before it.
    :param progress: called with a Dutch line per phase, for a progress display.
    :param stress: the benchmarks' heavy rates instead of the realistic ones.
    :returns: counts of what was written.
    """
    report = progress or (lambda _line: None)
    rng = random.Random(seed)
    profile = STRESS if stress else REALISTIC
    gen = _Generator(region_id, registry, rng, today or dt.date.today(), profile)
    case_base = create_case_base(url, region_id, today=gen.today)
    summary = DemoSummary(region_id, profile=profile.name)
    try:
        _write(gen, case_base, pupils, summary, report)
        report("Statistieken bijwerken…")
        analyze(case_base.engine)
    finally:
        case_base.close()
    return summary


def _write(
    gen: _Generator,
    case_base: CaseBase,
    n_pupils: int,
    summary: DemoSummary,
    report: Callable[[str], None],
) -> None:
    report("Scholen en medewerkers maken…")
    schools = demo_schools(gen, n_pupils)
    by_role, person_rows = _persons(gen, per_role=max(2, min(12, n_pupils // 2500 + 2)))
    desk = Desk(case_base, gen.registry, user="demo", today=gen.today)
    cases = CaseMaker(desk, gen.rng, gen.today, by_role)
    positions = _case_positions(gen, n_pupils)
    maker = _PupilMaker(
        gen, schools, cases, positions, summary, driver_date(case_base.engine.dialect.name)
    )
    with case_base.engine.begin() as conn:
        writer = BulkWriter(conn)
        writer.write(CaseBaseSetting, [{"key": DEMO_KEY, "value": "ja"}])
        writer.write(School, schools)
        # The schools are written (ids 1..len(schools)): what belongs to a demo school
        # is added here, one call per feature.
        write_demo_contacts(conn, schools, random.Random(len(schools)))
        writer.write(Person, person_rows)
        fix_sequences(conn)  # new schools and persons added by hand get fresh ids
        for begin in range(0, n_pupils, CHUNK_PUPILS):
            end = min(n_pupils, begin + CHUNK_PUPILS)
            report(f"Leerlingen, verzuim, signalen en casussen: {end} van {n_pupils}…")
            chunk = _Chunk()
            for index in range(begin, end):
                maker.make(index, chunk)
            writer.write(Pupil, chunk.pupils)
            writer.write(Enrolment, chunk.enrolments)
            writer.write(PupilExemption, chunk.exemptions)
            writer.write_tuples(AbsenceRecord, _RECORD_COLUMNS, chunk.records)
            writer.write(StoredSignal, chunk.signals)
            writer.write(Case, chunk.cases.cases)
            writer.write(CaseEvent, chunk.cases.events)
            writer.write(Deadline, chunk.cases.deadlines)
            writer.write(RoleAssignment, chunk.cases.roles)
            summary.records += len(chunk.records)
            summary.signals += len(chunk.signals)
        writer.write(
            AuditEntry,
            [
                {
                    "at": dt.datetime.now(dt.UTC),
                    "user": "demo",
                    "action": "insert",
                    "table_name": "case_base",
                    "record_id": "*",
                    "before": None,
                    "after": {"demo": True, "pupils": n_pupils, "profiel": gen.profile.name},
                }
            ],
        )
        # Explicit ids were written: the next case, pupil, … continues after them (issue 11).
        fix_sequences(conn)
    summary.schools, summary.pupils = len(schools), n_pupils
    summary.open_cases, summary.closed_cases = cases.open_cases, cases.closed_cases
    summary.stages_covered = cases.stages_covered
    summary.signal_codes = set(summary.signal_counts)
    report(
        f"Klaar: {summary.pupils} leerlingen, {summary.records} verzuimregels, "
        f"{summary.open_cases} open casussen."
    )

"""A realistic synthetic case base: the demo and the benchmarks' data source.

Everything is made up (Faker ``nl_NL`` names, test-range BSNs): never real
pupils. ``generate_demo`` writes schools, professionals, pupils, a school year
of absence records whose patterns produce every national signal, their
signals, and cases at every step of the region's ladder with their history,
actions and deadlines. Rows are written with bulk inserts, so a region of
40,000 pupils takes well under a minute.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from faker import Faker
from sqlalchemy import insert
from sqlalchemy.engine import Connection

from verzuimdesk.core.db import DEMO_KEY, CaseBase, create_case_base
from verzuimdesk.core.demo_contacts import write_demo_contacts
from verzuimdesk.core.demo_legal import legal_rows, records_with_gaps
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
from verzuimdesk.core.region_spec import Ladder, Stage
from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.legal_record import LegalRecord, legal_signals
from verzuimdesk.core.rules.signals import RecordColumns, compute_pupil_signals_columns
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, AbsenceKind, Sector, Signal
from verzuimdesk.core.services.absences import (
    SIGNAL_LOOKBACK,
    signal_deadline_text,
    signal_rule_id,
)
from verzuimdesk.core.services.cases import case_number

#: Share of pupils with an open case (a large region: 40,000 pupils, 8,000 open cases).
OPEN_CASE_SHARE = 0.2
#: Share of pupils with a case that was closed earlier in the year.
CLOSED_CASE_SHARE = 0.03
#: Pupils per school (VO schools are large; PO schools small).
PUPILS_PER_SCHOOL = {Sector.VO: 900, Sector.PO: 250, Sector.MBO: 2000}
#: BSNs come from the 9999xxxxx test range so they can never belong to a real person.
TEST_BSN_PREFIX = 9999

KIND = AbsenceKind
#: The kinds that keep their hours when a demo day would hold more than the school day.
_UNAUTHORISED = frozenset({KIND.ONGEOORLOOFD, KIND.LUXE})

#: A row to bulk-insert: column name -> value.
Row = dict[str, Any]
#: A pupil with a case: pupil id, stage (None: a closed case), first absence day,
#: sector and school row.
Plan = tuple[int, Stage | None, dt.date | None, Sector, Row]


@dataclass
class DemoSummary:
    """What ``generate_demo`` wrote, for the command's report and the benchmarks."""

    region_id: str
    schools: int = 0
    pupils: int = 0
    records: int = 0
    signals: int = 0
    open_cases: int = 0
    closed_cases: int = 0
    stages_covered: set[str] = field(default_factory=set)
    signal_codes: set[str] = field(default_factory=set)


def _letters(rng: random.Random, count: int = 2) -> str:
    """Random capital letters (BRIN and postcode suffixes)."""
    return "".join(chr(65 + rng.randrange(26)) for _ in range(count))


def synthetic_bsns(rng: random.Random) -> list[str]:
    """Return every eleven-test-valid BSN of the test range, shuffled."""
    valid = []
    for number in range(TEST_BSN_PREFIX * 100_000, (TEST_BSN_PREFIX + 1) * 100_000):
        digits = f"{number:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            valid.append(digits)
    rng.shuffle(valid)
    return valid


def paths_from_start(ladder: Ladder, sector: str | None = None) -> dict[str, list[str]]:
    """Shortest path of stage ids from the (sector's, API 1.3) start to every reachable stage."""
    paths = {(start := ladder.start_for(sector)): [start]}
    queue = deque([start])
    by_id = {stage.id: stage for stage in ladder.stages}
    while queue:
        current = queue.popleft()
        for nxt in by_id[current].next_stages:
            if nxt not in paths and nxt in by_id:
                paths[nxt] = [*paths[current], nxt]
                queue.append(nxt)
    return paths


class _Generator:
    """Holds the random state and the lookups of one demo generation."""

    def __init__(
        self, region_id: str, registry: RegionRegistry, rng: random.Random, today: dt.date
    ) -> None:
        self.region_id = region_id
        self.registry = registry
        self.rng = rng
        self.today = today
        self.start = today - dt.timedelta(days=365)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(rng.randrange(1 << 30))
        self.region = registry.region(region_id)
        self.ladder = registry.ladder(region_id)
        self.bands = {band.id: band for band in registry.bands(region_id)}
        self.roles = [role.id for role in registry.roles(region_id)]
        self.calendars: dict[str, SchoolCalendar] = {}
        self.schooldays: dict[str, list[dt.date]] = {}

    # -- calendar ---------------------------------------------------------
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

    # -- absence patterns -------------------------------------------------
    def regular(self, days: list[dt.date], hours: float) -> list[tuple[dt.date, float, str]]:
        """Sparse everyday absence: lateness, a sick day, the odd unauthorised hour."""
        rng = self.rng
        out: list[tuple[dt.date, float, str]] = []
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

    def truancy(
        self, days: list[dt.date], begin: int, hours: float
    ) -> list[tuple[dt.date, float, str]]:
        """A burst of unauthorised hours over a few weeks (duo-16h, verzuimgesprek)."""
        out: list[tuple[dt.date, float, str]] = []
        for day in days[begin : begin + self.rng.randint(12, 25)]:
            if self.rng.random() < 0.7:
                out.append((day, float(self.rng.choice((2, 3, 4, hours))), KIND.ONGEOORLOOFD))
        return out

    def at_home(
        self, days: list[dt.date], begin: int, hours: float, returns: bool
    ) -> list[tuple[dt.date, float, str]]:
        """Continuous full-day absence from ``begin`` (duo-lrv, thuiszitter B2a/B2b)."""
        end = len(days) if not returns else min(len(days), begin + self.rng.randint(22, 40))
        return [(day, hours, KIND.ONGEOORLOOFD) for day in days[begin:end]]

    def holiday(self, days: list[dt.date], hours: float) -> list[tuple[dt.date, float, str]]:
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
        self, days: list[dt.date], hours: float, sector: Sector
    ) -> list[tuple[dt.date, float, str]]:
        """Worrying sickness: a long ziekmelding or many short ones."""
        out: list[tuple[dt.date, float, str]] = []
        if self.rng.random() < 0.5:
            begin = self.rng.randrange(0, max(1, len(days) - 12))
            out += [
                (day, hours, KIND.ZIEK) for day in days[begin : begin + self.rng.randint(7, 11)]
            ]
        else:
            count = 5 if sector == Sector.PO else 4
            begin = self.rng.randrange(0, max(1, len(days) - 60))
            for k in range(count):
                index = begin + k * self.rng.randint(6, 12)
                out += [
                    (day, hours, KIND.ZIEK) for day in days[index : index + self.rng.randint(1, 3)]
                ]
        return out

    # -- cases ------------------------------------------------------------
    def band_weeks(self, stage: Stage) -> tuple[int, int]:
        """The lesweken range a case at ``stage`` plausibly is in."""
        band = self.bands.get(stage.band)
        if band is None:
            return (1, 8)
        low = max(1, band.from_week)
        high = band.to_week if band.to_week is not None else max(low + 12, 30)
        return (low, max(low + 1, min(high, 45)))


def _persons(gen: _Generator, per_role: int) -> tuple[dict[str, list[int]], list[Row]]:
    """Professionals per role id (ids assigned by position), and their rows."""
    rows: list[Row] = []
    by_role: dict[str, list[int]] = {}
    for role_id in gen.roles:
        role = gen.registry.role(gen.region_id, role_id)
        ids: list[int] = []
        for _ in range(per_role):
            rows.append(
                {
                    "name": gen.fake.name(),
                    "organisation": role.organisation or role.name,
                    "email": gen.fake.email(),
                    "phone": gen.fake.phone_number(),
                }
            )
            ids.append(len(rows))
        by_role[role_id] = ids
    return by_role, rows


def generate_demo(
    url: str,
    region_id: str,
    *,
    pupils: int = 600,
    seed: int = 20261124,
    today: dt.date | None = None,
    registry: RegionRegistry,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Write a synthetic case base for ``region_id`` with ``pupils`` pupils at ``url``.

    :param registry: the loaded regions (the caller makes the plugin registry; the core
        does not load plugins).
    :param today: the demo's "today"; absence records cover the year before it.
    :param progress: called with a Dutch line per phase, for a progress display.
    :returns: counts of what was written.
    """
    report = progress or (lambda _line: None)
    rng = random.Random(seed)
    gen = _Generator(region_id, registry, rng, today or dt.date.today())
    case_base = create_case_base(url, region_id, today=gen.today)
    summary = DemoSummary(region_id)
    try:
        _write(gen, case_base, pupils, summary, report)
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
    rng, fake = gen.rng, gen.fake
    sectors = list(gen.region.sectors) or [Sector.VO]
    municipalities = list(gen.region.municipalities) or ["Onbekend"]
    report("Scholen en medewerkers maken…")
    # Schools: enough for the pupils, each sector of the region represented.
    schools: list[dict[str, Any]] = []
    remaining = n_pupils
    while remaining > 0 or len(schools) < len(sectors):
        sector = Sector(sectors[len(schools) % len(sectors)])
        kind = "College" if sector != Sector.PO else "Basisschool"
        schools.append(
            {
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
    by_role, person_rows = _persons(gen, per_role=max(2, min(12, n_pupils // 2500 + 2)))
    first_names = [fake.first_name() for _ in range(400)]
    last_names = [fake.last_name() for _ in range(600)]
    streets = [fake.street_name() for _ in range(300)]
    bsns = synthetic_bsns(rng)
    sector_paths = {str(s): paths_from_start(gen.ladder, s) for s in sectors}  # route per sector
    stages_of = {s: [t for t in gen.ladder.stages if t.id in p] for s, p in sector_paths.items()}

    report(f"{n_pupils} leerlingen en hun verzuim maken…")
    pupil_rows: list[Row] = []
    enrolment_rows: list[Row] = []
    exemption_rows: list[Row] = []
    record_rows: list[Row] = []
    plans: list[Plan] = []
    n_open = round(n_pupils * OPEN_CASE_SHARE)
    n_closed = round(n_pupils * CLOSED_CASE_SHARE)
    for index in range(n_pupils):
        school_index = index % len(schools)
        school = schools[school_index]
        sector = Sector(school["sector"])
        hours = DEFAULT_DAY_HOURS[sector]
        days = gen.schooldagen(school["vacation_region"])
        age = rng.randint(12, 16) if sector != Sector.PO else rng.randint(5, 11)
        birth = gen.today - dt.timedelta(days=age * 365 + rng.randrange(365))
        pupil_id = index + 1
        case_stage: Stage | None = None
        if index < n_open:
            turn = index // len(sectors) if gen.ladder.sector_starts else index
            case_stage = (stages := stages_of[sector.value])[turn % len(stages)]
        records = gen.regular(days, hours)
        first_absence = None
        if case_stage is not None:
            low, high = gen.band_weeks(case_stage)
            weeks = rng.randint(low, high)
            begin = max(0, len(days) - weeks * 5)
            first_absence = days[begin]
            if low >= 5:
                records += gen.at_home(days, begin, hours, returns=False)
            else:
                records += gen.truancy(days, begin, hours)
            if rng.random() < 0.25:
                records += gen.sickness(days, hours, sector)
        else:
            roll = rng.random()
            if roll < 0.06:
                records += gen.truancy(days, rng.randrange(len(days) - 30), hours)
            elif roll < 0.09:
                records += gen.at_home(days, rng.randrange(len(days) - 60), hours, returns=True)
            elif roll < 0.13:
                records += gen.holiday(days, hours)
            elif roll < 0.20:
                records += gen.sickness(days, hours, sector)
        # One record per pupil, date and kind: the later pattern wins.
        merged = {(day, kind): hrs for day, hrs, kind in records}
        # A day holds at most the school day's hours (rules.md §2); unauthorised absence
        # (the case's story) keeps its hours, sickness and the rest get what is left.
        room: dict[dt.date, float] = {}
        for (day, kind), hrs in sorted(merged.items(), key=lambda i: i[0][1] not in _UNAUTHORISED):
            merged[day, kind] = min(hrs, room.setdefault(day, hours))
            room[day] -= merged[day, kind]
        for (day, kind), hrs in merged.items():
            if hrs <= 0:
                continue
            record_rows.append({"pupil_id": pupil_id, "date": day, "hours": hrs, "kind": str(kind)})
        pupil_rows.append(
            {
                "first_name": rng.choice(first_names),
                "last_name": rng.choice(last_names),
                "birth_date": birth,
                "bsn": bsns[index] if index < len(bsns) else None,
                "street": f"{rng.choice(streets)} {rng.randint(1, 180)}",
                "postcode": f"{rng.randint(1000, 9999)} {_letters(rng)}",
                "city": school["municipality"],
                "municipality": school["municipality"],
                "parent_name": fake.name(),
                "parent_phone": f"06{rng.randint(10_000_000, 99_999_999)}",
                "parent_email": f"ouder{pupil_id}@example.nl",
                "school_id": school_index + 1,
            }
        )
        enrolled_from = dt.date(
            gen.today.year - (1 if gen.today.month < 8 else 0) - rng.randint(0, 3), 8, 1
        )
        legal = legal_rows(rng, gen.today, pupil_id, birth, school_index + 1, enrolled_from)
        enrolment_rows += legal[0]
        exemption_rows += legal[1]
        pupil_rows[-1]["startkwalificatie_on"] = legal[2]
        if case_stage is not None or index < n_open + n_closed:
            plans.append((pupil_id, case_stage, first_absence, sector, school))

    report("Signalen berekenen…")
    case_pupils = {plan[0] for plan in plans}
    signal_rows, case_signals = _signals(
        gen,
        schools,
        pupil_rows,
        record_rows,
        summary,
        case_pupils,
        records_with_gaps(pupil_rows, enrolment_rows, exemption_rows),
    )
    report("Casussen, gebeurtenissen en termijnen maken…")
    case_rows, event_rows, deadline_rows, role_rows = _cases(
        gen, plans, by_role, sector_paths, summary
    )
    deadline_rows += _signal_deadlines(
        Desk(case_base, gen.registry, user="demo"), gen, case_rows, case_signals
    )

    report("Wegschrijven…")
    with case_base.engine.begin() as conn:
        conn.execute(insert(CaseBaseSetting), [{"key": DEMO_KEY, "value": "ja"}])
        conn.execute(insert(School), schools)
        write_demo_contacts(conn, schools, random.Random(len(schools)))  # issue 10
        conn.execute(insert(Person), person_rows)
        conn.execute(insert(Pupil), pupil_rows)
        conn.execute(insert(Enrolment), enrolment_rows)
        if exemption_rows:
            conn.execute(insert(PupilExemption), exemption_rows)
        _bulk_insert_records(conn, record_rows)
        for chunk in _chunks(signal_rows, 50_000):
            conn.execute(insert(StoredSignal), chunk)
        conn.execute(insert(Case), case_rows)
        if event_rows:
            conn.execute(insert(CaseEvent), event_rows)
        if deadline_rows:
            conn.execute(insert(Deadline), deadline_rows)
        if role_rows:
            conn.execute(insert(RoleAssignment), role_rows)
        conn.execute(
            insert(AuditEntry),
            [
                {
                    "at": dt.datetime.now(dt.UTC),
                    "user": "demo",
                    "action": "insert",
                    "table_name": "case_base",
                    "record_id": "*",
                    "before": None,
                    "after": {"demo": True, "pupils": n_pupils},
                }
            ],
        )
    summary.schools, summary.pupils, summary.records = len(schools), n_pupils, len(record_rows)
    report(
        f"Klaar: {summary.pupils} leerlingen, {summary.records} verzuimregels, "
        f"{summary.open_cases} open casussen."
    )


def _bulk_insert_records(conn: Connection, rows: list[Row]) -> None:
    """Insert absence records as fast as the driver allows.

    On SQLite the rows go straight to the driver's ``executemany`` (the table's
    columns are plain text/real there); elsewhere through SQLAlchemy Core.
    """
    if conn.dialect.name != "sqlite":
        for chunk in _chunks(rows, 50_000):
            conn.execute(insert(AbsenceRecord), chunk)
        return
    conn.exec_driver_sql(
        "INSERT INTO absence_record (pupil_id, date, hours, kind) VALUES (?, ?, ?, ?)",
        [(r["pupil_id"], r["date"].isoformat(), r["hours"], r["kind"]) for r in rows],
    )


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for begin in range(0, len(rows), size):
        yield rows[begin : begin + size]


def _signals(
    gen: _Generator,
    schools: list[Row],
    pupil_rows: list[Row],
    record_rows: list[Row],
    summary: DemoSummary,
    keep: set[int],
    legal: dict[int, LegalRecord],
) -> tuple[list[Row], dict[int, list[Signal]]]:
    """Compute every pupil's national signals with the rules engine (compact columns).

    ``legal`` holds the legal record of the pupils whose enrolment history has a gap: their
    signals get the ``absoluut-verzuim`` signals and LRV ends the services would store.
    Returns the ``signal`` rows and the signals of the pupils in ``keep`` (those with a case).
    """
    kept: dict[int, list[Signal]] = {}
    per_pupil: dict[int, list[dict[str, Any]]] = {pupil_id: [] for pupil_id in legal}
    for row in record_rows:
        per_pupil.setdefault(row["pupil_id"], []).append(row)
    out: list[Row] = []
    for pupil_id, rows in per_pupil.items():
        school = schools[pupil_rows[pupil_id - 1]["school_id"] - 1]
        sector = Sector(school["sector"])
        rows.sort(key=lambda r: r["date"])
        columns = RecordColumns()
        for row in rows:
            columns.append(row["date"], row["hours"], row["kind"])
        computed = compute_pupil_signals_columns(
            str(pupil_id),
            columns,
            gen.calendars[school["vacation_region"]],
            sector=sector,
            day_hours=DEFAULT_DAY_HOURS[sector],
            until=gen.today,
        )
        if pupil_id in legal:
            computed = legal_signals(
                str(pupil_id),
                legal[pupil_id],
                computed,
                gen.calendars[school["vacation_region"]],
                gen.today,
            )
        if pupil_id in keep:
            kept[pupil_id] = computed
        for sig in computed:
            summary.signal_codes.add(sig.code)
            out.append(
                {
                    "pupil_id": pupil_id,
                    "code": sig.code,
                    "datum": sig.datum,
                    "start": sig.start,
                    "eind": sig.eind,
                    "uren": sig.uren,
                    "deadline_on": sig.deadline,
                    "reported_on": sig.datum if sig.deadline and sig.deadline < gen.today else None,
                }
            )
    summary.signals = len(out)
    return out, kept


def _signal_deadlines(
    desk: Desk, gen: _Generator, case_rows: list[Row], case_signals: dict[int, list[Signal]]
) -> list[Row]:
    """The report deadlines of each open case's signals, as the services would make them.

    Older ones are done (reported in time); the most recent are open, a few overdue.
    """
    rows: list[Row] = []
    for case in case_rows:
        if case["closed_on"] is not None:
            continue
        since = (case["first_absence_on"] or case["opened_on"]) - SIGNAL_LOOKBACK
        for sig in case_signals.get(case["pupil_id"], ()):
            if sig.deadline is None or sig.datum < since:
                continue
            age = (gen.today - sig.deadline).days
            done = age > 10 or (age > 0 and gen.rng.random() < 0.7)
            rows.append(
                {
                    "case_id": case["id"],
                    "due_on": sig.deadline,
                    "what": signal_deadline_text(desk, sig),
                    "role_id": None,
                    "rule_id": signal_rule_id(sig.code, sig.datum),
                    "done_on": sig.deadline if done else None,
                    "done_by": "demo" if done else None,
                }
            )
    return rows


def _cases(
    gen: _Generator,
    plans: list[Plan],
    by_role: dict[str, list[int]],
    sector_paths: dict[str, dict[str, list[str]]],
    summary: DemoSummary,
) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    """Cases at every ladder step, with their stage history, contacts and deadlines."""
    rng, today = gen.rng, gen.today
    case_rows: list[Row] = []
    event_rows: list[Row] = []
    deadline_rows: list[Row] = []
    role_rows: list[Row] = []
    authors = ["j.devries", "a.yilmaz", "m.bakker", "s.elamrani"]
    year = today.year
    for case_id, (pupil_id, planned, first_absence, sector, _school) in enumerate(plans, start=1):
        closed = planned is None
        if planned is None:
            stage = rng.choice([s for s in gen.ladder.stages if s.final] or list(gen.ladder.stages))
            first_absence = today - dt.timedelta(days=rng.randint(120, 300))
        else:
            stage = planned
        path = sector_paths[sector.value].get(stage.id, [stage.id])
        opened = first_absence or today - dt.timedelta(days=14)
        span = max(1, (today - opened).days)
        step_dates = sorted(opened + dt.timedelta(days=rng.randrange(span)) for _ in path[1:])
        entered = step_dates[-1] if step_dates else opened
        if closed:
            summary.closed_cases += 1
        else:
            summary.open_cases += 1
            summary.stages_covered.add(stage.id)
        regie_role = stage.in_regie
        regie_people = by_role.get(regie_role or "", [])
        weeks = max(1, (today - opened).days // 7)
        category = "B1" if weeks < 4 else ("B2a" if weeks <= 13 else "B2b")
        if rng.random() < 0.08:
            category = "A1"
        outcome = (
            stage.outcomes[0].id
            if closed and stage.outcomes
            else ("verzuim-gestopt" if closed else None)
        )
        case_rows.append(
            {
                "id": case_id,
                "number": case_number(year, case_id),
                "pupil_id": pupil_id,
                "opened_on": opened,
                "closed_on": today - dt.timedelta(days=rng.randint(5, 60)) if closed else None,
                "first_absence_on": first_absence,
                "inspectie_category": category,
                "stage_id": stage.id,
                "stage_entered_on": entered,
                "outcome": outcome,
                "regie_role_id": regie_role,
                "regie_person_id": rng.choice(regie_people) if regie_people else None,
                "actions_done": [a.id for a in stage.actions[: rng.randint(0, len(stage.actions))]],
                "checklists": {},
            }
        )
        previous: str | None = None
        for stage_id, when in zip(path, [opened, *step_dates], strict=False):
            event_rows.append(
                {
                    "case_id": case_id,
                    "occurred_on": when,
                    "kind": "stage_change",
                    "author": rng.choice(authors),
                    "text": "Casus naar deze stap gezet.",
                    "from_stage_id": previous,
                    "to_stage_id": stage_id,
                    "created_at": dt.datetime.now(dt.UTC),
                }
            )
            previous = stage_id
        for _ in range(rng.randint(1, 4)):
            kind = rng.choice(("contact", "meeting", "note"))
            text = {
                "contact": "Telefonisch contact met ouder over de schoolgang.",
                "meeting": "Overleg met school en leerplicht; afspraken vastgelegd.",
                "note": "Leerling geeft aan zich niet veilig te voelen in de klas.",
            }[kind]
            event_rows.append(
                {
                    "case_id": case_id,
                    "occurred_on": opened + dt.timedelta(days=rng.randrange(span)),
                    "kind": kind,
                    "author": rng.choice(authors),
                    "text": text,
                    "from_stage_id": None,
                    "to_stage_id": None,
                    "created_at": dt.datetime.now(dt.UTC),
                }
            )
        for rule in stage.deadlines:
            offset = rule.days or (rule.weeks or 0) * 7 or round((rule.schooldays or 5) * 7 / 5)
            due = entered + dt.timedelta(days=offset)
            deadline_rows.append(
                {
                    "case_id": case_id,
                    "due_on": due,
                    "what": rule.what,
                    "role_id": rule.role_id,
                    "rule_id": rule.id,
                    "done_on": due - dt.timedelta(days=1) if closed or rng.random() < 0.3 else None,
                    "done_by": None,
                }
            )
        if regie_people and regie_role:
            role_rows.append(
                {
                    "case_id": case_id,
                    "person_id": rng.choice(regie_people),
                    "role_id": regie_role,
                    "since": entered,
                }
            )
    return case_rows, event_rows, deadline_rows, role_rows

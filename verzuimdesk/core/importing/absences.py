"""Importing absence exports of school systems into the case base, in one transaction.

The file is streamed once: each row is matched to a pupil (school pupil number or BSN),
its date, kind and amount read and checked, and added to that pupil's (date, kind)
total (an export per lesson gives several rows per record). Then per batch of pupils the
totals are compared with the records already there: new records are inserted, changed
ones updated (a later export of an overlapping period), equal ones skipped, so importing
the same file twice changes nothing. Signals and deadlines are recomputed once per pupil
at the end. Cancelling or any error rolls everything back.

Memory: the (date, kind) totals are kept as one packed integer per record, so a
million-row export of lessons needs a few tens of megabytes, not the file.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session, selectinload

from verzuimdesk.core.importing.mapping import Mapping
from verzuimdesk.core.importing.people import NewPupil, PupilIndex, create_pupils
from verzuimdesk.core.importing.reader import open_table
from verzuimdesk.core.importing.recompute import recompute_pupils
from verzuimdesk.core.importing.report import (
    ImportCancelled,
    ImportReport,
    MappingError,
    UnknownPupil,
)
from verzuimdesk.core.importing.values import IGNORE, map_kind, parse_date, parse_number, short
from verzuimdesk.core.models import AbsenceRecord, AuditEntry, Case, School
from verzuimdesk.core.services import rules_gateway
from verzuimdesk.core.services.absences import (
    FIRST_ABSENCE_KINDS,
    KIND_NAMES,
    MAX_HOURS,
    dutch_hours,
)
from verzuimdesk.core.services.common import today

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.rules.calendar import SchoolCalendar

#: ``progress(fraction 0…1, Dutch text)``; called at least every :data:`PROGRESS_EVERY` s.
Progress = Callable[[float, str], None]
#: Returns True when the user asked to cancel.
CancelCheck = Callable[[], bool]

PROGRESS_EVERY = 0.25
#: Rows between two looks at the clock.
CHECK_ROWS = 2048
#: Pupils per batch when comparing with the case base.
PUPIL_BATCH = 200
#: Records per INSERT statement batch.
INSERT_BATCH = 20_000
#: Hours are kept in units of 1/10 000 h (four decimals, rules.md §2).
UNITS = 10_000
#: Rows are summed in milliseconds (1 h = 3 600 000), so lessons of 50 minutes add up
#: exactly before the record's total is rounded to four decimals.
MS_PER_HOUR = 3_600_000
_MS_PER_UNIT = MS_PER_HOUR // UNITS
KIND_LIST = tuple(KIND_NAMES)
_KIND_INDEX = {kind: i for i, kind in enumerate(KIND_LIST)}
#: Audit entries of an import carry this table name; ``record_id`` is the pupil's id.
AUDIT_TABLE = "absence_import"
#: Changed records listed in one pupil's audit entry.
AUDIT_CHANGES = 200

# A record's total is packed in one integer: units << 52 | rows << 32 | first line.
_LINE_BITS, _ROW_BITS = 32, 20


def _pack_key(pupil_id: int, day: int, kind: int) -> int:
    return (pupil_id << 32) | (day << 3) | kind


def _record_units(packed: int) -> int:
    """A record's total hours in units of 1/10 000 h (its summed milliseconds, rounded)."""
    return round((packed >> 52) / _MS_PER_UNIT)


def _unpack_key(key: int) -> tuple[int, int, int]:
    return key >> 32, (key >> 3) & ((1 << 29) - 1), key & 7


class _School:
    """What a row needs of a pupil's school: its calendar and day length."""

    __slots__ = ("calendar", "day_hours", "schooldag")

    def __init__(self, calendar: SchoolCalendar, day_hours: float) -> None:
        self.calendar = calendar
        self.day_hours = day_hours
        self.schooldag: dict[int, bool] = {}

    def is_schooldag(self, day: int) -> bool:
        """Whether the day (an ordinal) is a schooldag of this school (cached)."""
        known = self.schooldag.get(day)
        if known is None:
            known = self.schooldag[day] = self.calendar.is_schooldag(dt.date.fromordinal(day))
        return known


class _Ticker:
    """Progress and cancel at most every :data:`PROGRESS_EVERY` seconds."""

    def __init__(self, progress: Progress | None, cancel: CancelCheck | None) -> None:
        self.progress = progress
        self.cancel = cancel
        self.last = 0.0

    def tick(self, fraction: float, text: str, *, force: bool = False) -> None:
        """Report progress and look at Cancel, unless that was done very recently."""
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        if self.cancel is not None and self.cancel():
            raise ImportCancelled
        if self.progress is not None:
            self.progress(fraction, text)


def import_absences(
    desk: Desk,
    path: Path | str,
    mapping: Mapping,
    *,
    create: Sequence[NewPupil] = (),
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    notify: bool = True,
) -> ImportReport:
    """Import an absence export; returns the report. One transaction: all or nothing.

    :param create: unknown pupils the user chose to create (from a dry run's
        ``report.not_found``); nobody else is ever created.
    :param dry_run: read and compare everything, change nothing (the wizard's check).
    :raises ImportFileError: the file cannot be read as a table.
    :raises MappingError: the mapping does not fit the file.
    :param notify: publish the change to the open views; a caller on another thread
        passes False and calls ``report.publish(desk)`` on the GUI thread.
    :raises ImportCancelled: ``cancel`` returned True; nothing was changed.
    """
    started = time.monotonic()
    table = open_table(path)
    problems = mapping.problems(table.header)
    if (
        "pupil_number" in mapping.columns
        and mapping.school_id is None
        and ("bsn" not in mapping.columns)
    ):
        problems.append("Kies de school: leerlingnummers zijn per school.")
    if problems:
        raise MappingError(problems)
    report = ImportReport(file_name=Path(path).name, target="absences", dry_run=dry_run)
    ticker = _Ticker(progress, cancel)
    ticker.tick(0.0, "Bestand lezen…", force=True)
    with desk.case_base.transaction(desk.user) as session:
        index = PupilIndex.load(session, mapping.school_id)
        if create and not dry_run:
            report.pupils_created = create_pupils(desk, session, index, mapping.school_id, create)
        schools = _SchoolLookup(desk, session, index)
        totals = _read_rows(desk, table, mapping, index, schools, report, ticker)
        open_case_pupils = set(
            session.scalars(select(Case.pupil_id).where(Case.closed_on.is_(None)))
        )
        touched, first_days = _merge(
            desk, session, totals, schools, report, ticker, open_case_pupils, dry_run
        )
        del totals
        touched |= index.created
        if dry_run:
            session.rollback()
            report.seconds = time.monotonic() - started
            return report
        report.pupils_recomputed = len(touched)
        case_ids = recompute_pupils(
            desk,
            session,
            sorted(touched),
            first_days,
            progress=lambda f: ticker.tick(0.9 + 0.1 * f, "Signalen en termijnen herberekenen…"),
        )
        ticker.tick(1.0, "Opslaan…", force=True)
    report.committed = True
    report.seconds = time.monotonic() - started
    if touched:
        report.change_kind = "absence"
        report.changed_pupils = frozenset(touched)
        report.changed_cases = frozenset(case_ids)
        if notify:
            report.publish(desk)
    return report


class _SchoolLookup:
    """Each pupil's school facts (calendar, day length), built once per school."""

    def __init__(self, desk: Desk, session: Session, index: PupilIndex) -> None:
        self.by_pupil = index.school_of
        self.schools: dict[int | None, _School] = {}
        rows = session.scalars(select(School).options(selectinload(School.free_periods)))
        for school in rows:
            self.schools[school.id] = _School(
                rules_gateway.school_calendar(desk, school), rules_gateway.day_hours_of(school)
            )
        self.schools[None] = _School(
            rules_gateway.school_calendar(desk, None), rules_gateway.day_hours_of(None)
        )

    def for_pupils(self) -> dict[int, _School]:
        """Every known pupil's school facts (pupils created meanwhile included)."""
        default = self.schools[None]
        return {pid: self.schools.get(sid, default) for pid, sid in self.by_pupil.items()}

    def of(self, pupil_id: int) -> _School:
        """The school facts of one pupil (the default calendar without a school)."""
        return self.schools.get(self.by_pupil.get(pupil_id), self.schools[None])


def _column(header: list[str], mapping: Mapping, role: str) -> int | None:
    name = mapping.columns.get(role)
    return header.index(name) if name is not None and name in header else None


def _read_rows(
    desk: Desk,
    table: Any,
    mapping: Mapping,
    index: PupilIndex,
    schools: _SchoolLookup,
    report: ImportReport,
    ticker: _Ticker,
) -> dict[int, int]:
    """Stream the file into packed (pupil, date, kind) totals; refusals into ``report``."""
    header = table.header
    c_number = _column(header, mapping, "pupil_number")
    c_bsn = _column(header, mapping, "bsn")
    c_date = _column(header, mapping, "date")
    c_kind = _column(header, mapping, "kind")
    c_amount = _column(header, mapping, "amount")
    names = _NameColumns(header, mapping)
    unit = mapping.unit
    lesson_hours = mapping.lesson_minutes / 60
    now = today(desk).toordinal()
    dates: dict[str, int] = {}
    kinds: dict[str, int | None] = {}
    amounts: dict[str, float] = {}
    unknown: dict[str, UnknownPupil] = {}
    totals: dict[int, int] = {}
    rows = 0
    school_of = schools.for_pupils()
    for line, cells in table.rows_with_progress():
        rows += 1
        if not rows % CHECK_ROWS:
            ticker.tick(
                0.8 * table.read_fraction(), f"Bestand lezen… {rows:,} rijen".replace(",", ".")
            )
        try:
            number = cells[c_number].strip() if c_number is not None else ""
            bsn = cells[c_bsn].strip() if c_bsn is not None else ""
            raw_date = cells[c_date]
            raw_kind = cells[c_kind]
            raw_amount = cells[c_amount] if c_amount is not None else ""
        except IndexError:
            report.refuse(line, "te weinig kolommen in deze rij")
            continue
        pupil_id = index.find(number, bsn)
        if pupil_id is None:
            if not number and not bsn:
                report.refuse(line, "geen leerlingnummer of BSN")
                continue
            key = number or bsn
            found = unknown.get(key)
            if found is None:
                found = unknown[key] = names.unknown(
                    cells, key, "pupil_number" if number else "bsn", line
                )
            found.rows += 1
            report.not_found_rows += 1
            continue
        day = dates.get(raw_date)
        if day is None:
            try:
                day = parse_date(raw_date).toordinal()
            except ValueError as exc:
                report.refuse(line, f"datum: {exc}")
                continue
            dates[raw_date] = day
        if day > now:
            report.refuse(line, f"{raw_date.strip()} ligt in de toekomst")
            continue
        kind = kinds.get(raw_kind, -1)
        if kind == -1:
            desk_kind = map_kind(raw_kind, mapping.kinds)
            kind = kinds[raw_kind] = (
                None
                if desk_kind is None
                else -2
                if desk_kind == IGNORE
                else _KIND_INDEX.get(desk_kind)
            )
        if kind is None:
            report.refuse(
                line,
                f"onbekende soort verzuim '{short(raw_kind)}' (koppel deze waarde in de mapping)"
                if raw_kind.strip()
                else "geen soort verzuim",
            )
            continue
        if kind == -2:
            report.ignored += 1
            continue
        school = school_of[pupil_id]
        if unit == "day":
            hours = school.day_hours
        elif not raw_amount.strip() and unit == "lessons":
            hours = lesson_hours
        else:
            value = amounts.get(raw_amount)
            if value is None:
                try:
                    value = amounts[raw_amount] = parse_number(raw_amount)
                except ValueError as exc:
                    report.refuse(line, f"aantal: {exc}")
                    continue
            hours = (
                value * lesson_hours
                if unit == "lessons"
                else value / 60
                if unit == "minutes"
                else value
            )
        units = round(hours * MS_PER_HOUR)
        if not 0 < units <= MAX_HOURS * MS_PER_HOUR:
            report.refuse(line, f"aantal '{short(raw_amount)}' is geen 0 tot {MAX_HOURS} uur")
            continue
        if not school.is_schooldag(day):
            report.refuse(
                line, f"{dt.date.fromordinal(day):%d-%m-%Y} is geen schooldag van de school"
            )
            continue
        key = (pupil_id << 32) | (day << 3) | kind
        packed = totals.get(key)
        totals[key] = (
            (units << 52) | (1 << _LINE_BITS) | line
            if packed is None
            else packed + (units << 52) + (1 << _LINE_BITS)
        )
    report.rows_read = rows
    report.not_found = sorted(unknown.values(), key=lambda u: u.first_line)
    return totals


class _NameColumns:
    """Reads a pupil's name and birth date from a row, for the list of unknown pupils."""

    def __init__(self, header: list[str], mapping: Mapping) -> None:
        self.first = _column(header, mapping, "first_name")
        self.prefix = _column(header, mapping, "prefix")
        self.last = _column(header, mapping, "last_name")
        self.full = _column(header, mapping, "name")
        self.birth = _column(header, mapping, "birth_date")

    def unknown(self, cells: list[str], key: str, by: str, line: int) -> UnknownPupil:
        """The unknown pupil of this row, with the name and birth date the row gives."""
        def cell(i: int | None) -> str:
            return cells[i].strip() if i is not None and i < len(cells) else ""

        first, last = cell(self.first), cell(self.last)
        if cell(self.prefix):
            last = f"{cell(self.prefix)} {last}".strip()
        if not last and cell(self.full):
            first, last = split_name(cell(self.full))
        birth = None
        if cell(self.birth):
            try:
                birth = parse_date(cell(self.birth))
            except ValueError:
                birth = None
        return UnknownPupil(key, by, first[:100], last[:150], birth, line, 0)


def split_name(full: str) -> tuple[str, str]:
    """``"Jansen, Piet"`` or ``"Piet de Jong"`` → (first name, last name)."""
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    first, _, last = full.strip().partition(" ")
    return first, last.strip()


def _merge(
    desk: Desk,
    session: Session,
    totals: dict[int, int],
    schools: _SchoolLookup,
    report: ImportReport,
    ticker: _Ticker,
    open_case_pupils: set[int],
    dry_run: bool,
) -> tuple[set[int], dict[int, set[dt.date]]]:
    """Compare the totals with the stored records per batch of pupils; write the changes.

    Returns the pupils whose records changed and, for pupils with an open case, the days
    that got a new record of a first-absence kind.
    """
    record_table: Table = AbsenceRecord.__table__  # type: ignore[assignment]
    audit_table: Table = AuditEntry.__table__  # type: ignore[assignment]
    keys = sorted(totals)
    touched: set[int] = set()
    first_days: dict[int, set[dt.date]] = {}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    file_name = report.file_name
    first_kinds = {_KIND_INDEX[k] for k in FIRST_ABSENCE_KINDS}
    now = dt.datetime.now(dt.UTC)
    position = 0
    total_keys = max(len(keys), 1)
    while position < len(keys):
        # One batch: the keys of up to PUPIL_BATCH pupils (keys sort by pupil first).
        start = position
        pupils: list[int] = []
        while position < len(keys):
            pupil = keys[position] >> 32
            if not pupils or pupils[-1] != pupil:
                if len(pupils) == PUPIL_BATCH:
                    break
                pupils.append(pupil)
            position += 1
        ticker.tick(0.8 + 0.1 * position / total_keys, "Vergelijken met het casusbestand…")
        stored: dict[int, tuple[int, int]] = {}
        for rid, pid, date, kind_name, hours in session.execute(
            select(
                AbsenceRecord.id,
                AbsenceRecord.pupil_id,
                AbsenceRecord.date,
                AbsenceRecord.kind,
                AbsenceRecord.hours,
            ).where(AbsenceRecord.pupil_id.in_(pupils))
        ):
            k = _KIND_INDEX.get(kind_name)
            if k is not None:
                stored[_pack_key(pid, date.toordinal(), k)] = (rid, round(float(hours) * UNITS))
        batch = keys[start:position]
        refused_days = _over_full_days(batch, totals, stored, schools, report)
        per_pupil: dict[int, dict[str, Any]] = {}
        for key in batch:
            packed = totals[key]
            units = _record_units(packed)
            count = (packed >> _LINE_BITS) & ((1 << _ROW_BITS) - 1)
            pid, day, kind = _unpack_key(key)
            if (pid, day) in refused_days:
                continue
            have = stored.get(key)
            if have is not None and have[1] == units:
                report.unchanged += count
                report.records_unchanged += 1
                continue
            date = dt.date.fromordinal(day)
            hours = Decimal(units).scaleb(-4)
            summary = per_pupil.setdefault(pid, {"bestand": file_name, "nieuw": 0, "gewijzigd": []})
            if have is None:
                report.imported += count
                report.records_new += 1
                summary["nieuw"] += 1
                inserts.append(
                    {"pupil_id": pid, "date": date, "kind": KIND_LIST[kind], "hours": hours}
                )
                if pid in open_case_pupils and kind in first_kinds:
                    first_days.setdefault(pid, set()).add(date)
            else:
                report.updated += count
                report.records_updated += 1
                if len(summary["gewijzigd"]) < AUDIT_CHANGES:
                    summary["gewijzigd"].append(
                        {
                            "datum": date.isoformat(),
                            "soort": KIND_LIST[kind],
                            "voor": have[1] / UNITS,
                            "na": units / UNITS,
                        }
                    )
                updates.append({"rid": have[0], "new_hours": hours})
            touched.add(pid)
        for pid, summary in per_pupil.items():
            audits.append(
                {
                    "at": now,
                    "user": desk.user,
                    "action": "import",
                    "table_name": AUDIT_TABLE,
                    "record_id": str(pid),
                    "before": None,
                    "after": summary,
                }
            )
        if not dry_run and (len(inserts) >= INSERT_BATCH or position >= len(keys)):
            _write(session, record_table, audit_table, inserts, updates, audits)
            inserts, updates, audits = [], [], []
    if not dry_run:
        _write(session, record_table, audit_table, inserts, updates, audits)
    return touched, first_days


def _over_full_days(
    batch: Sequence[int],
    totals: dict[int, int],
    stored: dict[int, tuple[int, int]],
    schools: _SchoolLookup,
    report: ImportReport,
) -> set[tuple[int, int]]:
    """(pupil, day)s whose hours would exceed the school's day length; refused in full.

    rules.md §2: all kinds together are at most a schooldag's lesson hours. The day's total
    is the file's records plus the stored records of kinds the file does not have that day.
    ``batch`` is sorted, so the kinds of one pupil's day are adjacent.
    """
    stored_days: dict[int, int] = {}
    for key, (_rid, units) in stored.items():
        stored_days[key >> 3] = stored_days.get(key >> 3, 0) + units
    refused: set[tuple[int, int]] = set()
    limits: dict[int, int] = {}
    i, n = 0, len(batch)
    while i < n:
        day_key = batch[i] >> 3
        j, total, replaced = i, 0, 0
        while j < n and batch[j] >> 3 == day_key:
            total += _record_units(totals[batch[j]])
            have = stored.get(batch[j])
            if have is not None:
                replaced += have[1]
            j += 1
        total += stored_days.get(day_key, 0) - replaced
        pid, day = day_key >> 29, day_key & ((1 << 29) - 1)
        limit = limits.get(pid)
        if limit is None:
            limit = limits[pid] = round(schools.of(pid).day_hours * UNITS)
        if total > limit:
            refused.add((pid, day))
            for key in batch[i:j]:
                packed = totals[key]
                report.refuse(
                    packed & ((1 << _LINE_BITS) - 1),
                    f"op {dt.date.fromordinal(day):%d-%m-%Y} zou de leerling "
                    f"{dutch_hours(total / UNITS)} uur verzuim hebben; een schooldag van deze "
                    f"school heeft {dutch_hours(limit / UNITS)} lesuren",
                    rows=(packed >> _LINE_BITS) & ((1 << _ROW_BITS) - 1),
                )
        i = j
    return refused


def _write(
    session: Session,
    record_table: Table,
    audit_table: Table,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    audits: list[dict[str, Any]],
) -> None:
    """Insert, update and audit one batch (executemany, no ORM objects)."""
    if inserts:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            # The driver directly: SQLAlchemy's per-row parameter processing would take
            # longer than SQLite's insert. The values are what the Date and Numeric types
            # store on SQLite (ISO text, a real).
            connection.exec_driver_sql(
                "INSERT INTO absence_record (pupil_id, date, kind, hours) VALUES (?, ?, ?, ?)",
                [
                    (r["pupil_id"], r["date"].isoformat(), r["kind"], float(r["hours"]))
                    for r in inserts
                ],
            )
        else:
            session.execute(insert(record_table), inserts)
    if updates:
        session.execute(
            update(record_table)
            .where(record_table.c.id == bindparam("rid"))
            .values(hours=bindparam("new_hours")),
            updates,
        )
    if audits:
        session.execute(insert(audit_table), audits)

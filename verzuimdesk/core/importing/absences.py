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
import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from sqlalchemy import Float, Table, bindparam, insert, select, type_coerce, update
from sqlalchemy.orm import Session, selectinload

from verzuimdesk.core.importing.common import (
    ImportOptions,
    ImportRun,
    Ticker,
    person_name,
    read_date,
    read_number,
)
from verzuimdesk.core.importing.mapping import Mapping
from verzuimdesk.core.importing.people import NewPupil, PupilIndex, create_pupils
from verzuimdesk.core.importing.recompute import recompute_pupils
from verzuimdesk.core.importing.report import ImportReport, UnknownPupil
from verzuimdesk.core.models import AbsenceRecord, AuditEntry, Case, School
from verzuimdesk.core.services import rules_gateway
from verzuimdesk.core.services.absences import (
    FIRST_ABSENCE_KINDS,
    KIND_NAMES,
    MAX_HOURS,
    dutch_hours,
)
from verzuimdesk.core.services.common import today
from verzuimdesk.core.tabular.dutch_values import IGNORE, map_kind, parse_clock, short

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.rules.calendar import SchoolCalendar

#: Rows between two looks at the clock.
CHECK_ROWS = 2048
#: Distinct (date, kind, amount) cells remembered per school before starting afresh.
READINGS_LIMIT = 100_000
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
#: The longest note an imported record keeps (characters).
MAX_NOTE = 1000
#: Audit entries of an import carry this table name; ``record_id`` is the pupil's id.
AUDIT_TABLE = "absence_import"
#: Changed records listed in one pupil's audit entry.
AUDIT_CHANGES = 200

# A record's total is packed in one integer: units << 52 | rows << 32 | first line.
_LINE_BITS, _ROW_BITS = 32, 20
_ONE_ROW = 1 << _LINE_BITS
#: A record to insert: pupil id, date ordinal, kind, hours in 1/10 000 h, note.
_NewRecord = tuple[int, int, str, int, str | None]


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


def import_absences(
    desk: Desk,
    path: Path | str,
    mapping: Mapping,
    *,
    create: Sequence[NewPupil] = (),
    **options: Unpack[ImportOptions],
) -> ImportReport:
    """Import an absence export; returns the report. One transaction: all or nothing.

    :param create: unknown pupils the user chose to create (from a dry run's
        ``report.not_found``); nobody else is ever created.
    :param options: see :class:`~verzuimdesk.core.importing.common.ImportOptions`.
    :raises ImportFileError: the file cannot be read as a table.
    :raises MappingError: the mapping does not fit the file.
    :raises ImportCancelled: ``cancel`` returned True; nothing was changed.
    """
    run = ImportRun(desk, path, mapping, options, school_or="bsn")
    report, ticker = run.report, run.ticker
    ticker.tick(0.0, "Bestand lezen…", force=True)
    with desk.case_base.transaction(desk.user) as session:
        index = PupilIndex.load(session, mapping.school_id)
        if create and not run.dry_run:
            report.pupils_created = create_pupils(desk, session, index, mapping.school_id, create)
        schools = _SchoolLookup(desk, session, index)
        totals = _read_rows(desk, run, index, schools)
        open_case_pupils = set(
            session.scalars(select(Case.pupil_id).where(Case.closed_on.is_(None)))
        )
        touched, first_days = _merge(
            desk, session, totals, schools, report, ticker, open_case_pupils, run.dry_run
        )
        del totals
        touched |= index.created
        if run.dry_run:
            return run.dry_run_end(session)
        report.pupils_recomputed = len(touched)
        case_ids = recompute_pupils(
            desk,
            session,
            sorted(touched),
            first_days,
            progress=lambda f: ticker.tick(0.9 + 0.1 * f, "Signalen en termijnen herberekenen…"),
        )
        ticker.tick(1.0, "Opslaan…", force=True)
    if not touched:
        return run.committed("")
    return run.committed("absence", frozenset(touched), frozenset(case_ids))


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


def _read_rows(desk: Desk, run: ImportRun, index: PupilIndex, schools: _SchoolLookup) -> _Totals:
    """Stream the file into packed (pupil, date, kind) totals; refusals into the report.

    A row's date, kind and amount are read once per distinct combination of their cells
    and the pupil's school (an export of a million lessons has a few thousand), and a
    pupil looked up once per distinct key, so a row costs a few dictionary look-ups.
    """
    table, report, ticker, mapping = run.table, run.report, run.ticker, run.mapping
    pupil_cols = {r: run.column(r) for r in ("pupil_number", "bsn")}
    value_roles: tuple[str, ...]
    if mapping.unit == "times":
        value_roles = ("date", "kind", "start_time", "end_time")
    else:
        value_roles = ("date", "kind", "amount")
    value_cols = {r: run.column(r) for r in value_roles}
    pupil_of = _getter(pupil_cols)
    values_of = _getter(value_cols)
    c_note = run.column("note")
    names = _NameColumns(run)
    reader = _RowReader(mapping, today(desk).toordinal(), list(value_cols))
    # the pupil's cells -> (pupil id, the row readings of its school) or None: unknown
    pupils: dict[Any, tuple[int, dict[Any, tuple[int, int] | str]] | None] = {}
    unknown: dict[str, UnknownPupil] = {}
    totals = _Totals()
    packed_totals = totals.packed
    school_of = schools.for_pupils()
    rows = 0
    for line, cells in table.rows_with_progress():
        rows += 1
        if not rows % CHECK_ROWS:
            ticker.tick(
                0.8 * table.read_fraction(), f"Bestand lezen… {rows:,} rijen".replace(",", ".")
            )
        try:
            who = pupil_of(cells)
            values = values_of(cells)
            note = cells[c_note] if c_note is not None else ""
        except IndexError:
            report.refuse(line, "te weinig kolommen in deze rij")
            continue
        pupil = pupils.get(who, 0)
        if pupil == 0:
            number, bsn = _key_cells(who, pupil_cols)
            pupil_id = index.find(number, bsn)
            pupil = pupils[who] = (
                None if pupil_id is None else (pupil_id, reader.of(school_of[pupil_id]))
            )
        if pupil is None:
            number, bsn = _key_cells(who, pupil_cols)
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
        pupil_id, readings = pupil  # type: ignore[misc]
        got = readings.get(values)
        if got is None:
            if len(readings) >= READINGS_LIMIT:
                readings.clear()  # a file of ever new cells: memory stays flat
            got = readings[values] = reader.read(school_of[pupil_id], values)
        if isinstance(got, str):
            if got:
                report.refuse(line, got)
            else:
                report.ignored += 1
            continue
        day_kind, units = got
        record = (pupil_id << 32) | day_kind
        packed = packed_totals.get(record)
        packed_totals[record] = (
            (units << 52) | _ONE_ROW | line if packed is None else packed + (units << 52) + _ONE_ROW
        )
        if note:
            totals.add_note(record, note)
    report.rows_read = rows
    report.not_found = sorted(unknown.values(), key=lambda u: u.first_line)
    return totals


def _getter(columns: dict[str, int | None]) -> Callable[[list[str]], Any]:
    """A function that takes a row's cells of the mapped ``columns`` (one cell alone, or a
    tuple); it raises IndexError for a row too short."""
    present = [c for c in columns.values() if c is not None]
    if not present:
        return lambda _cells: ""
    return operator.itemgetter(*present)


def _key_cells(who: Any, columns: dict[str, int | None]) -> tuple[str, str]:
    """(pupil number, BSN), stripped, from what :func:`_getter` took of the pupil columns."""
    cells = iter(who if isinstance(who, tuple) else (who,))
    number = next(cells) if columns["pupil_number"] is not None else ""
    bsn = next(cells) if columns["bsn"] is not None else ""
    return number.strip(), bsn.strip()


class _RowReader:
    """A row's date, kind and amount read and checked, once per school and distinct cells."""

    def __init__(self, mapping: Mapping, now: int, roles: list[str]) -> None:
        self.mapping = mapping
        self.now = now
        self.roles = roles
        self.lesson_hours = mapping.lesson_minutes / 60
        self.per_school: dict[_School, dict[Any, tuple[int, int] | str]] = {}

    def of(self, school: _School) -> dict[Any, tuple[int, int] | str]:
        """The readings of one school's rows (cells -> reading), filled by :meth:`read`."""
        return self.per_school.setdefault(school, {})

    def read(self, school: _School, values: Any) -> tuple[int, int] | str:
        """``(day << 3 | kind, milliseconds)``, a Dutch refusal, or "" for a kind to ignore.

        ``values``: the cells of :attr:`roles` that are mapped, as :func:`_getter` took them.
        """
        cells = iter(values if isinstance(values, tuple) else (values,))
        raw = {r: next(cells) for r in self.roles if self.mapping.columns.get(r)}
        return self._read(
            school,
            raw.get("date", ""),
            raw.get("kind", ""),
            raw.get("amount", raw.get("start_time", "")),
            raw.get("end_time", ""),
        )

    def _read(
        self, school: _School, raw_date: str, raw_kind: str, raw_amount: str, raw_end: str
    ) -> tuple[int, int] | str:
        try:
            day = read_date(raw_date).toordinal()
        except ValueError as exc:
            return f"datum: {exc}"
        if day > self.now:
            return f"{raw_date.strip()} ligt in de toekomst"
        desk_kind = map_kind(raw_kind, self.mapping.kinds)
        if desk_kind == IGNORE:
            return ""
        kind = None if desk_kind is None else _KIND_INDEX.get(desk_kind)
        if kind is None:
            if not raw_kind.strip():
                return "geen soort verzuim"
            return f"onbekende soort verzuim '{short(raw_kind)}' (koppel deze waarde in de mapping)"
        hours = self._hours(school, raw_amount, raw_end)
        if isinstance(hours, str):
            return hours
        units = round(hours * MS_PER_HOUR)
        if not 0 < units <= MAX_HOURS * MS_PER_HOUR:
            amount = f"{raw_amount.strip()}–{raw_end.strip()}" if raw_end else raw_amount
            return f"aantal '{short(amount)}' is geen 0 tot {MAX_HOURS} uur"
        if not school.is_schooldag(day):
            return f"{dt.date.fromordinal(day):%d-%m-%Y} is geen schooldag van de school"
        return (day << 3) | kind, units

    def _hours(self, school: _School, raw_amount: str, raw_end: str) -> float | str:
        """The row's hours by the mapping's unit, or a Dutch refusal."""
        unit = self.mapping.unit
        if unit == "day":
            return school.day_hours
        if unit == "times":
            try:
                start, end = parse_clock(raw_amount), parse_clock(raw_end)
            except ValueError as exc:
                return f"tijd: {exc}"
            if end <= start:
                return f"eindtijd {raw_end.strip()} ligt niet na begintijd {raw_amount.strip()}"
            return (end - start) / 60
        if not raw_amount.strip() and unit == "lessons":
            return self.lesson_hours
        try:
            value = read_number(raw_amount)
        except ValueError as exc:
            return f"aantal: {exc}"
        if unit == "lessons":
            return value * self.lesson_hours
        return value / 60 if unit == "minutes" else value


class _Totals:
    """Each record's total, packed in one integer per (pupil, date, kind) key, and the
    notes of the records that have one (an export's rows per lesson each may carry one)."""

    __slots__ = ("notes", "packed")

    def __init__(self) -> None:
        self.packed: dict[int, int] = {}
        self.notes: dict[int, list[str]] = {}

    def add_note(self, key: int, note: str) -> None:
        """Add a row's note to its record's (each distinct note once)."""
        text = " ".join(note.split())
        if text:
            notes = self.notes.setdefault(key, [])
            if text not in notes:
                notes.append(text)

    def note(self, key: int) -> str:
        """The record's note: its rows' distinct notes, joined ("" without any)."""
        notes = self.notes.get(key)
        return "; ".join(notes)[:MAX_NOTE] if notes else ""


class _NameColumns:
    """Reads a pupil's name and birth date from a row, for the list of unknown pupils."""

    def __init__(self, run: ImportRun) -> None:
        self.run = run

    def unknown(self, cells: list[str], key: str, by: str, line: int) -> UnknownPupil:
        """The unknown pupil of this row, with the name and birth date the row gives."""
        values = self.run.values(cells)
        first, last = person_name(values)
        birth = None
        if values.get("birth_date"):
            try:
                birth = read_date(values["birth_date"])
            except ValueError:
                birth = None
        return UnknownPupil(key, by, first[:100], last[:150], birth, line, 0)


def _merge(
    desk: Desk,
    session: Session,
    record_totals: _Totals,
    schools: _SchoolLookup,
    report: ImportReport,
    ticker: Ticker,
    open_case_pupils: set[int],
    dry_run: bool,
) -> tuple[set[int], dict[int, set[dt.date]]]:
    """Compare the totals with the stored records per batch of pupils; write the changes.

    Returns the pupils whose records changed and, for pupils with an open case, the days
    that got a new record of a first-absence kind. A record whose note the file gives
    differently is changed too; an empty note in the file keeps the stored one.
    """
    totals = record_totals.packed
    # Hours as floats from the driver: no Decimal per stored record (rounded to units).
    hours_column = type_coerce(AbsenceRecord.hours, Float)
    record_table: Table = AbsenceRecord.__table__  # type: ignore[assignment]
    audit_table: Table = AuditEntry.__table__  # type: ignore[assignment]
    keys = sorted(totals)
    touched: set[int] = set()
    first_days: dict[int, set[dt.date]] = {}
    inserts: list[_NewRecord] = []
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
        stored: dict[int, tuple[int, int, str]] = {}
        for rid, pid, date, kind_name, hours, stored_note in session.execute(
            select(
                AbsenceRecord.id,
                AbsenceRecord.pupil_id,
                AbsenceRecord.date,
                AbsenceRecord.kind,
                hours_column,
                AbsenceRecord.note,
            ).where(AbsenceRecord.pupil_id.in_(pupils))
        ):
            k = _KIND_INDEX.get(kind_name)
            if k is not None:
                stored[_pack_key(pid, date.toordinal(), k)] = (
                    rid,
                    round(float(hours) * UNITS),
                    stored_note or "",
                )
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
            note = record_totals.note(key) if record_totals.notes else ""
            if have is not None and have[1] == units and note in ("", have[2]):
                report.unchanged += count
                report.records_unchanged += 1
                continue
            summary = per_pupil.get(pid)
            if summary is None:
                summary = per_pupil[pid] = {"bestand": file_name, "nieuw": 0, "gewijzigd": []}
            if have is None:
                report.imported += count
                report.records_new += 1
                summary["nieuw"] += 1
                inserts.append((pid, day, KIND_LIST[kind], units, note or None))
                if pid in open_case_pupils and kind in first_kinds:
                    first_days.setdefault(pid, set()).add(dt.date.fromordinal(day))
            else:
                date = dt.date.fromordinal(day)
                report.updated += count
                report.records_updated += 1
                if len(summary["gewijzigd"]) < AUDIT_CHANGES:
                    change = {
                        "datum": date.isoformat(),
                        "soort": KIND_LIST[kind],
                        "voor": have[1] / UNITS,
                        "na": units / UNITS,
                    }
                    if note and note != have[2]:
                        change["opmerking"] = note
                    summary["gewijzigd"].append(change)
                updates.append(
                    {
                        "rid": have[0],
                        "new_hours": Decimal(units).scaleb(-4),
                        "new_note": note or have[2] or None,
                    }
                )
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
    stored: dict[int, tuple[int, int, str]],
    schools: _SchoolLookup,
    report: ImportReport,
) -> set[tuple[int, int]]:
    """(pupil, day)s whose hours would exceed the school's day length; refused in full.

    rules.md §2: all kinds together are at most a schooldag's lesson hours. The day's total
    is the file's records plus the stored records of kinds the file does not have that day.
    ``batch`` is sorted, so the kinds of one pupil's day are adjacent.
    """
    stored_days: dict[int, int] = {}
    for key, (_rid, units, _note) in stored.items():
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
    inserts: list[_NewRecord],
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
            iso: dict[int, str] = {}
            rows = []
            for pid, day, kind, units, note in inserts:
                text = iso.get(day)
                if text is None:
                    text = iso[day] = dt.date.fromordinal(day).isoformat()
                rows.append((pid, text, kind, units / UNITS, note))
            connection.exec_driver_sql(
                "INSERT INTO absence_record (pupil_id, date, kind, hours, note)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        else:
            session.execute(
                insert(record_table),
                [
                    {
                        "pupil_id": pid,
                        "date": dt.date.fromordinal(day),
                        "kind": kind,
                        "hours": Decimal(units).scaleb(-4),
                        "note": note,
                    }
                    for pid, day, kind, units, note in inserts
                ],
            )
    if updates:
        session.execute(
            update(record_table)
            .where(record_table.c.id == bindparam("rid"))
            .values(hours=bindparam("new_hours"), note=bindparam("new_note")),
            updates,
        )
    if audits:
        session.execute(insert(audit_table), audits)

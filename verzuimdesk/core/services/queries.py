"""Read-only queries for the views: the case list, a case file, deadlines, a month of absences.

The case list is kept as compact rows in memory per desk (built with a few
bulk queries, refreshed row by row from the change hub), so that searching,
filtering and sorting 50,000 cases is a pass over plain Python objects, not
a SQL round trip or a ``QSortFilterProxyModel``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from verzuimdesk.core.models import (
    AbsenceRecord,
    Case,
    CaseEvent,
    Deadline,
    FormSubmission,
    Person,
    Pupil,
    RoleAssignment,
    School,
    StoredSignal,
)
from verzuimdesk.core.services import changes, rules_gateway
from verzuimdesk.core.services.absences import KIND_NAMES, signal_name
from verzuimdesk.core.services.cases import EVENT_KIND_NAMES, GENERAL_OUTCOMES
from verzuimdesk.core.services.common import age_on, today
from verzuimdesk.core.services.errors import NotFoundError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

# =========================================================================== case list


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One row of the case list."""

    case_id: int
    number: str
    pupil_id: int
    pupil_name: str
    school_id: int | None
    school_name: str
    stage_id: str
    stage_number: str
    stage_name: str
    stage_rank: int
    band_id: str
    band_name: str
    band_rank: int
    week: int | None
    category: str
    regie: str
    regie_username: str | None
    next_due: dt.date | None
    next_what: str
    overdue_since: dt.date | None
    overdue_count: int
    opened_on: dt.date
    closed_on: dt.date | None
    haystack: str
    first_absence_on: dt.date | None = None

    @property
    def overdue(self) -> bool:
        """True when at least one open deadline is past due."""
        return self.overdue_count > 0


@dataclass(frozen=True)
class CaseQuery:
    """What the case list shows: search text, filters and order.

    :param text: words that must all occur in pupil name, school or case number.
    :param sort: ``urgency`` (default: overdue first, then highest phase, then nearest
        deadline) or a column key: ``number``, ``pupil``, ``school``, ``stage``, ``week``,
        ``category``, ``regie``, ``deadline``, ``opened``.
    """

    text: str = ""
    stage_id: str | None = None
    band_id: str | None = None
    category: str | None = None
    school_id: int | None = None
    overdue_only: bool = False
    mine_only: bool = False
    include_closed: bool = False
    sort: str = "urgency"
    descending: bool = False


_FAR = dt.date.max


def _sort_key(sort: str) -> Any:
    keys = {
        "urgency": lambda r: (
            r.overdue_since or _FAR,
            -r.band_rank,
            -r.stage_rank,
            r.next_due or _FAR,
            r.pupil_name,
        ),
        "number": lambda r: r.number,
        "pupil": lambda r: (r.pupil_name.casefold(), r.number),
        "school": lambda r: (r.school_name.casefold(), r.pupil_name.casefold()),
        "stage": lambda r: (r.stage_rank, r.number),
        "week": lambda r: (r.week if r.week is not None else -1, r.number),
        "category": lambda r: (r.category, r.number),
        "regie": lambda r: (r.regie.casefold(), r.number),
        "deadline": lambda r: (r.next_due or _FAR, r.number),
        "opened": lambda r: (r.opened_on, r.number),
    }
    return keys.get(sort, keys["urgency"])


class CaseIndex:
    """The open cases of one desk as :class:`CaseRow` objects, kept up to date."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.rows: dict[int, CaseRow] = {}
        self.today: dt.date | None = None
        self._sorted: dict[str, list[CaseRow]] = {}
        self._dirty: set[int] | None = None
        self._mine: set[int] = set()
        #: True while the rows' lesweek numbers are still to be computed (quick start).
        self.weeks_pending = False
        changes.bus(desk).subscribe(self._on_change)

    def _on_change(self, change: changes.Change) -> None:
        if change.case_ids is None:
            self._dirty = None
            self.today = None
        elif change.case_ids and self._dirty is not None:
            self._dirty |= set(change.case_ids)

    def ensure(self, *, quick: bool = False) -> None:
        """Bring the rows up to date (full build, or only the changed cases).

        With ``quick`` a full build leaves the lesweek numbers out (they need the
        school calendars); :meth:`fill_weeks` adds them.
        """
        now = today(self.desk)
        if self.today != now:
            self.rows = {
                row.case_id: row for row in _build_rows(self.desk, None, now, weeks=not quick)
            }
            self.weeks_pending = quick
            self._mine = _my_cases(self.desk, None)
            self.today = now
            self._dirty = set()
            self._sorted.clear()
        elif self._dirty:
            ids = self._dirty
            self._dirty = set()
            for case_id in ids:
                self.rows.pop(case_id, None)
            for row in _build_rows(self.desk, ids, now):
                self.rows[row.case_id] = row
            self._mine = (self._mine - ids) | _my_cases(self.desk, ids)
            self._sorted.clear()
        elif self._dirty is None:
            self.today = None
            self.ensure(quick=quick)
        if self.weeks_pending and not quick:
            self.fill_weeks()

    def fill_weeks(self) -> None:
        """Compute the lesweek numbers left out by a quick build."""
        if not self.weeks_pending:
            return
        now = self.today or today(self.desk)
        weeks = _weeks(self.desk, self.rows.values(), now)
        self.rows = {cid: replace(row, week=weeks.get(cid)) for cid, row in self.rows.items()}
        self.weeks_pending = False
        self._sorted.clear()

    def sorted_rows(self, sort: str) -> list[CaseRow]:
        """Every open row in the order of ``sort`` (cached until the next change)."""
        rows = self._sorted.get(sort)
        if rows is None:
            rows = sorted(self.rows.values(), key=_sort_key(sort))
            self._sorted[sort] = rows
        return rows

    def is_mine(self, case_id: int) -> bool:
        """True when the desk user holds regie or a role in the case."""
        return case_id in self._mine


def case_index(desk: Desk) -> CaseIndex:
    """The desk's :class:`CaseIndex` (created on first use)."""
    index = desk.__dict__.get("_case_index")
    if index is None:
        index = CaseIndex(desk)
        desk.__dict__["_case_index"] = index
    return index


def case_list(
    desk: Desk,
    query: CaseQuery | None = None,
    *,
    quick: bool = False,
) -> list[CaseRow]:
    """The cases matching ``query``, in its order (default: most urgent first).

    ``quick`` (the first paint at start-up) may leave the lesweek numbers empty until
    :meth:`CaseIndex.fill_weeks`; ``case_index(desk).weeks_pending`` tells.
    """
    query = query or CaseQuery()
    index = case_index(desk)
    index.ensure(quick=quick and query.sort != "week")
    rows: Iterable[CaseRow] = index.sorted_rows(query.sort)
    if query.include_closed:
        closed = _build_rows(desk, None, index.today or today(desk), closed=True)
        rows = sorted([*rows, *closed], key=_sort_key(query.sort))
    words = query.text.casefold().split()
    now = index.today or today(desk)
    result = []
    append = result.append
    for row in rows:
        if query.stage_id and row.stage_id != query.stage_id:
            continue
        if query.band_id and row.band_id != query.band_id:
            continue
        if query.category and row.category != query.category:
            continue
        if query.school_id is not None and row.school_id != query.school_id:
            continue
        if query.overdue_only and not row.overdue_count:
            continue
        if query.mine_only and not index.is_mine(row.case_id):
            continue
        if words and not all(word in row.haystack for word in words):
            continue
        append(row)
    del now
    if query.descending:
        result.reverse()
    return result


def _my_cases(desk: Desk, ids: set[int] | None) -> set[int]:
    user = desk.user
    with desk.case_base.sessions() as session:
        stmt_regie = (
            select(Case.id)
            .join(Person, Person.id == Case.regie_person_id)
            .where(Person.username == user)
        )
        stmt_role = (
            select(RoleAssignment.case_id)
            .join(Person, Person.id == RoleAssignment.person_id)
            .where(Person.username == user)
        )
        if ids is not None:
            stmt_regie = stmt_regie.where(Case.id.in_(ids))
            stmt_role = stmt_role.where(RoleAssignment.case_id.in_(ids))
        return set(session.scalars(stmt_regie)) | set(session.scalars(stmt_role))


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _weeks(desk: Desk, rows: Iterable[CaseRow], now: dt.date) -> dict[int, int | None]:
    """Lesweek numbers of ``rows`` (case id -> week) from their schools' calendars."""
    rows = list(rows)
    with desk.case_base.sessions() as session:
        schools = {
            s.id: s
            for s in session.scalars(select(School).options(selectinload(School.free_periods)))
        }
        calendars = {sid: rules_gateway.school_calendar(desk, s) for sid, s in schools.items()}
    default = rules_gateway.school_calendar(desk, None)
    cache: dict[tuple[int | None, dt.date], int | None] = {}
    out: dict[int, int | None] = {}
    for row in rows:
        if row.first_absence_on is None:
            out[row.case_id] = None
            continue
        key = (row.school_id, row.first_absence_on)
        if key not in cache:
            cache[key] = rules_gateway.lesweken(
                calendars.get(row.school_id, default), row.first_absence_on, now
            )
        out[row.case_id] = cache[key]
    return out


def _build_rows(
    desk: Desk,
    ids: Iterable[int] | None,
    now: dt.date,
    *,
    closed: bool = False,
    weeks: bool = True,
) -> list[CaseRow]:
    """Build the list rows of the given (or all open) cases with a few bulk queries."""
    registry = desk.registry
    region = desk.region_id
    ladder = registry.ladder(region)
    stage_rank = {s.id: i for i, s in enumerate(ladder.stages)}
    stages = {s.id: s for s in ladder.stages}
    bands = {b.id: b for b in registry.bands(region)}
    role_names: dict[str | None, str] = {None: ""}
    for role in registry.roles(region):
        role_names[role.id] = role.short if role.short and role.short != role.id else role.name
    base = (
        select(
            Case.id,
            Case.number,
            Case.pupil_id,
            Pupil.first_name,
            Pupil.last_name,
            Pupil.school_id,
            School.name,
            Case.stage_id,
            Case.inspectie_category,
            Case.regie_role_id,
            Person.name,
            Person.username,
            Case.first_absence_on,
            Case.opened_on,
            Case.closed_on,
        )
        .join(Pupil, Pupil.id == Case.pupil_id)
        .outerjoin(School, School.id == Pupil.school_id)
        .outerjoin(Person, Person.id == Case.regie_person_id)
        .where(Case.closed_on.is_not(None) if closed else Case.closed_on.is_(None))
    )
    with desk.case_base.sessions() as session:
        if ids is None:
            raw = session.execute(base).all()
            deadline_rows = session.execute(
                select(Deadline.case_id, Deadline.due_on, Deadline.what)
                .join(Case, Case.id == Deadline.case_id)
                .where(
                    Deadline.done_on.is_(None),
                    Case.closed_on.is_not(None) if closed else Case.closed_on.is_(None),
                )
                .order_by(Deadline.case_id, Deadline.due_on)
            ).all()
        else:
            raw, deadline_rows = [], []
            id_list = sorted(ids)
            for chunk in _chunks(id_list):
                raw.extend(session.execute(base.where(Case.id.in_(chunk))).all())
                deadline_rows.extend(
                    session.execute(
                        select(Deadline.case_id, Deadline.due_on, Deadline.what)
                        .where(Deadline.done_on.is_(None), Deadline.case_id.in_(chunk))
                        .order_by(Deadline.case_id, Deadline.due_on)
                    ).all()
                )
        school_ids = {r[5] for r in raw if r[5] is not None}
        schools = (
            {
                s.id: s
                for s in session.scalars(
                    select(School)
                    .where(School.id.in_(school_ids))
                    .options(selectinload(School.free_periods))
                )
            }
            if len(school_ids) < 900
            else {
                s.id: s
                for s in session.scalars(select(School).options(selectinload(School.free_periods)))
            }
        )
        calendars = {sid: rules_gateway.school_calendar(desk, s) for sid, s in schools.items()}
    default_calendar = rules_gateway.school_calendar(desk, None) if weeks else None
    by_case: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for case_id, due, what in deadline_rows:
        by_case[case_id].append((due, what))
    week_cache: dict[tuple[int | None, dt.date], int | None] = {}
    rows: list[CaseRow] = []
    for (
        case_id,
        number,
        pupil_id,
        first,
        last,
        school_id,
        school_name,
        stage_id,
        category,
        regie_role,
        regie_person,
        regie_user,
        first_absence,
        opened_on,
        closed_on,
    ) in raw:
        stage = stages.get(stage_id)
        band = bands.get(stage.band) if stage else None
        deadlines = by_case.get(case_id, ())
        overdue = [d for d, _ in deadlines if d < now]
        upcoming = deadlines[0] if deadlines else None
        week = None
        if first_absence is not None and weeks:
            key = (school_id, first_absence)
            if key in week_cache:
                week = week_cache[key]
            else:
                week = rules_gateway.lesweken(
                    calendars.get(school_id, default_calendar), first_absence, now
                )
                week_cache[key] = week
        name = f"{first} {last}"
        regie = role_names.get(regie_role, regie_role or "")
        if regie_person:
            regie = f"{regie_person} ({regie})" if regie else regie_person
        rows.append(
            CaseRow(
                case_id=case_id,
                number=number,
                pupil_id=pupil_id,
                pupil_name=name,
                school_id=school_id,
                school_name=school_name or "",
                stage_id=stage_id,
                stage_number=stage.number if stage else "?",
                stage_name=stage.name if stage else stage_id,
                stage_rank=stage_rank.get(stage_id, -1),
                band_id=stage.band if stage else "",
                band_name=band.name if band else "",
                band_rank=band.order if band else 0,
                week=week,
                category=category or "",
                regie=regie,
                regie_username=regie_user,
                next_due=upcoming[0] if upcoming else None,
                next_what=upcoming[1] if upcoming else "",
                overdue_since=overdue[0] if overdue else None,
                overdue_count=len(overdue),
                opened_on=opened_on,
                closed_on=closed_on,
                haystack=f"{name} {last} {first} {school_name or ''} {number}".casefold(),
                first_absence_on=first_absence,
            )
        )
    return rows


@dataclass(frozen=True)
class FilterChoices:
    """What the case list's filter widgets offer."""

    stages: list[tuple[str, str]]
    bands: list[tuple[str, str]]
    categories: list[str]
    schools: list[tuple[int, str]]


#: The inspectie categories (seed 001 Bijlage 1) in their order.
CATEGORIES = ("A1", "A2a", "A2b", "A2c", "B1", "B2a", "B2b", "B3", "C")


def filter_choices(desk: Desk) -> FilterChoices:
    """The stages, bands, categories and schools the filters can choose from."""
    ladder = desk.registry.ladder(desk.region_id)
    bands = sorted(desk.registry.bands(desk.region_id), key=lambda b: b.order)
    with desk.case_base.sessions() as session:
        schools = session.execute(select(School.id, School.name).order_by(School.name)).all()
    return FilterChoices(
        stages=[(s.id, f"{s.number}. {s.name}") for s in ladder.stages],
        bands=[(b.id, b.name) for b in bands],
        categories=list(CATEGORIES),
        schools=[(i, n) for i, n in schools],
    )


# =========================================================================== case file


@dataclass(frozen=True)
class EventItem:
    """An event of the case file."""

    id: int
    on: dt.date
    kind: str
    kind_name: str
    text: str
    author: str
    from_stage: str
    to_stage: str
    #: the Dutch label of the decision taken when leaving ``from_stage`` (if any)
    decision: str | None
    deletable: bool


@dataclass(frozen=True)
class DeadlineItem:
    """A deadline of the case file."""

    id: int
    due_on: dt.date
    what: str
    role: str
    rule_id: str | None
    done_on: dt.date | None
    done_by: str | None
    overdue: bool


@dataclass(frozen=True)
class SignalItem:
    """A signal of the pupil, with the deadline of its report."""

    code: str
    name: str
    datum: dt.date
    start: dt.date | None
    eind: dt.date | None
    uren: float | None
    deadline: dt.date | None
    reported_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class FormItem:
    """A filled-in form of the case."""

    id: int
    form_id: str
    name: str
    version: str
    author: str
    updated_at: dt.datetime


@dataclass
class CaseFile:
    """Everything the case-file tab shows, gathered in one go."""

    case_id: int
    number: str
    opened_on: dt.date
    closed_on: dt.date | None
    outcome: str | None
    outcome_note: str | None
    first_absence_on: dt.date | None
    category: str
    stage_entered_on: dt.date | None
    pupil_id: int
    pupil_name: str
    birth_date: dt.date
    age: int
    leerplicht: str
    municipality: str
    parent: str
    school_id: int | None
    school_name: str
    school_sector: str
    regie_role_id: str | None
    regie: str
    week: int | None
    today: dt.date
    ladder: Any  # verzuimdesk.core.ladder.LadderView
    bands: list[Any]
    role_names: dict[str, str]
    events: list[EventItem]
    deadlines: list[DeadlineItem]
    signals: list[SignalItem]
    forms: list[FormItem]
    available_forms: list[Any]
    free_periods: list[tuple[dt.date, dt.date, str]]
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    checklists: list[Any] = field(default_factory=list)
    checklist_answers: dict[str, Any] = field(default_factory=dict)
    prefill: dict[str, Any] = field(default_factory=dict)
    #: Dutch name of ``outcome`` (a stage outcome or a general one); '' while open.
    outcome_name: str = ""
    #: The person in regie (``Person.id``), if one is named.
    regie_person_id: int | None = None
    #: The roles that may hold regie at the current step (default first); () when closed.
    regie_roles: tuple[str, ...] = ()

    @property
    def regie_changeable(self) -> bool:
        """True when regie can go to another role or person here (*Regie wijzigen…*)."""
        return len(self.regie_roles) > 1

    @property
    def stage_label(self) -> str:
        """``"5. JES"``: the current step's number and name."""
        stage = self.ladder.stage
        return f"{stage.number}. {stage.name}"

    @property
    def open_deadlines(self) -> list[DeadlineItem]:
        """The deadlines not yet done, earliest first."""
        return [d for d in self.deadlines if d.done_on is None]


def case_file(desk: Desk, case_id: int) -> CaseFile:
    """Everything the case-file tab shows about ``case_id``."""
    now = today(desk)
    registry = desk.registry
    region = desk.region_id
    with desk.case_base.sessions() as session:
        case = session.get(
            Case,
            case_id,
            options=[
                selectinload(Case.pupil)
                .selectinload(Pupil.school)
                .selectinload(School.free_periods),
                selectinload(Case.events),
                selectinload(Case.deadlines),
                selectinload(Case.forms),
                selectinload(Case.regie_person),
            ],
        )
        if case is None:
            raise NotFoundError("Deze casus bestaat niet meer.")
        pupil = case.pupil
        school = pupil.school
        stored = session.scalars(
            select(StoredSignal)
            .where(StoredSignal.pupil_id == pupil.id)
            .order_by(StoredSignal.datum, StoredSignal.code)
        ).all()
        calendar = rules_gateway.school_calendar(desk, school)
        week = rules_gateway.lesweken(calendar, case.first_absence_on, now)
        age = age_on(pupil.birth_date, now)
        municipality = getattr(pupil, "municipality", None) or (
            school.municipality if school else None
        )
        state = rules_gateway.case_state(
            case,
            signals=stored,
            events=case.events,
            lesweken=week,
            municipality=municipality,
            sector=school.sector if school else None,
            pupil_age=age,
        )
        view = rules_gateway.evaluate(desk, state, today=now, calendar=calendar)
        role_names = {r.id: r.name for r in registry.roles(region)}
        stage_names = {s.id: f"{s.number}. {s.name}" for s in registry.ladder(region).stages}
        decision_names = {
            (s.id, d.id): d.label for s in registry.ladder(region).stages for d in s.decision_defs()
        }
        events = [
            EventItem(
                id=e.id,
                on=e.occurred_on,
                kind=e.kind,
                kind_name=EVENT_KIND_NAMES.get(e.kind, e.kind),
                text=e.text or "",
                author=e.author or "",
                from_stage=stage_names.get(e.from_stage_id or "", e.from_stage_id or ""),
                to_stage=stage_names.get(e.to_stage_id or "", e.to_stage_id or ""),
                decision=decision_names.get((e.from_stage_id or "", e.decision), e.decision)
                if e.decision
                else None,
                deletable=e.kind in ("note", "contact", "meeting", "decision"),
            )
            for e in sorted(case.events, key=lambda e: (e.occurred_on, e.id))
            if e.deleted_at is None
        ]
        deadlines = [
            DeadlineItem(
                id=d.id,
                due_on=d.due_on,
                what=d.what,
                role=role_names.get(d.role_id or "", d.role_id or ""),
                rule_id=d.rule_id,
                done_on=d.done_on,
                done_by=d.done_by,
                overdue=d.done_on is None and d.due_on < now,
            )
            for d in sorted(case.deadlines, key=lambda d: (d.due_on, d.id))
        ]
        signals = [
            SignalItem(
                code=s.code,
                name=signal_name(desk, s.code),
                datum=s.datum,
                start=s.start,
                eind=s.eind,
                uren=float(s.uren) if s.uren is not None else None,
                deadline=s.deadline_on,
                reported_on=s.reported_on,
                overdue=s.deadline_on is not None and s.reported_on is None and s.deadline_on < now,
            )
            for s in stored
        ]
        form_defs = {f.id: f for f in registry.forms(region)}
        forms = [
            FormItem(
                id=f.id,
                form_id=f.form_id,
                name=form_defs[f.form_id].name if f.form_id in form_defs else f.form_id,
                version=f.form_version,
                author=f.author,
                updated_at=f.updated_at,
            )
            for f in sorted(case.forms, key=lambda f: f.id)
        ]
        start = min(case.first_absence_on or case.opened_on, case.opened_on) - dt.timedelta(days=21)
        end = max(now, case.opened_on) + dt.timedelta(days=120)
        free = [(p.start, p.end, p.name) for p in calendar.free_periods(start, end)]
        regie_role = case.regie_role_id or view.in_regie
        regie = role_names.get(regie_role or "", regie_role or "")
        if case.regie_person is not None:
            regie = f"{regie} ({case.regie_person.name})" if regie else case.regie_person.name
        outcomes = [(o.id, o.name) for o in view.outcomes] or list(GENERAL_OUTCOMES)
        checklists = [
            c
            for c in registry.checklists(region)
            if c.id in view.checklists or not c.stage_ids or case.stage_id in c.stage_ids
        ]
        prefill = _prefill(desk, case, pupil, school, now)
        result = CaseFile(
            case_id=case.id,
            number=case.number,
            opened_on=case.opened_on,
            closed_on=case.closed_on,
            outcome=case.outcome,
            outcome_note=case.outcome_note,
            first_absence_on=case.first_absence_on,
            category=case.inspectie_category or "",
            stage_entered_on=case.stage_entered_on,
            pupil_id=pupil.id,
            pupil_name=pupil.full_name,
            birth_date=pupil.birth_date,
            age=age,
            leerplicht=rules_gateway.leerplicht_text(pupil, now),
            municipality=municipality or "",
            parent=", ".join(x for x in (pupil.parent_name, pupil.parent_phone) if x),
            school_id=school.id if school else None,
            school_name=school.name if school else "",
            school_sector=school.sector if school else "",
            regie_role_id=regie_role,
            regie=regie,
            regie_person_id=case.regie_person_id,
            regie_roles=tuple(dict.fromkeys([*filter(None, [view.in_regie]), *view.regie_options]))
            if case.closed_on is None
            else (),
            week=week,
            today=now,
            ladder=view,
            bands=sorted(registry.bands(region), key=lambda b: b.order),
            role_names=role_names,
            events=events,
            deadlines=deadlines,
            signals=signals,
            forms=forms,
            available_forms=list(registry.forms(region)),
            free_periods=free,
            outcomes=outcomes,
            checklists=checklists,
            checklist_answers=dict(case.checklists or {}),
            prefill=prefill,
            outcome_name=_outcome_name(desk, case.outcome),
        )
    return result


def _outcome_name(desk: Desk, outcome: str | None) -> str:
    """The Dutch name of an outcome id of any stage of the region (or a general one)."""
    if not outcome:
        return ""
    for stage in desk.registry.ladder(desk.region_id).stages:
        for o in stage.outcomes:
            if o.id == outcome:
                return o.name
    return dict(GENERAL_OUTCOMES).get(outcome, outcome)


def _prefill(desk: Desk, case: Case, pupil: Pupil, school: School | None, now: dt.date) -> dict:
    """The values of every ``Field.prefill`` path for this case."""
    values: dict[str, Any] = {}
    for attr in (
        "full_name",
        "first_name",
        "last_name",
        "birth_date",
        "bsn",
        "street",
        "postcode",
        "city",
        "parent_name",
        "parent_phone",
        "parent_email",
        "municipality",
    ):
        values[f"pupil.{attr}"] = getattr(pupil, attr, None)
    for attr in (
        "name",
        "brin",
        "sector",
        "municipality",
        "contact_name",
        "contact_phone",
        "contact_email",
    ):
        values[f"school.{attr}"] = getattr(school, attr, None) if school else None
    for attr in (
        "number",
        "opened_on",
        "first_absence_on",
        "inspectie_category",
        "stage_id",
        "regie_role_id",
    ):
        values[f"case.{attr}"] = getattr(case, attr, None)
    values["desk.user"] = desk.user
    values["desk.today"] = now
    return values


def form_values(desk: Desk, submission_id: int) -> tuple[str, str, dict[str, Any]]:
    """(form id, version, values) of a saved form submission."""
    with desk.case_base.sessions() as session:
        submission = session.get(FormSubmission, submission_id)
        if submission is None:
            raise NotFoundError("Dit ingevulde formulier bestaat niet meer.")
        return submission.form_id, submission.form_version, dict(submission.values or {})


# =========================================================================== deadlines


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline across all cases."""

    deadline_id: int
    case_id: int
    case_number: str
    pupil_name: str
    school_name: str
    due_on: dt.date
    what: str
    role: str
    stage: str


#: Deadline groups in display order, with their Dutch titles.
DEADLINE_GROUPS: tuple[tuple[str, str], ...] = (
    ("overdue", "Verlopen"),
    ("today", "Vandaag"),
    ("week", "Deze week"),
    ("later", "Later"),
)


@dataclass
class DeadlinesOverview:
    """Open deadlines of open cases, grouped overdue / today / this week / later."""

    today: dt.date
    groups: dict[str, list[DeadlineRow]]

    def count(self, group: str) -> int:
        """How many deadlines the group has."""
        return len(self.groups.get(group, ()))


def deadlines_overview(desk: Desk, on: dt.date | None = None) -> DeadlinesOverview:
    """Every open deadline of an open case, grouped by urgency relative to ``on``."""
    now = on or today(desk)
    end_of_week = now + dt.timedelta(days=6 - now.weekday())
    registry = desk.registry
    region = desk.region_id
    role_names = {r.id: r.name for r in registry.roles(region)}
    stage_names = {s.id: f"{s.number}. {s.name}" for s in registry.ladder(region).stages}
    with desk.case_base.sessions() as session:
        raw = session.execute(
            select(
                Deadline.id,
                Case.id,
                Case.number,
                Pupil.first_name,
                Pupil.last_name,
                School.name,
                Deadline.due_on,
                Deadline.what,
                Deadline.role_id,
                Case.stage_id,
            )
            .join(Case, Case.id == Deadline.case_id)
            .join(Pupil, Pupil.id == Case.pupil_id)
            .outerjoin(School, School.id == Pupil.school_id)
            .where(Deadline.done_on.is_(None), Case.closed_on.is_(None))
            .order_by(Deadline.due_on, Case.number)
        ).all()
    groups: dict[str, list[DeadlineRow]] = {key: [] for key, _ in DEADLINE_GROUPS}
    for did, cid, number, first, last, school, due, what, role, stage in raw:
        row = DeadlineRow(
            did,
            cid,
            number,
            f"{first} {last}",
            school or "",
            due,
            what,
            role_names.get(role or "", role or ""),
            stage_names.get(stage, stage),
        )
        if due < now:
            groups["overdue"].append(row)
        elif due == now:
            groups["today"].append(row)
        elif due <= end_of_week:
            groups["week"].append(row)
        else:
            groups["later"].append(row)
    return DeadlinesOverview(now, groups)


# =========================================================================== absences


@dataclass(frozen=True)
class DayAbsences:
    """One day of a pupil's month: whether it is a schooldag and the hours per kind."""

    date: dt.date
    schooldag: bool
    free_name: str
    hours: dict[str, float]
    notes: dict[str, str]
    record_ids: dict[str, int]

    @property
    def total_unauthorised(self) -> float:
        """Ongeoorloofd + luxe hours of the day."""
        return self.hours.get("ongeoorloofd", 0.0) + self.hours.get("luxe", 0.0)


@dataclass
class MonthAbsences:
    """A pupil's absence records of one month, with the school calendar's free days."""

    pupil_id: int
    pupil_name: str
    school_name: str
    month: dt.date
    day_hours: float
    days: list[DayAbsences]
    signals: list[SignalItem]
    today: dt.date
    open_case_id: int | None = None

    def totals(self) -> dict[str, float]:
        """Hours per kind over the month's schooldagen."""
        out: dict[str, float] = dict.fromkeys(KIND_NAMES, 0.0)
        for day in self.days:
            if day.schooldag:
                for kind, hours in day.hours.items():
                    out[kind] = out.get(kind, 0.0) + hours
        return out


def pupil_absences(desk: Desk, pupil_id: int, month: dt.date) -> MonthAbsences:
    """A pupil's records in the month of ``month``, every day with its calendar facts."""
    first = month.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    now = today(desk)
    with desk.case_base.sessions() as session:
        pupil = session.get(
            Pupil, pupil_id, options=[selectinload(Pupil.school).selectinload(School.free_periods)]
        )
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        school = pupil.school
        calendar = rules_gateway.school_calendar(desk, school)
        records = session.execute(
            select(
                AbsenceRecord.id,
                AbsenceRecord.date,
                AbsenceRecord.kind,
                AbsenceRecord.hours,
                AbsenceRecord.note,
            ).where(
                AbsenceRecord.pupil_id == pupil_id,
                AbsenceRecord.date >= first,
                AbsenceRecord.date < nxt,
            )
        ).all()
        stored = session.scalars(
            select(StoredSignal)
            .where(StoredSignal.pupil_id == pupil_id)
            .order_by(StoredSignal.datum, StoredSignal.code)
        ).all()
        open_case = session.scalar(
            select(Case.id).where(Case.pupil_id == pupil_id, Case.closed_on.is_(None))
        )
        signals = [
            SignalItem(
                s.code,
                signal_name(desk, s.code),
                s.datum,
                s.start,
                s.eind,
                float(s.uren) if s.uren is not None else None,
                s.deadline_on,
                s.reported_on,
                s.deadline_on is not None and s.reported_on is None and s.deadline_on < now,
            )
            for s in stored
        ]
        name = pupil.full_name
        school_name = school.name if school else ""
        day_hours = rules_gateway.day_hours_of(school)
    per_day: dict[dt.date, dict[str, tuple[int, float, str]]] = defaultdict(dict)
    for rid, date, kind, hours, note in records:
        per_day[date][kind] = (rid, float(hours), note or "")
    days = []
    d = first
    while d < nxt:
        school_day = calendar.is_schooldag(d)
        free = (
            ""
            if school_day
            else (calendar.free_day_name(d) or ("Weekend" if d.weekday() >= 5 else "Vrij"))
        )
        cells = per_day.get(d, {})
        days.append(
            DayAbsences(
                d,
                school_day,
                free,
                {k: v[1] for k, v in cells.items()},
                {k: v[2] for k, v in cells.items() if v[2]},
                {k: v[0] for k, v in cells.items()},
            )
        )
        d += dt.timedelta(days=1)
    return MonthAbsences(
        pupil_id, name, school_name, first, day_hours, days, signals, now, open_case
    )


def case_events_raw(desk: Desk, case_id: int) -> list[CaseEvent]:
    """The case's events including soft-deleted ones (for the audit view)."""
    with desk.case_base.sessions() as session:
        return list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)))


@dataclass(frozen=True)
class PersonChoice:
    """A professional to pick (e.g. who holds regie), with the roles they held in cases."""

    id: int
    name: str
    organisation: str
    role_ids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``"Naam (organisatie)"``."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


def persons(desk: Desk) -> list[PersonChoice]:
    """Every person in the case base, by name, with the roles they hold(-held) in cases."""
    with desk.case_base.sessions() as session:
        held: dict[int, set[str]] = {}
        for person_id, role_id in session.execute(
            select(RoleAssignment.person_id, RoleAssignment.role_id).distinct()
        ):
            held.setdefault(person_id, set()).add(role_id)
        rows = session.execute(select(Person.id, Person.name, Person.organisation)).all()
    result = [
        PersonChoice(pid, name or "", org or "", tuple(sorted(held.get(pid, ()))))
        for pid, name, org in rows
    ]
    result.sort(key=lambda p: (p.name.casefold(), p.id))
    return result

"""The case list: every case as a compact row, searched, filtered and sorted in memory.

The rows are kept per desk (built with a few bulk queries, refreshed row by row from
the change hub), so that searching, filtering and sorting 50,000 cases is a pass over
plain Python objects, not a SQL round trip or a ``QSortFilterProxyModel``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from verzuimdesk.core.models import (
    Case,
    Deadline,
    Person,
    Pupil,
    RoleAssignment,
    School,
)
from verzuimdesk.core.services import changes, rules_gateway
from verzuimdesk.core.services.absences import unauthorised_days, week_absence_kinds
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.inspectie_history import categories_on
from verzuimdesk.core.services.queries.joins import with_pupil_and_school

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.rules.calendar import SchoolCalendar


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
    #: Only for search on its last digits (:func:`matches`); the list never shows it.
    bsn: str = field(default="", repr=False)
    #: The person in regie alone (``regie`` adds their role), for a narrow column.
    regie_person: str = ""

    @property
    def overdue(self) -> bool:
        """True when at least one open deadline is past due."""
        return self.overdue_count > 0


@dataclass(frozen=True)
class CaseQuery:
    """What the case list shows: search text, filters and order.

    :param text: words that must all occur in pupil name, school or case number, in any
        order, ignoring accents and case (:func:`search_words`); a word of three or more
        digits also matches the last digits of the pupil's BSN.
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

#: A query word of at least this many digits may match the end of a BSN.
BSN_TAIL_MIN = 3
_WORD_SEPARATORS = re.compile(r"[\s,;]+")


def fold(text: str) -> str:
    """``text`` for searching: accents dropped (NFKD without combining marks), casefolded.

    "Marit Bökenkamp" → "marit bokenkamp". Applied once per row when the index is built
    and once per query, never per row per keystroke.
    """
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    if max(decomposed) > _BMP_LAST:
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return decomposed.translate(_combining_marks()).casefold()


_BMP_LAST = "\uffff"


@functools.cache
def _combining_marks() -> dict[int, None]:
    """A ``str.translate`` table that drops the combining marks of the Basic Multilingual
    Plane (built once, when first needed: most names are plain ASCII and never need it)."""
    return {code: None for code in range(0x10000) if unicodedata.combining(chr(code))}


def search_words(text: str) -> list[str]:
    """The words of a search text, folded; commas separate like spaces ("Sande, Siem")."""
    return [word for word in _WORD_SEPARATORS.split(fold(text)) if word]


def _haystack(first: str, last: str, school: str, number: str) -> str:
    """What the search looks in: names (both orders), school, case number with and
    without its prefix and dashes ("VZ-2026-00001", "2026-00001", "202600001")."""
    plain_number = number.replace("-", "")
    return fold(f"{first} {last} | {last}, {first} | {school} | {number} {plain_number}")


def refines(narrower: Sequence[str], wider: Sequence[str]) -> bool:
    """True when every row matching ``narrower`` also matches ``wider``.

    So it is for a user typing on: each earlier word is still in its place, and grew only
    in a way that keeps it inside the new word. A word that may match a BSN's last digits
    must have grown at its front ("234" → "1234"), since a BSN ending in "1234" need not
    contain "123".
    """
    if len(narrower) < len(wider):
        return False
    for new, old in zip(narrower, wider, strict=False):
        if len(new) >= BSN_TAIL_MIN and new.isdigit():
            if not new.endswith(old):
                return False
        elif old not in new:
            return False
    return True


def matches(row: CaseRow, words: Sequence[str]) -> bool:
    """True when every word occurs in the row's haystack (a BSN tail counts for digits)."""
    haystack = row.haystack
    for word in words:
        if word in haystack:
            continue
        if len(word) >= BSN_TAIL_MIN and word.isdigit() and row.bsn.endswith(word):
            continue
        return False
    return True


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


#: A weeks job's result: the build it belongs to, and per case the row it saw, its week
#: and its inspectie category as computed for today.
WeeksResult = tuple[int, dict[int, tuple["CaseRow", int | None, str]]]


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
        #: The last search (its other filters, its words, its rows in order), which the
        #: next keystroke may narrow instead of searching every row again.
        self.last_search: tuple[CaseQuery, list[str], list[CaseRow]] | None = None
        #: Full builds so far: a weeks job's result belongs to the build it started on.
        self._build_count = 0
        changes.bus(desk).subscribe(self._on_change)

    def _on_change(self, change: changes.Change) -> None:
        self.last_search = None
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
            self._build_count += 1
            self._mine = _my_cases(self.desk, None)
            self.today = now
            self._dirty = set()
            self._forget_orders()
        elif self._dirty:
            ids = self._dirty
            self._dirty = set()
            for case_id in ids:
                self.rows.pop(case_id, None)
            for row in _build_rows(self.desk, ids, now):
                self.rows[row.case_id] = row
            self._mine = (self._mine - ids) | _my_cases(self.desk, ids)
            self._forget_orders()
        elif self._dirty is None:
            self.today = None
            self.ensure(quick=quick)
        if self.weeks_pending and not quick:
            self.fill_weeks()

    def fill_weeks(self) -> None:
        """Compute the lesweek numbers left out by a quick build (here and now)."""
        job = self.weeks_job()
        if job is not None:
            self.apply_weeks(job())

    def weeks_job(self) -> Callable[[], WeeksResult] | None:
        """A read-only job computing the lesweek numbers a quick build left out, or None.

        The job reads the case base in its own session and touches nothing of the index,
        so the desk may run it in another thread and hand its result to
        :meth:`apply_weeks` on its own: the list stays usable meanwhile.
        """
        if not self.weeks_pending:
            return None
        rows = list(self.rows.values())
        now = self.today or today(self.desk)
        desk = self.desk
        build = self._build_count

        def job() -> WeeksResult:
            weeks = _weeks(desk, rows, now)
            categories = categories_on(desk, {row.pupil_id for row in rows}, now)
            return build, {
                row.case_id: (row, weeks.get(row.case_id), categories.get(row.pupil_id, ""))
                for row in rows
            }

        return job

    def apply_weeks(self, result: WeeksResult) -> None:
        """Take the result of a :meth:`weeks_job`: rows changed since keep their own, and a
        result from before the last full build is dropped."""
        build, weeks = result
        if not self.weeks_pending or build != self._build_count:
            return
        for case_id, (row, week, category) in weeks.items():
            if self.rows.get(case_id) is row:
                self.rows[case_id] = replace(row, week=week, category=category)
        self.weeks_pending = False
        self._forget_orders()

    def _forget_orders(self) -> None:
        """The rows changed: cached orders and the last search no longer hold."""
        self._sorted.clear()
        self.last_search = None

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


def open_case_count(desk: Desk) -> int:
    """How many cases are open (one cheap count, before any row is built)."""
    index = desk.__dict__.get("_case_index")
    if index is not None and index.today is not None:
        return len(index.rows)
    with desk.case_base.sessions() as session:
        return int(session.scalar(select(func.count(Case.id)).where(Case.closed_on.is_(None))) or 0)


def case_list(
    desk: Desk,
    query: CaseQuery | None = None,
    *,
    quick: bool = False,
) -> list[CaseRow]:
    """The cases matching ``query``, in its order (default: most urgent first).

    ``quick`` (the first paint at start-up) may leave the lesweek numbers and the
    categories empty until :meth:`CaseIndex.fill_weeks`; ``case_index(desk).weeks_pending``
    tells.
    """
    query = query or CaseQuery()
    index = case_index(desk)
    # A sort or filter on the lesweek or the category needs them now.
    index.ensure(quick=quick and query.sort not in ("week", "category") and not query.category)
    rows: Iterable[CaseRow] = index.sorted_rows(query.sort)
    if query.include_closed:
        closed = _build_rows(desk, None, index.today or today(desk), closed=True)
        rows = sorted([*rows, *closed], key=_sort_key(query.sort))
    words = search_words(query.text)
    # A user typing on narrows the previous result: search only in that (same filters,
    # same order, the rows unchanged since — the index clears this on every change).
    others = replace(query, text="", descending=False)
    last = index.last_search
    if last is not None and last[0] == others and refines(words, last[1]):
        rows = last[2]
    result: list[CaseRow] = []
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
        if words and not matches(row, words):
            continue
        append(row)
    if not query.include_closed:
        index.last_search = (others, words, result)
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
    """Weeks of continued absence of ``rows`` (case id -> week) from their records."""
    rows = list(rows)
    with desk.case_base.sessions() as session:
        schools = {
            s.id: s
            for s in session.scalars(select(School).options(selectinload(School.free_periods)))
        }
        calendars: dict[int | None, SchoolCalendar] = {
            sid: rules_gateway.school_calendar(desk, s) for sid, s in schools.items()
        }
        kinds = week_absence_kinds(desk)
        days = unauthorised_days(session, [row.pupil_id for row in rows], now, kinds)
    default = rules_gateway.school_calendar(desk, None)
    return {
        row.case_id: rules_gateway.continued_absence(
            calendars.get(row.school_id, default), days.get(row.pupil_id, []), now
        )
        for row in rows
    }


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
        with_pupil_and_school(
            select(
                Case.id,
                Case.number,
                Case.pupil_id,
                Pupil.first_name,
                Pupil.last_name,
                Pupil.school_id,
                School.name,
                Case.stage_id,
                Case.regie_role_id,
                Person.name,
                Person.username,
                Case.first_absence_on,
                Case.opened_on,
                Case.closed_on,
                Pupil.bsn,
            )
        )
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
        calendars: dict[int | None, SchoolCalendar] = {
            sid: rules_gateway.school_calendar(desk, s) for sid, s in schools.items()
        }
        absent_days = (
            unauthorised_days(session, [r[2] for r in raw], now, week_absence_kinds(desk))
            if weeks
            else {}
        )
    default_calendar = rules_gateway.school_calendar(desk, None) if weeks else None
    by_case: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for case_id, due, what in deadline_rows:
        by_case[case_id].append((due, what))
    # The category computed for today from the history (a pupil back at school has none),
    # not the stored field; a quick build leaves it to the weeks job, like the weeks.
    categories = categories_on(desk, {r[2] for r in raw}, now) if weeks else {}
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
        regie_role,
        regie_person,
        regie_user,
        first_absence,
        opened_on,
        closed_on,
        bsn,
    ) in raw:
        stage = stages.get(stage_id)
        band = bands.get(stage.band) if stage else None
        deadlines = by_case.get(case_id, ())
        overdue = [d for d, _ in deadlines if d < now]
        upcoming = deadlines[0] if deadlines else None
        week = None
        if weeks:
            # Weeks of continued absence, as the case file's header (issue 9, defect 7).
            week = rules_gateway.continued_absence(
                calendars.get(school_id, default_calendar), absent_days.get(pupil_id, []), now
            )
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
                category=categories.get(pupil_id, ""),
                regie=regie,
                regie_username=regie_user,
                next_due=upcoming[0] if upcoming else None,
                next_what=upcoming[1] if upcoming else "",
                overdue_since=overdue[0] if overdue else None,
                overdue_count=len(overdue),
                opened_on=opened_on,
                closed_on=closed_on,
                haystack=_haystack(first, last, school_name or "", number),
                first_absence_on=first_absence,
                bsn=bsn or "",
                regie_person=regie_person or "",
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


def filter_choices(desk: Desk) -> FilterChoices:
    """The stages, bands, categories and schools the filters can choose from."""
    # Imported here: the rules' inspectie module loads the calendar and with it the
    # ``holidays`` package, which the case list should not pay for at start-up.
    from verzuimdesk.core.rules.inspectie import InspectieCategory

    ladder = desk.registry.ladder(desk.region_id)
    bands = sorted(desk.registry.bands(desk.region_id), key=lambda b: b.order)
    with desk.case_base.sessions() as session:
        schools = session.execute(select(School.id, School.name).order_by(School.name)).all()
    return FilterChoices(
        stages=[(s.id, f"{s.number}. {s.name}") for s in ladder.stages],
        bands=[(b.id, b.name) for b in bands],
        categories=[category.value for category in InspectieCategory],
        schools=[(i, n) for i, n in schools],
    )

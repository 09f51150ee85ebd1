"""A case file: everything the case tab shows, read in one call, and form prefills."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from verzuimdesk.core.models import (
    Case,
    CaseDocument,
    CaseEvent,
    FormSubmission,
    Person,
    Pupil,
    RoleAssignment,
    School,
    StoredSignal,
)
from verzuimdesk.core.services import inspectie_history, rules_gateway
from verzuimdesk.core.services.absences import (
    signal_name,
    signal_rule_id,
    unauthorised_days,
    week_absence_kinds,
)
from verzuimdesk.core.services.cases import DELETABLE_EVENT_KINDS, EVENT_KIND_NAMES
from verzuimdesk.core.services.common import age_on, today
from verzuimdesk.core.services.errors import NotFoundError
from verzuimdesk.core.services.outcomes import GENERAL_OUTCOMES, outcome_name

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.ladder import LadderView
    from verzuimdesk.core.region_spec import Checklist, FormDef, PhaseBand


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
    #: The document kept with the event (a letter's PDF): its id and file name.
    document_id: int | None = None
    document_name: str = ""


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
    """A signal of the pupil, with the deadline of its report.

    ``reported_on`` is the day the report deadline of this case (``rule_id``) was marked
    done: one source of truth for *gemeld* and for the Termijnen tab. Only a signal
    without a deadline in this case falls back to the day stored with the signal.
    """

    code: str
    name: str
    datum: dt.date
    start: dt.date | None
    eind: dt.date | None
    uren: float | None
    deadline: dt.date | None
    reported_on: dt.date | None
    overdue: bool
    rule_id: str = ""


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
    ladder: LadderView
    bands: list[PhaseBand]
    role_names: dict[str, str]
    events: list[EventItem]
    deadlines: list[DeadlineItem]
    signals: list[SignalItem]
    forms: list[FormItem]
    available_forms: list[FormDef]
    free_periods: list[tuple[dt.date, dt.date, str]]
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    checklist_answers: dict[str, Any] = field(default_factory=dict)
    prefill: dict[str, Any] = field(default_factory=dict)
    #: Dutch name of ``outcome`` (a stage outcome or a general one); '' while open.
    outcome_name: str = ""
    #: The person in regie (``Person.id``), if one is named.
    regie_person_id: int | None = None
    #: The roles that may hold regie at the current step (default first); () when closed.
    regie_roles: tuple[str, ...] = ()
    #: Monday -> the week's number of continued absence (0: at school), from before the
    #: first absence day to well after today; ``week`` is today's. The timeline's bands.
    week_numbers: dict[dt.date, int] = field(default_factory=dict)

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
        # Weeks of continued absence (issue 9, defect 7): the header, the ladder's week
        # triggers and the timeline's bands tell one story.
        # The region says which absence counts (API 1.5: Amstelland counts every kind).
        kinds = week_absence_kinds(desk)
        absent_days = unauthorised_days(session, [pupil.id], now, kinds).get(pupil.id, [])
        week = rules_gateway.continued_absence(calendar, absent_days, now)
        age = age_on(pupil.birth_date, now)
        # Routes follow the woongemeente; never the school's municipality (issue 9).
        municipality = pupil.municipality
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
        from verzuimdesk.core.ladder import decision_label

        documents = {
            event_id: (doc_id, name)
            for doc_id, event_id, name in session.execute(
                select(CaseDocument.id, CaseDocument.event_id, CaseDocument.file_name)
                .where(CaseDocument.case_id == case.id)
                .order_by(CaseDocument.id)
            )
        }
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
                decision=decision_names.get((e.from_stage_id or "", e.decision))
                or decision_label(registry.ladder(region), e.decision)
                if e.decision
                else None,
                deletable=e.kind in DELETABLE_EVENT_KINDS,
                document_id=documents[e.id][0] if e.id in documents else None,
                document_name=documents[e.id][1] if e.id in documents else "",
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
        report_deadlines = {d.rule_id: d for d in case.deadlines if d.rule_id}
        signals = []
        for s in stored:
            rule_id = signal_rule_id(s.code, s.datum)
            report = report_deadlines.get(rule_id)
            reported_on = report.done_on if report is not None else s.reported_on
            deadline_on = report.due_on if report is not None else s.deadline_on
            signals.append(
                SignalItem(
                    code=s.code,
                    name=signal_name(desk, s.code),
                    datum=s.datum,
                    start=s.start,
                    eind=s.eind,
                    uren=float(s.uren) if s.uren is not None else None,
                    deadline=deadline_on,
                    reported_on=reported_on,
                    overdue=deadline_on is not None and reported_on is None and deadline_on < now,
                    rule_id=rule_id,
                )
            )
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
        week_numbers = rules_gateway.continued_absence_by_monday(
            calendar, absent_days, now, start, end
        )
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
        category = inspectie_history.category_on_day(desk, pupil.id, now)
        prefill = _prefill(desk, case, pupil, school, now)
        # Forms get the category computed for today, not the stored (sticky) field.
        prefill["case.inspectie_category"] = category or None
        result = CaseFile(
            case_id=case.id,
            number=case.number,
            opened_on=case.opened_on,
            closed_on=case.closed_on,
            outcome=case.outcome,
            outcome_note=case.outcome_note,
            first_absence_on=case.first_absence_on,
            category=category,
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
            week_numbers=week_numbers,
            outcomes=outcomes,
            checklists=checklists,
            checklist_answers=dict(case.checklists or {}),
            prefill=prefill,
            outcome_name=outcome_name(desk, case.outcome),
        )
    return result


#: A pupil's address and parents' contact details.
PUPIL_CONTACT_FIELDS = ("street", "postcode", "city", "parent_name", "parent_phone", "parent_email")

#: What a form field's ``Field.prefill`` may name, per object: ``pupil.city``, ``case.number``
#: (and ``desk.user``, ``desk.today``).
PREFILL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "pupil": (
        "full_name",
        "first_name",
        "last_name",
        "birth_date",
        "bsn",
        *PUPIL_CONTACT_FIELDS,
        "municipality",
    ),
    "school": (
        "name",
        "brin",
        "sector",
        "municipality",
        "contact_name",
        "contact_phone",
        "contact_email",
    ),
    "case": (
        "number",
        "opened_on",
        "first_absence_on",
        "inspectie_category",
        "stage_id",
        "regie_role_id",
    ),
}


def _prefill(
    desk: Desk, case: Case, pupil: Pupil, school: School | None, now: dt.date
) -> dict[str, Any]:
    """The values of every ``Field.prefill`` path for this case."""
    values: dict[str, Any] = {}
    sources = {"pupil": pupil, "school": school, "case": case}
    for prefix, attrs in PREFILL_ATTRIBUTES.items():
        source = sources[prefix]  # no school: every school.* value is None
        for attr in attrs:
            values[f"{prefix}.{attr}"] = getattr(source, attr, None)
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

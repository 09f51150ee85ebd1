"""Working the quarterly phone round: a school's page, pupils' statuses, the call, progress.

Every status and note a pupil gets is written in one transaction with a *Belronde* event
on the pupil's case (kind :data:`BELRONDE_EVENT`); a second change during the same round
updates that event rather than adding another, so the case's history has one line per
round. The call itself (*bereikt*, *niet bereikt*, *terugbellen op* a date) goes into the
school's call history; a call-back becomes a region deadline, closed by the next call.

Everything is in the case base, so a round can be left at any moment and resumed — also by
a colleague on a shared PostgreSQL case base, who sees which school is being called by whom
(:func:`claim_school`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, CaseEvent, Pupil, School, utcnow
from verzuimdesk.core.models_round import CallRound, RoundPupil, RoundSchool, SchoolCall
from verzuimdesk.core.round_spec import Quarter, RoundStatusKind
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import clean, today
from verzuimdesk.core.services.errors import NotFoundError, ServiceError, ValidationError
from verzuimdesk.core.services.region_deadlines import (
    KIND_CONTACT,
    add_callback_deadline,
    close_callbacks,
    close_region_deadline,
    round_settings,
)

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: The case event kind that records the round.
BELRONDE_EVENT = "belronde"
#: A school's state on the round, with Dutch names.
STATE_NAMES: dict[str, str] = {"todo": "Te doen", "done": "Klaar", "callback": "Terugbellen"}
#: The results of a call, with Dutch names.
CALL_RESULTS: dict[str, str] = {
    "bereikt": "Bereikt",
    "niet-bereikt": "Niet bereikt",
    "terugbellen": "Terugbellen",
}
_STATE_OF_RESULT = {"bereikt": "done", "niet-bereikt": "todo", "terugbellen": "callback"}
#: A colleague's claim on a school lapses after this many minutes without a call.
CLAIM_MINUTES = 30


@dataclass(frozen=True)
class RoundSchoolItem:
    """A school in the round's list."""

    id: int
    school_id: int
    name: str
    brin: str
    state: str
    call_result: str | None
    callback_on: dt.date | None
    pupils: int
    discussed: int
    reason: str
    claimed_by: str | None

    @property
    def state_name(self) -> str:
        """Dutch: *Te doen*, *Klaar*, *Terugbellen*."""
        return STATE_NAMES.get(self.state, self.state)


@dataclass(frozen=True)
class RoundOverview:
    """A round and its schools, with the progress."""

    id: int
    quarter: str
    started_on: dt.date
    finished_on: dt.date | None
    schools: list[RoundSchoolItem]

    def count(self, state: str) -> int:
        """How many schools are in ``state`` (``todo``, ``done``, ``callback``)."""
        return sum(1 for s in self.schools if s.state == state)

    @property
    def progress_text(self) -> str:
        """``12 klaar · 30 te doen · 3 terugbellen``."""
        return (
            f"{self.count('done')} klaar · {self.count('todo')} te doen · "
            f"{self.count('callback')} terugbellen"
        )


def active_round(desk: Desk) -> int | None:
    """The round still being worked (the latest unfinished one), if any."""
    with desk.case_base.sessions() as session:
        found = session.scalar(
            select(CallRound.id)
            .where(CallRound.finished_on.is_(None))
            .order_by(CallRound.quarter.desc())
            .limit(1)
        )
    return None if found is None else int(found)


def round_of_quarter(desk: Desk, quarter: Quarter | str) -> int | None:
    """The round of ``quarter``, if it was made."""
    with desk.case_base.sessions() as session:
        found = session.scalar(select(CallRound.id).where(CallRound.quarter == str(quarter)))
    return None if found is None else int(found)


def claimed_by_other(
    entry: RoundSchool | tuple[str | None, dt.datetime | None], user: str
) -> str | None:
    by, at = (entry.claimed_by, entry.claimed_at) if isinstance(entry, RoundSchool) else entry
    if not by or by == user or at is None:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return by if utcnow() - at < dt.timedelta(minutes=CLAIM_MINUTES) else None


def round_overview(desk: Desk, round_id: int) -> RoundOverview:
    """The round with its schools in their order and the counts of their pupils."""
    with desk.case_base.sessions() as session:
        call_round = session.get(CallRound, round_id)
        if call_round is None:
            raise NotFoundError("Deze belronde bestaat niet meer.")
        counts = dict(
            session.execute(
                select(RoundPupil.round_school_id, func.count(RoundPupil.id))
                .join(RoundSchool, RoundSchool.id == RoundPupil.round_school_id)
                .where(RoundSchool.round_id == round_id)
                .group_by(RoundPupil.round_school_id)
            ).all()
        )
        discussed = dict(
            session.execute(
                select(RoundPupil.round_school_id, func.count(RoundPupil.id))
                .join(RoundSchool, RoundSchool.id == RoundPupil.round_school_id)
                .where(RoundSchool.round_id == round_id, RoundPupil.status.is_not(None))
                .group_by(RoundPupil.round_school_id)
            ).all()
        )
        rows = session.execute(
            select(
                RoundSchool.id,
                RoundSchool.school_id,
                School.name,
                School.brin,
                RoundSchool.state,
                RoundSchool.call_result,
                RoundSchool.callback_on,
                RoundSchool.reason,
                RoundSchool.claimed_by,
                RoundSchool.claimed_at,
            )
            .join(School, School.id == RoundSchool.school_id)
            .where(RoundSchool.round_id == round_id)
            .order_by(RoundSchool.position, RoundSchool.id)
        ).all()
        schools = [
            RoundSchoolItem(
                i,
                s,
                n,
                b or "",
                st,
                res,
                cb,
                int(counts.get(i, 0)),
                int(discussed.get(i, 0)),
                reason,
                claimed_by_other((by, at), desk.user),
            )
            for i, s, n, b, st, res, cb, reason, by, at in rows
        ]
        return RoundOverview(
            call_round.id,
            call_round.quarter,
            call_round.started_on,
            call_round.finished_on,
            schools,
        )


def _entry(session: Session, entry_id: int) -> RoundSchool:
    entry = session.get(RoundSchool, entry_id)
    if entry is None:
        raise NotFoundError("Deze school staat niet meer op de belronde.")
    return entry


def claim_school(desk: Desk, entry_id: int, *, releasing: int | None = None) -> str | None:
    """Mark the school as being called by the desk's user (and give up ``releasing``, the
    school the user leaves, in the same transaction).

    Returns the colleague who is calling it right now (their claim is left alone), or None
    when the claim is the user's.
    """
    with desk.case_base.transaction(desk.user) as session:
        if releasing is not None and releasing != entry_id:
            left = session.get(RoundSchool, releasing)
            if left is not None and left.claimed_by == desk.user:
                left.claimed_by = None
                left.claimed_at = None
        entry = _entry(session, entry_id)
        other = claimed_by_other(entry, desk.user)
        if other is not None:
            return other
        entry.claimed_by = desk.user
        entry.claimed_at = utcnow()
    return None


def release_school(desk: Desk, entry_id: int) -> None:
    """Give up the user's claim on a school (moving on, closing the round)."""
    with desk.case_base.transaction(desk.user) as session:
        entry = session.get(RoundSchool, entry_id)
        if entry is not None and entry.claimed_by == desk.user:
            entry.claimed_by = None
            entry.claimed_at = None


@dataclass(frozen=True)
class StatusResult:
    """What setting a status did, and what the view should offer next."""

    round_pupil_id: int
    case_id: int | None
    event_id: int | None
    kind: RoundStatusKind


def _event_text(quarter: str, label: str, status_on: dt.date | None, note: str) -> str:
    from verzuimdesk.core.dutch_dates import date_short

    text = f"Belronde {quarter}: {label}"
    if status_on is not None:
        text += f" {date_short(status_on)}"
    return text + (f". {note}" if note else ".")


def _write_event(desk: Desk, session: Session, entry: RoundPupil, label: str) -> int | None:
    """Write (or update) the pupil's *Belronde* event of this round; its id."""
    if entry.case_id is None:
        return None
    quarter = entry.round_school.round.quarter
    text = _event_text(quarter, label, entry.status_on, entry.note or "")
    event = session.get(CaseEvent, entry.event_id) if entry.event_id else None
    if event is None or event.deleted_at is not None or event.case_id != entry.case_id:
        event = CaseEvent(
            case_id=entry.case_id,
            occurred_on=today(desk),
            kind=BELRONDE_EVENT,
            author=desk.user,
            text=text,
            decision=entry.status,
        )
        session.add(event)
    else:
        event.text = text
        event.decision = entry.status
        event.author = desk.user
    session.flush()
    entry.event_id = event.id
    return event.id


def set_pupil_status(
    desk: Desk,
    round_pupil_id: int,
    status_id: str | None,
    *,
    note: str | None = None,
    status_on: dt.date | None = None,
) -> StatusResult:
    """Give a pupil on the round a status (None: keep it) and/or a note.

    Written in one transaction with the *Belronde* event on the pupil's case. *Terug op
    school per* needs the date. Raises :class:`ValidationError` with Dutch messages.
    """
    settings = round_settings(desk)
    status = settings.status(status_id) if status_id else None
    if status_id and status is None:
        raise ValidationError({"status": "Deze status kent de belronde niet."})
    kind = RoundStatusKind(status.kind) if status else RoundStatusKind.STATUS
    if kind == RoundStatusKind.RETURN and status_on is None:
        raise ValidationError({"status_on": "Vul de datum in waarop de leerling terug is."})
    if status_on is not None and status_on > today(desk) + dt.timedelta(days=366):
        raise ValidationError({"status_on": "De datum ligt te ver in de toekomst."})
    with desk.case_base.transaction(desk.user) as session:
        entry = session.get(RoundPupil, round_pupil_id)
        if entry is None:
            raise NotFoundError("Deze leerling staat niet meer op de belronde.")
        if status is not None:
            entry.status = status.id
            entry.status_on = status_on if kind == RoundStatusKind.RETURN else None
        if note is not None:
            entry.note = clean(note) or ""
        if entry.status is None and not entry.note:
            raise ValidationError({"note": "Kies eerst een status of vul een notitie in."})
        current = settings.status(entry.status) if entry.status else None
        label = current.label if current else "Notitie"
        entry.updated_by = desk.user
        entry.updated_at = utcnow()
        event_id = _write_event(desk, session, entry, label)
        case_id = entry.case_id
    changes.publish(desk, "event", case_ids=() if case_id is None else (case_id,))
    return StatusResult(round_pupil_id, case_id, event_id, kind)


def attach_case(desk: Desk, round_pupil_id: int, case_id: int) -> int | None:
    """A case was opened for a pupil during the call (*nieuwe thuiszitter*): link it and
    write the pupil's *Belronde* event on it. Returns the event id."""
    settings = round_settings(desk)
    with desk.case_base.transaction(desk.user) as session:
        entry = session.get(RoundPupil, round_pupil_id)
        if entry is None:
            raise NotFoundError("Deze leerling staat niet meer op de belronde.")
        entry.case_id = case_id
        entry.event_id = None
        current = settings.status(entry.status) if entry.status else None
        event_id = _write_event(desk, session, entry, current.label if current else "Notitie")
    changes.publish(desk, "event", case_ids=(case_id,))
    return event_id


def add_pupil(
    desk: Desk, entry_id: int, pupil_id: int, reason: str = "gemeld tijdens de belronde"
) -> int:
    """Put a pupil the school names during the call on the school's list; its entry id."""
    with desk.case_base.transaction(desk.user) as session:
        entry = _entry(session, entry_id)
        existing = session.scalar(
            select(RoundPupil.id).where(
                RoundPupil.round_school_id == entry_id, RoundPupil.pupil_id == pupil_id
            )
        )
        if existing is not None:
            return int(existing)
        if session.get(Pupil, pupil_id) is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        case_id = session.scalar(
            select(Case.id).where(Case.pupil_id == pupil_id, Case.closed_on.is_(None))
        )
        pupil_entry = RoundPupil(
            round_school=entry, pupil_id=pupil_id, case_id=case_id, reason=reason, note=""
        )
        session.add(pupil_entry)
        session.flush()
        new_id = pupil_entry.id
    changes.publish(desk, "round", case_ids=())
    return new_id


def record_call(
    desk: Desk,
    entry_id: int,
    result: str,
    *,
    callback_on: dt.date | None = None,
    note: str = "",
    contact_id: int | None = None,
) -> int:
    """Record a call to a school on the round: *bereikt*, *niet bereikt* or *terugbellen*
    on ``callback_on`` (a region deadline). Returns the call's id.

    Earlier call-backs of the school are closed by this call.
    """
    errors: dict[str, str] = {}
    now = today(desk)
    if result not in CALL_RESULTS:
        errors["result"] = "Kies bereikt, niet bereikt of terugbellen."
    if result == "terugbellen":
        if callback_on is None:
            errors["callback_on"] = "Vul de datum in waarop u terugbelt."
        elif callback_on < now:
            errors["callback_on"] = "De terugbeldatum ligt in het verleden."
    if errors:
        raise ValidationError(errors)
    with desk.case_base.transaction(desk.user) as session:
        entry = _entry(session, entry_id)
        call = SchoolCall(
            school_id=entry.school_id,
            round_school_id=entry.id,
            called_on=now,
            result=result,
            callback_on=callback_on if result == "terugbellen" else None,
            contact_id=contact_id,
            note=clean(note) or "",
            author=desk.user,
        )
        session.add(call)
        close_callbacks(session, entry.school_id, now, desk.user)
        session.flush()
        if result == "terugbellen" and callback_on is not None:
            quarter = Quarter.parse(entry.round.quarter)
            add_callback_deadline(session, quarter, entry.school, callback_on, call.id)
        entry.call_result = result
        entry.callback_on = call.callback_on
        entry.state = _STATE_OF_RESULT[result]
        entry.claimed_by = None
        entry.claimed_at = None
        call_id = call.id
    changes.publish(desk, "round", case_ids=())
    changes.publish(desk, "deadline", case_ids=())
    return call_id


def finish_round(desk: Desk, round_id: int, *, force: bool = False) -> None:
    """Finish the round and close the quarter's contact deadline.

    Without ``force`` a round with schools still to call (or to call back) is refused with
    a Dutch message saying how many.
    """
    overview = round_overview(desk, round_id)
    left = overview.count("todo") + overview.count("callback")
    if left and not force:
        raise ServiceError(
            f"Er {'is' if left == 1 else 'zijn'} nog {left} "
            f"{'school' if left == 1 else 'scholen'} te bellen of terug te bellen."
        )
    with desk.case_base.transaction(desk.user) as session:
        call_round = session.get(CallRound, round_id)
        if call_round is None:
            raise NotFoundError("Deze belronde bestaat niet meer.")
        call_round.finished_on = today(desk)
        quarter = call_round.quarter
    close_region_deadline(desk, KIND_CONTACT, quarter)
    changes.publish(desk, "round", case_ids=())


def return_options(desk: Desk, case_id: int) -> list[tuple[str, str]]:
    """The steps *terug op school* offers for a case: (stage id, ``3. Verzuim gestopt``).

    The region's ``RoundSettings.return_stages`` that the case's current step may move to;
    without them, the final steps among its next steps. Empty for a closed case.
    """
    settings = round_settings(desk)
    ladder = desk.registry.ladder(desk.region_id)
    with desk.case_base.sessions() as session:
        case = session.get(Case, case_id)
        if case is None or case.closed_on is not None:
            return []
        stage_id = case.stage_id
    try:
        current = ladder.stage(stage_id)
    except KeyError:
        return []
    following = [ladder.stage(s) for s in current.next_stages if ladder.has_stage(s)]
    if settings.return_stages:
        chosen = [s for s in following if s.id in settings.return_stages]
    else:
        chosen = [s for s in following if s.final]
    return [(s.id, f"{s.number}. {s.name}") for s in chosen]


def add_new_case_pupil(desk: Desk, entry_id: int, case_id: int, status_id: str) -> int:
    """During the call the school names a new (threatening) thuiszitter, for whom a case was
    just opened: put the pupil on the school's list with ``status_id`` and write the
    *Belronde* event on the new case. Returns the pupil's round entry id."""
    with desk.case_base.sessions() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError("Deze casus bestaat niet meer.")
        pupil_id = case.pupil_id
    round_pupil_id = add_pupil(
        desk, entry_id, pupil_id, "nieuwe thuiszitter, gemeld tijdens de belronde"
    )
    with desk.case_base.transaction(desk.user) as session:
        entry = session.get(RoundPupil, round_pupil_id)
        assert entry is not None
        entry.case_id = case_id
    set_pupil_status(desk, round_pupil_id, status_id)
    return round_pupil_id

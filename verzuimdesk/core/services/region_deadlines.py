"""Region-level deadlines on fixed calendar dates, not tied to one case (rules.md §9).

Every quarter the SWV must have called every school (before 1 Dec / 1 Mar / 1 Jun / 1 Sep:
kind ``belronde``) and send the inspectie its list (by the 15th: kind ``inspectie``); the
region's plugin may move these dates (``RoundSettings``). A call-back agreed with a school
during the round is a region deadline too (kind ``terugbellen``).

The quarter's two deadlines are made when first needed (:func:`ensure_quarter_deadlines`,
idempotent and safe when two desks do it at once on a shared case base) and closed by
finishing the round (:func:`close_region_deadline` with ``belronde``) or by producing the
inspectie report (the reports call ``close_region_deadline(desk, "inspectie", quarter)``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from verzuimdesk.core.models import School
from verzuimdesk.core.models_round import RegionDeadline
from verzuimdesk.core.round_spec import Quarter, RoundSettings
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: The kinds of region deadline with their Dutch names.
KIND_CONTACT = "belronde"
KIND_INSPECTIE = "inspectie"
KIND_CALLBACK = "terugbellen"
KIND_NAMES: dict[str, str] = {
    KIND_CONTACT: "Belronde",
    KIND_INSPECTIE: "Inspectielijst",
    KIND_CALLBACK: "Terugbellen",
}
#: Who acts on a region deadline (shown in the *Wie* column).
WHO = "SWV"


@dataclass(frozen=True)
class RegionDeadlineRow:
    """An open (or done) region deadline, for the Termijnen view."""

    id: int
    kind: str
    quarter: str
    due_on: dt.date
    what: str
    school_id: int | None
    school_name: str
    done_on: dt.date | None


def round_settings(desk: Desk) -> RoundSettings:
    """The region's round settings (the national defaults when its plugin has none)."""
    getter = getattr(desk.registry, "round_settings", None)
    if getter is not None:
        settings: RoundSettings = getter(desk.region_id)
        return settings
    from verzuimdesk.core.round_spec import national_round_settings

    return national_round_settings(desk.region_id)


def quarter_texts(quarter: Quarter) -> dict[str, str]:
    """What the quarter's two deadlines say."""
    return {
        KIND_CONTACT: f"Belronde {quarter}: alle scholen gebeld over hun leerlingen",
        KIND_INSPECTIE: f"Thuiszitterslijst {quarter} naar de inspectie en het bestuur",
    }


def ensure_quarter_deadlines(desk: Desk, quarter: Quarter, *, publish: bool = True) -> None:
    """Make the quarter's contact and inspectie deadlines when they are not there yet.

    Idempotent; a second desk doing the same at the same moment changes nothing (the
    deadline's unique key refuses the double, and that is ignored). ``publish=False`` at
    start-up, before any view shows deadlines: nothing needs to refresh.
    """
    settings = round_settings(desk)
    dues = {
        KIND_CONTACT: quarter.contact_due(settings),
        KIND_INSPECTIE: quarter.inspectie_due(settings),
    }
    texts = quarter_texts(quarter)
    with desk.case_base.sessions() as session:
        have = set(
            session.scalars(
                select(RegionDeadline.kind).where(
                    RegionDeadline.quarter == str(quarter),
                    RegionDeadline.kind.in_(tuple(dues)),
                )
            )
        )
    missing = [kind for kind in dues if kind not in have]
    if not missing:
        return
    try:
        with desk.case_base.transaction(desk.user) as session:
            for kind in missing:
                session.add(
                    RegionDeadline(
                        key=f"{kind}:{quarter}",
                        kind=kind,
                        quarter=str(quarter),
                        due_on=dues[kind],
                        what=texts[kind],
                    )
                )
    except IntegrityError:
        return  # another desk made them just now
    if publish:
        changes.publish(desk, "deadline", case_ids=())


def ensure_current_deadlines(desk: Desk, *, publish: bool = True) -> None:
    """The deadlines of the quarter today falls in (what Termijnen shows)."""
    ensure_quarter_deadlines(desk, Quarter.of(today(desk)), publish=publish)


def add_callback_deadline(
    session: Session, quarter: Quarter, school: School, on: dt.date, call_id: int
) -> RegionDeadline:
    """A call-back agreed with ``school`` on ``on`` (in the caller's transaction)."""
    deadline = RegionDeadline(
        key=f"{KIND_CALLBACK}:{quarter}:{call_id}",
        kind=KIND_CALLBACK,
        quarter=str(quarter),
        due_on=on,
        what=f"{school.name} terugbellen (belronde {quarter})",
        school_id=school.id,
    )
    session.add(deadline)
    return deadline


def close_callbacks(session: Session, school_id: int, on: dt.date, user: str) -> int:
    """Close the school's open call-backs (it was called again); returns how many."""
    open_ones = session.scalars(
        select(RegionDeadline).where(
            RegionDeadline.kind == KIND_CALLBACK,
            RegionDeadline.school_id == school_id,
            RegionDeadline.done_on.is_(None),
        )
    ).all()
    for deadline in open_ones:
        deadline.done_on = on
        deadline.done_by = user
    return len(open_ones)


def close_region_deadline(
    desk: Desk, kind: str, quarter: Quarter | str, *, on: dt.date | None = None
) -> bool:
    """Close the quarter's region deadline of ``kind`` (``belronde`` or ``inspectie``).

    Made first when it did not exist yet. Returns False when it was already closed.
    The round calls it when it is finished; the inspectie report when it is produced.
    """
    if kind not in (KIND_CONTACT, KIND_INSPECTIE):
        raise ValidationError({"kind": "Kies de belronde of de inspectielijst."})
    quarter = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
    ensure_quarter_deadlines(desk, quarter)
    on = on or today(desk)
    with desk.case_base.transaction(desk.user) as session:
        deadline = session.scalar(
            select(RegionDeadline).where(
                RegionDeadline.kind == kind, RegionDeadline.quarter == str(quarter)
            )
        )
        if deadline is None:  # pragma: no cover - made just above
            raise NotFoundError("Deze termijn bestaat niet meer.")
        if deadline.done_on is not None:
            return False
        deadline.done_on = on
        deadline.done_by = desk.user
    changes.publish(desk, "deadline", case_ids=())
    return True


def set_region_deadline_done(desk: Desk, deadline_id: int, done_on: dt.date | None) -> None:
    """Mark a region deadline done on ``done_on`` by hand (None: open again)."""
    if done_on is not None and done_on > today(desk):
        raise ValidationError({"done_on": "De datum ligt in de toekomst."})
    with desk.case_base.transaction(desk.user) as session:
        deadline = session.get(RegionDeadline, deadline_id)
        if deadline is None:
            raise NotFoundError("Deze termijn bestaat niet meer.")
        deadline.done_on = done_on
        deadline.done_by = desk.user if done_on else None
    changes.publish(desk, "deadline", case_ids=())


def region_deadlines(desk: Desk, *, include_done: bool = False) -> list[RegionDeadlineRow]:
    """The region's deadlines, open ones only unless ``include_done``, by due date."""
    query = (
        select(
            RegionDeadline.id,
            RegionDeadline.kind,
            RegionDeadline.quarter,
            RegionDeadline.due_on,
            RegionDeadline.what,
            RegionDeadline.school_id,
            School.name,
            RegionDeadline.done_on,
        )
        .outerjoin(School, School.id == RegionDeadline.school_id)
        .order_by(RegionDeadline.due_on, RegionDeadline.id)
    )
    if not include_done:
        query = query.where(RegionDeadline.done_on.is_(None))
    with desk.case_base.sessions() as session:
        rows = session.execute(query).all()
    return [
        RegionDeadlineRow(i, k, q, d, w, s, n or "", done) for i, k, q, d, w, s, n, done in rows
    ]

"""A tiny change-notification hub: every open view refreshes after a change.

Services publish a :class:`Change` after their transaction has committed; views
subscribe with a callback. Plain Python (no Qt), one hub per desk, reached with
:func:`bus`.

Colleagues' changes (another desk on the same shared case base) arrive through
:func:`poll`: the cheap change marker is the audit chain's highest ``seq`` (a unique
index, assigned in commit order); when it moved, the new entries written by other desks
say which cases and pupils to refresh. The GUI calls it on a timer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """What changed in one user action.

    :param kind: ``pupil``, ``school``, ``case``, ``absence``, ``event``, ``deadline``,
        ``form`` or ``all``.
    :param case_ids: the cases whose list row or file may look different; ``None``
        means "possibly every case" (e.g. a school was renamed).
    :param pupil_ids: the pupils whose records or details changed.
    """

    kind: str
    case_ids: frozenset[int] | None = field(default_factory=frozenset)
    pupil_ids: frozenset[int] = field(default_factory=frozenset)

    def touches_case(self, case_id: int) -> bool:
        """True when the change may affect ``case_id``."""
        return self.case_ids is None or case_id in self.case_ids


Listener = Callable[[Change], None]


class ChangeBus:
    """Publish/subscribe of :class:`Change` notifications, in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self.version = 0

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` on every change; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        """Tell every listener; one failing listener does not stop the others."""
        self.version += 1
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                log.exception("listener %r failed on %r", listener, change)


def bus(desk: Desk) -> ChangeBus:
    """Return the change hub of ``desk`` (created on first use)."""
    hub = desk.__dict__.get("_change_bus")
    if hub is None:
        hub = ChangeBus()
        desk.__dict__["_change_bus"] = hub
    return hub


def publish(
    desk: Desk,
    kind: str,
    case_ids: Iterable[int] | None = (),
    pupil_ids: Iterable[int] = (),
) -> Change:
    """Publish a change on ``desk``'s hub and return it."""
    change = Change(
        kind,
        None if case_ids is None else frozenset(case_ids),
        frozenset(pupil_ids),
    )
    bus(desk).publish(change)
    return change


#: Child tables whose rows belong to a case (``case_id``) or a pupil (``pupil_id``).
_CASE_CHILDREN = ("case_event", "deadline", "form_submission", "role_assignment", "case_document")
_PUPIL_CHILDREN = ("absence_record", "enrolment", "exemption", "excused_gap")


def _marker(desk: Desk) -> int:
    from verzuimdesk.core.models import AuditEntry

    with desk.case_base.sessions() as session:
        return int(session.scalar(select(func.max(AuditEntry.seq))) or 0)


def poll(desk: Desk) -> Change | None:
    """Publish (and return) what colleagues changed since the last poll; None if nothing.

    The first call only notes where the trail stands. Costs one indexed ``max(seq)`` when
    nothing happened.
    """
    from verzuimdesk.core.models import AuditEntry, Case

    seen = desk.__dict__.get("_change_seen")
    marker = _marker(desk)
    desk.__dict__["_change_seen"] = marker
    if seen is None or marker <= seen:
        return None
    origin = desk.case_base.sessions.kw.get("info", {}).get("origin")
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(AuditEntry.table_name, AuditEntry.record_id, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.seq > seen, AuditEntry.seq <= marker, AuditEntry.action != "read")
            .where((AuditEntry.origin.is_(None)) | (AuditEntry.origin != origin))
        ).all()
        if not rows:
            return None
        case_ids: set[int] = set()
        pupil_ids: set[int] = set()
        everything = False
        for table, record_id, before, after in rows:
            values: dict[str, Any] = {**(before or {}), **(after or {})}
            if table == "case" and record_id.isdigit():
                case_ids.add(int(record_id))
            elif table == "pupil" and record_id.isdigit():
                pupil_ids.add(int(record_id))
            elif table in _CASE_CHILDREN:
                case_ids.update(_owner(session, table, record_id, values, "case_id"))
            elif table in _PUPIL_CHILDREN:
                pupil_ids.update(_owner(session, table, record_id, values, "pupil_id"))
            else:  # a school, a person, a setting: any row may look different
                everything = True
        if pupil_ids:
            case_ids.update(session.scalars(select(Case.id).where(Case.pupil_id.in_(pupil_ids))))
    return publish(
        desk, "all" if everything else "case", None if everything else case_ids, pupil_ids
    )


def _owner(session: Any, table: str, record_id: str, values: dict[str, Any], key: str) -> set[int]:
    """The case or pupil id a child row belongs to (from the entry, else from the table)."""
    if isinstance(values.get(key), int):
        return {values[key]}
    from verzuimdesk.core.models import Base

    rows = Base.metadata.tables[table]
    if not record_id.isdigit():
        return set()
    owner = session.scalar(select(rows.c[key]).where(rows.c.id == int(record_id)))
    return {owner} if owner is not None else set()

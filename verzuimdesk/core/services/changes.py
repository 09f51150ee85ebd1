"""A tiny change-notification hub: every open view refreshes after a change.

Services publish a :class:`Change` after their transaction has committed; views
subscribe with a callback. Plain Python (no Qt), one hub per desk, reached with
:func:`bus`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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

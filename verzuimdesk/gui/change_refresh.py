"""Views that follow the case base: listen to the change hub, refresh once per burst.

A save publishes several changes in a row (the case, its deadlines, the school); a view
that refreshed on each would rebuild its tables several times for one click. The views
listen with :func:`listen` and ask a :class:`CoalescedRefresh` for a refresh, which runs
once, on the next turn of the event loop, however often it was asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from verzuimdesk.core.services import changes

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["CoalescedRefresh", "listen"]


def listen(owner: QObject, desk: Desk, on_change: Callable[[changes.Change], None]) -> None:
    """Call ``on_change`` for every change of ``desk``'s case base while ``owner`` lives."""
    unsubscribe = changes.bus(desk).subscribe(on_change)
    owner.destroyed.connect(lambda *_: unsubscribe())


class CoalescedRefresh:
    """Runs ``refresh`` once on the next event-loop turn, however often it is requested.

    The refresh is bound to ``owner``: when the widget is gone by then, nothing runs.
    """

    def __init__(self, owner: QObject, refresh: Callable[[], None]) -> None:
        self._owner = owner
        self._refresh = refresh
        self.pending = False

    def request(self) -> None:
        """Ask for a refresh; requests before it runs are merged into one."""
        if not self.pending:
            self.pending = True
            QTimer.singleShot(0, self._owner, self._run)

    def _run(self) -> None:
        self.pending = False
        self._refresh()

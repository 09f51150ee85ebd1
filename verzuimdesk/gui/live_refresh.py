"""Colleagues' changes appear without F5.

On PostgreSQL the desk listens (``LISTEN``, :mod:`verzuimdesk.core.services.change_listener`):
a colleague's commit makes the window ask :func:`verzuimdesk.core.services.changes.poll`
at once, and a slow timer (:data:`SAFETY_POLL_MS`) covers a dropped connection. On SQLite,
or when listening fails, the timer polls every :data:`POLL_MS`. When another desk committed
something, the change is published on this desk's hub and the open views refresh as after
one of the user's own saves. A failing poll (the server is gone for a moment) is logged
once and tried again at the next tick.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from verzuimdesk.core.services import changes
from verzuimdesk.core.services.change_listener import ChangeListener, can_listen

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

log = logging.getLogger(__name__)

#: How often the desk looks for colleagues' changes (milliseconds).
POLL_MS = 3000
#: With ``LISTEN`` on PostgreSQL: the slow poll that covers a dropped connection.
SAFETY_POLL_MS = 30_000


class LiveRefresh(QObject):
    """The listener (PostgreSQL) and polling timer of one window."""

    #: Emitted on the listener's thread; delivered on the GUI thread (queued).
    notified = Signal()

    def __init__(self, desk: Desk, parent: QObject, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.desk = desk
        self.failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.poll()  # notes where the trail stands now
        self.listener: ChangeListener | None = None
        url = desk.case_base.url
        if can_listen(url):
            self.notified.connect(self.poll)
            listener = ChangeListener(url, self.notified.emit)
            if listener.start():
                self.listener = listener
                self.timer.setInterval(max(interval_ms, SAFETY_POLL_MS))
                parent.destroyed.connect(lambda *_: listener.stop())
            else:
                listener.stop()
        self.timer.start()

    def poll(self) -> changes.Change | None:
        """Look once; publish and return what colleagues changed (None when nothing)."""
        try:
            change = changes.poll(self.desk)
        except Exception:
            if not self.failed:
                log.warning("kon niet controleren op wijzigingen van collega's", exc_info=True)
            self.failed = True
            return None
        self.failed = False
        return change


def install(window: QObject, desk: Desk) -> LiveRefresh:
    """Start polling for ``window`` (stops with the window)."""
    return LiveRefresh(desk, window)

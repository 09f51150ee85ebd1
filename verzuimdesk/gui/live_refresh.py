"""Colleagues' changes appear without F5: a timer polls the shared case base's change marker.

Every :data:`POLL_MS` the window asks :func:`verzuimdesk.core.services.changes.poll`; when
another desk committed something, the change is published on this desk's hub and the open
views refresh as after one of the user's own saves. A failing poll (the server is gone for
a moment) is logged once and tried again at the next tick.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from verzuimdesk.core.services import changes

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

log = logging.getLogger(__name__)

#: How often the desk looks for colleagues' changes (milliseconds).
POLL_MS = 3000


class LiveRefresh(QObject):
    """The polling timer of one window."""

    def __init__(self, desk: Desk, parent: QObject, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.desk = desk
        self.failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.poll()  # notes where the trail stands now
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

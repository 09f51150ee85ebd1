"""Read-only work off the GUI thread, its result delivered back on the GUI thread.

For jobs that only read the case base (each in its own session) and return plain values,
such as the case list's lesweek numbers on a large case base: the window stays usable
while they run. The job must not touch widgets; ``on_done`` runs on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a job's outcome from its thread to the GUI thread (a queued signal)."""

    finished = Signal(object)
    failed = Signal(object)


#: Relays whose job is still running: they have no Qt parent (a parent destroyed on the
#: GUI thread while the job's thread emits would pull the object away under it), so this
#: set keeps them alive until their result is delivered.
_RUNNING: set[_Relay] = set()


def run_in_background(
    parent: QObject,
    job: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> threading.Thread:
    """Run ``job`` in a daemon thread and call ``on_done(result)`` on the GUI thread.

    Nothing is delivered once ``parent`` is destroyed. A failing job is logged and handed
    to ``on_error`` when given.
    """
    relay = _Relay()
    _RUNNING.add(relay)

    def deliver(callback: Callable[[Any], None] | None, value: Any) -> None:
        _RUNNING.discard(relay)
        relay.deleteLater()
        if callback is not None and shiboken6.isValid(parent):
            callback(value)

    relay.finished.connect(lambda result: deliver(on_done, result))
    relay.failed.connect(lambda error: deliver(on_error, error))

    def work() -> None:
        try:
            result = job()
        except Exception as error:  # reported on the GUI thread
            log.exception("achtergrondtaak mislukt")
            relay.failed.emit(error)
            return
        relay.finished.emit(result)

    thread = threading.Thread(target=work, name="verzuimdesk-background", daemon=True)
    thread.start()
    return thread

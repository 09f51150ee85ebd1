"""Colleagues' changes at once on PostgreSQL: ``LISTEN`` instead of only polling.

Every change's audit entry notifies the channel :data:`~verzuimdesk.core.models_trust.
CHANGE_CHANNEL` at commit (a trigger, migration 0010). A :class:`ChangeListener` holds one
extra autocommit connection that listens on it in a daemon thread and calls ``on_change``
(on that thread) as soon as a commit notified (once for those that came together); the desk
then runs :func:`verzuimdesk.core.services.changes.poll`, which says what changed. When the
connection drops it is logged once and made again after :data:`RETRY_S`; the desk's slow
safety poll covers the gap. SQLite has no such channel: there the desk polls.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

from verzuimdesk.core.models_trust import CHANGE_CHANNEL

log = logging.getLogger(__name__)

#: How long one wait for a notification lasts before the thread looks whether to stop.
WAIT_S = 0.5
#: Wait before connecting again after the listening connection failed.
RETRY_S = 5.0


def can_listen(url: str) -> bool:
    """True for a PostgreSQL case base (with psycopg installed)."""
    if make_url(url).get_backend_name() != "postgresql":
        return False
    from importlib.util import find_spec

    return find_spec("psycopg") is not None


class ChangeListener:
    """``LISTEN`` on the case base at ``url`` in a daemon thread; see the module docstring."""

    def __init__(self, url: str, on_change: Callable[[], None]) -> None:
        self.url = url
        self.on_change = on_change
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._failed = False

    def start(self, wait_s: float = 5.0) -> bool:
        """Start listening; True once the channel is listened to (within ``wait_s``)."""
        if not can_listen(self.url):
            return False
        self._thread = threading.Thread(target=self._run, name="verzuimdesk-listen", daemon=True)
        self._thread.start()
        return self._ready.wait(wait_s)

    def stop(self) -> None:
        """Stop listening and close the connection (waits briefly for the thread)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2 * WAIT_S + 1)

    def _connect(self) -> Any:
        import psycopg

        parsed = make_url(self.url)
        conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        conn = psycopg.connect(conninfo, autocommit=True)
        conn.execute(f"LISTEN {CHANGE_CHANNEL}")
        return conn

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception:
                self._failed_once("kon niet luisteren naar wijzigingen van collega's")
                self._stop.wait(RETRY_S)
                continue
            self._failed = False
            self._ready.set()
            try:
                self._listen(conn)
            except Exception:
                self._failed_once("luisteren naar wijzigingen van collega's onderbroken")
                self._stop.wait(RETRY_S)
            finally:
                conn.close()

    def _listen(self, conn: Any) -> None:
        while not self._stop.is_set():
            # Wake at the first notification (or after WAIT_S, to see a stop); those that
            # came with it in the same moment are taken along in one call.
            arrived = any(True for _ in conn.notifies(timeout=WAIT_S, stop_after=1))
            if arrived:
                for _notify in conn.notifies(timeout=0.001):
                    pass
            if arrived and not self._stop.is_set():
                try:
                    self.on_change()
                except Exception:
                    log.warning(
                        "verwerken van een wijziging van een collega mislukt", exc_info=True
                    )

    def _failed_once(self, what: str) -> None:
        if not self._failed:
            log.warning(what, exc_info=True)
        self._failed = True

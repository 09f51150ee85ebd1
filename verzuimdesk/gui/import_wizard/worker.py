"""Running an import in a worker thread, with progress and Cancel, for the wizard."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from verzuimdesk.gui.background import hold_garbage_collection, release_garbage_collection


class _GuiThreadCall(QObject):
    """Calls ``function`` on the thread this object was created on (the GUI thread)."""

    def __init__(self, function: Callable[[], None]) -> None:
        super().__init__()
        self._function = function

    @Slot()
    def call(self) -> None:
        """Run the function (connected queued from another thread)."""
        self._function()


class ImportWorker(QObject):
    """Runs ``job(progress, cancel)`` in its own thread; reports back by signals.

    ``finished`` carries the job's result, ``failed`` the exception (cancelling raises
    the core's ``ImportCancelled``, which arrives as ``failed`` too).
    """

    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Callable[[float, str], None], Callable[[], bool]], Any]):
        super().__init__()
        self._job = job
        self._cancel = threading.Event()
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("importThread")
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._run)

    def start(self) -> None:
        """Start the job in the worker thread (garbage collection held off meanwhile)."""
        hold_garbage_collection()
        # A receiver living on the GUI thread: the release runs there (a queued call).
        self._gc_release = _GuiThreadCall(release_garbage_collection)
        self.worker_thread.finished.connect(self._gc_release.call)
        self.worker_thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress check (it rolls back)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    def _run(self) -> None:
        # No garbage collection while the import runs on this thread (held since start,
        # released on the GUI thread when the thread ends): a collection here could
        # finalize unreachable Qt widgets of the GUI thread, which crashes Qt.
        try:
            result = self._job(
                lambda fraction, text: self.progressed.emit(fraction, text), self._cancel.is_set
            )
        except BaseException as exc:  # reported to the GUI thread, never lost
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
        finally:
            self.worker_thread.quit()

    def wait(self, ms: int = 30_000) -> bool:
        """Wait for the thread to end (closing the wizard)."""
        return self.worker_thread.wait(ms)

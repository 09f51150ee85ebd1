"""Helpers of the trust tests: a colleague's desk on the same case base, a race in lockstep."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from verzuimdesk.core.db import open_case_base
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import pupils


def colleague(desk: Desk, user: str = "bram") -> Desk:
    """A second desk on ``desk``'s case base (another engine: another computer)."""
    other = Desk(open_case_base(desk.case_base.url), desk.registry, user=user)
    other.today = desk.today
    return other


def pupil(desk: Desk, first: str = "Sanne", last: str = "de Vries") -> int:
    """A pupil of 14 (no school needed)."""
    return pupils.create_pupil(desk, pupils.PupilData(first, last, dt.date(2010, 3, 14)))


def in_lockstep(desks: list[Desk], actions: list[Callable[[], Any]]) -> list[Any]:
    """Run ``actions[i]`` on ``desks[i]`` in threads that all read before any writes.

    Each desk's first flush waits until every desk reached its own first flush, so all of
    them read the same state, as two colleagues clicking at the same moment would. Returns
    each action's result, or the exception it raised.
    """
    barrier = threading.Barrier(len(desks), timeout=20)
    results: list[Any] = [None] * len(desks)

    def hook_for(index: int) -> Callable[..., None]:
        done = threading.Event()

        def hook(*_args: Any) -> None:
            if not done.is_set():
                done.set()
                barrier.wait()

        return hook

    hooks = []
    for index, desk in enumerate(desks):
        hook = hook_for(index)
        event.listen(desk.case_base.sessions, "before_flush", hook)
        hooks.append((desk, hook))

    def run(index: int) -> None:
        try:
            results[index] = actions[index]()
        except Exception as exc:  # handed back to the test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for desk, hook in hooks:
        event.remove(desk.case_base.sessions, "before_flush", hook)
    return results


def answer_conflicts(monkeypatch: Any, qtbot: Any, choice: str) -> list[list[str]]:
    """Make the conflict dialog answer ``choice`` (after building it for real); returns the
    rows it showed (field, mine, theirs)."""
    from verzuimdesk.gui import conflict_dialog

    shown: list[list[str]] = []

    def ask(conflict: Any, parent: Any = None) -> str:
        dialog = conflict_dialog.ConflictDialog(conflict, parent)
        qtbot.addWidget(dialog)
        table = dialog.table
        shown.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
        return choice

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    return shown

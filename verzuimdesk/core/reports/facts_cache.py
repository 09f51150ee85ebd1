"""The report facts kept between reports and refreshes, keyed on a data-change marker.

Building the facts of a range (:func:`~verzuimdesk.core.reports.facts.load_facts`) is the
bulk of every quarter report and of the Overzicht tab. The inspectie list and the
groslijst read the same range (the school year up to the report date), the Kwartaalrapportage
and the Overzicht another one (the four chart quarters), so the desk keeps the facts of the
last few ranges and hands them out again while nothing changed:

- the **marker** — the audit trail's highest ``seq`` (every audited write, also a colleague's
  on a shared case base), the highest signal id and the number of signals (a signal
  recomputation deletes and inserts) — is one cheap query; when it still equals the one
  the facts were read at, they are current;
- a change published on the desk's change hub that names its pupils makes only those
  pupils be read again; any other change (a school, "everything") or a marker that moved
  without any published change drops the range.

The cached :class:`~verzuimdesk.core.reports.facts.Facts` are shared: callers must not
change them (the reports build new values from them). They keep no signals (see
:func:`_lean`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from verzuimdesk.core.models import AuditEntry, StoredSignal
from verzuimdesk.core.reports.facts import Facts, load_facts
from verzuimdesk.core.services import changes

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["FactsCache", "cached_facts", "data_marker"]

Marker = tuple[int, int, int]


def data_marker(desk: Desk) -> Marker:
    """A value that changes whenever the data behind the reports may have changed."""
    with desk.case_base.sessions() as session:
        seq = session.scalar(select(func.max(AuditEntry.seq))) or 0
        top, count = session.execute(
            select(func.max(StoredSignal.id), func.count(StoredSignal.id))
        ).one()
    return int(seq), int(top or 0), int(count or 0)


@dataclass
class _Entry:
    facts: Facts
    marker: Marker
    dirty: set[int] = field(default_factory=set)
    published: bool = False  # a change arrived on the hub since the marker was read
    stale: bool = False  # a change that names no pupils: read everything again


class FactsCache:
    """The facts of the last :attr:`SIZE` ranges of one desk (see the module docstring)."""

    SIZE = 4

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.entries: OrderedDict[tuple[dt.date, dt.date], _Entry] = OrderedDict()
        #: Held only for the bookkeeping: a change published on the GUI thread never waits
        #: for a read that runs in the background.
        self.lock = threading.Lock()
        #: One read at a time (two views asking for the same range read it once).
        self.reading = threading.Lock()
        self.loads = 0  # full reads (tests and benchmarks look at it)
        changes.bus(desk).subscribe(self._on_change)

    def _on_change(self, change: changes.Change) -> None:
        with self.lock:
            for entry in self.entries.values():
                entry.published = True
                if change.pupil_ids and change.kind != "school":
                    entry.dirty.update(change.pupil_ids)
                else:
                    entry.stale = True

    def get(self, start: dt.date, end: dt.date) -> Facts:
        """The facts of start..end, read again only where the data changed."""
        key = (start, end)
        with self.reading:
            marker = data_marker(self.desk)
            with self.lock:
                entry = self.entries.get(key)
                dirty: set[int] = set()
                full = entry is None or entry.stale
                if entry is not None and not full:
                    dirty, entry.dirty = entry.dirty, set()
                    # Changed in a way no published change explains: read everything.
                    full = not dirty and entry.marker != marker and not entry.published
                if entry is not None:
                    entry.published = entry.stale = False
            # The reading itself outside the bookkeeping lock: changes published meanwhile
            # mark the entry again and are read on the next call.
            if full:
                self.loads += 1
                entry = _Entry(_lean(load_facts(self.desk, start, end)), marker)
            else:
                assert entry is not None
                if dirty:
                    entry.facts = _refreshed(self.desk, entry.facts, dirty)
                entry.marker = marker
            with self.lock:
                self.entries[key] = entry
                self.entries.move_to_end(key)
                while len(self.entries) > self.SIZE:
                    self.entries.popitem(last=False)
                return entry.facts


def _refreshed(desk: Desk, facts: Facts, pupil_ids: set[int]) -> Facts:
    """*facts* with *pupil_ids* read again (a pupil without periods or cases drops out).

    A new value: a report still reading the old one on another thread is not disturbed.
    """
    fresh = _lean(load_facts(desk, facts.start, facts.end, only=pupil_ids))
    pupils = {pid: p for pid, p in facts.pupils.items() if pid not in pupil_ids}
    pupils.update((pid, p) for pid, p in fresh.pupils.items() if p.periods or p.cases)
    return Facts(facts.start, facts.end, fresh.schools, pupils)


def _lean(facts: Facts) -> Facts:
    """*facts* without the pupils' signals: the periods are computed from them already and
    no report reads them, while keeping tens of thousands of them alive would make every
    full run of Python's garbage collector walk them all again."""
    for pupil in facts.pupils.values():
        pupil.signals = []
    return facts


def cached_facts(desk: Desk, start: dt.date, end: dt.date) -> Facts:
    """:meth:`FactsCache.get` on the desk's cache (made on first use)."""
    cache = desk.__dict__.get("_facts_cache")
    if cache is None:
        cache = desk.__dict__["_facts_cache"] = FactsCache(desk)
    assert isinstance(cache, FactsCache)
    return cache.get(start, end)

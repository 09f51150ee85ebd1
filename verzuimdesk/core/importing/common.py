"""What the absence, pupil and school imports share: options, progress, the run's frame,
reading a row's cells by role, and the Dutch values an export holds.

Each import is ``ImportRun(...)`` (open the file, check the mapping, start the report and
the progress), its own loop over ``run.table``, and ``run.dry_run_end(session)`` or
``run.committed(...)`` at the end.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from verzuimdesk.core.importing.mapping import Mapping
from verzuimdesk.core.importing.reader import TableFile, open_table
from verzuimdesk.core.importing.report import ImportCancelled, ImportReport, MappingError
from verzuimdesk.core.tabular.dutch_values import parse_date, parse_number

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verzuimdesk.core.desk import Desk

#: ``progress(fraction 0…1, Dutch text)``; called at least every :data:`PROGRESS_EVERY` s.
Progress = Callable[[float, str], None]
#: Returns True when the user asked to cancel.
CancelCheck = Callable[[], bool]

PROGRESS_EVERY = 0.25
#: The years a date in an export may have.
EXPORT_YEARS = (1900, 2100)


class ImportOptions(TypedDict, total=False):
    """The keyword options every import takes.

    ``dry_run``: read and compare everything, change nothing (the wizard's check).
    ``progress``/``cancel``: see :data:`Progress` and :data:`CancelCheck`.
    ``notify`` (default True): publish the change to the open views; a caller on another
    thread passes False and calls ``report.publish(desk)`` on the GUI thread.
    """

    dry_run: bool
    progress: Progress | None
    cancel: CancelCheck | None
    notify: bool


class Ticker:
    """Progress and cancel at most every :data:`PROGRESS_EVERY` seconds."""

    def __init__(self, progress: Progress | None, cancel: CancelCheck | None) -> None:
        self.progress = progress
        self.cancel = cancel
        self.last = 0.0

    def tick(self, fraction: float, text: str, *, force: bool = False) -> None:
        """Report progress and look at Cancel, unless that was done very recently."""
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        if self.cancel is not None and self.cancel():
            raise ImportCancelled
        if self.progress is not None:
            self.progress(fraction, text)


class ImportRun:
    """One import's frame: the open file, its report, its progress, and how it ends.

    :param school_or: a pupil number needs the school chosen, unless the mapping has a
        column with this role (``bsn``: pupils found by BSN; ``school``: a BRIN per row);
        None when pupil numbers do not matter.
    :raises ImportFileError: the file cannot be read as a table.
    :raises MappingError: the mapping does not fit the file.
    """

    def __init__(
        self,
        desk: Desk,
        path: Path | str,
        mapping: Mapping,
        options: ImportOptions,
        *,
        school_or: str | None = None,
    ) -> None:
        self.started = time.monotonic()
        self.desk = desk
        self.mapping = mapping
        self.table: TableFile = open_table(path)
        problems = mapping.problems(self.table.header)
        if (
            school_or is not None
            and "pupil_number" in mapping.columns
            and mapping.school_id is None
            and school_or not in mapping.columns
        ):
            problems.append("Kies de school: leerlingnummers zijn per school.")
        if problems:
            raise MappingError(problems)
        self.dry_run = options.get("dry_run", False)
        self.notify = options.get("notify", True)
        self.report = ImportReport(
            file_name=Path(path).name, target=mapping.target, dry_run=self.dry_run
        )
        self.ticker = Ticker(options.get("progress"), options.get("cancel"))

    def column(self, role: str) -> int | None:
        """The position of the column the mapping gives ``role`` (None: not mapped)."""
        name = self.mapping.columns.get(role)
        header = self.table.header
        return header.index(name) if name is not None and name in header else None

    def values(self, cells: list[str]) -> dict[str, str]:
        """A row's mapped cells by role, stripped (a short row gives empty cells)."""
        out = {}
        for role in self.mapping.columns:
            i = self.column(role)
            if i is not None:
                out[role] = cells[i].strip() if i < len(cells) else ""
        return out

    def dry_run_end(self, session: Session) -> ImportReport:
        """End a dry run: nothing is kept."""
        session.rollback()
        self.report.seconds = time.monotonic() - self.started
        return self.report

    def committed(
        self,
        change_kind: str,
        pupils: frozenset[int] = frozenset(),
        cases: frozenset[int] | None = None,
    ) -> ImportReport:
        """The report of a committed import; the open views are told (unless not asked)."""
        report = self.report
        report.committed = True
        report.seconds = time.monotonic() - self.started
        if change_kind:
            report.change_kind = change_kind
            report.changed_pupils = pupils
            report.changed_cases = cases
            if self.notify:
                report.publish(self.desk)
        return report


def read_date(text: str) -> dt.date:
    """A date cell of an export (a time after it ignored); ValueError in Dutch."""
    return parse_date(text, with_time=True, years=EXPORT_YEARS)


def read_number(text: str) -> float:
    """A number cell of an export (Excel's thousands dots allowed); ValueError in Dutch."""
    return parse_number(text, grouped=True)


def person_name(values: dict[str, str]) -> tuple[str, str]:
    """(first name, last name) from a row's name roles: first name, prefix and last name,
    or the full name (``"Jansen, Piet"``, ``"Piet de Jong"``)."""
    first, last = values.get("first_name", ""), values.get("last_name", "")
    if values.get("prefix"):
        last = f"{values['prefix']} {last}".strip()
    if not last and values.get("name"):
        first, last = split_name(values["name"])
    return first, last


def split_name(full: str) -> tuple[str, str]:
    """``"Jansen, Piet"`` or ``"Piet de Jong"`` → (first name, last name)."""
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    first, _, last = full.strip().partition(" ")
    return first, last.strip()

"""Optimistic locking: a save based on an outdated read is a conflict, never a silent overwrite.

Every editable record has a ``version`` (SQLAlchemy ``version_id_col``, see
``core/models.py``). Two guards use it:

* a service that saves what a user *edited in a form* takes the version the form was
  loaded with; when the record moved on meanwhile it raises :class:`ConflictError`, which
  carries both versions (the user's and the one stored now, with who changed it and when),
  so the desk can show them side by side and let the user choose: keep mine (save again
  with ``their_version``) or take theirs;
* a save that loses the race inside the database (both read version 3, the other one
  committed first) gets SQLAlchemy's ``StaleDataError`` from the ``UPDATE ... WHERE
  version = 3``: :func:`retrying` repeats a self-contained action (tick an action, mark a
  deadline) on fresh data, and :func:`stale_as_conflict` turns it into a
  :class:`ConflictError` for edits the user must look at again.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from verzuimdesk.core.models import AuditEntry
from verzuimdesk.core.services.errors import ServiceError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

T = TypeVar("T")
P = ParamSpec("P")

#: How often a self-contained action is retried after losing a race.
RETRIES = 5


@dataclass(frozen=True)
class FieldDifference:
    """One field that differs between the user's version and the stored one."""

    field: str
    label: str
    mine: str
    theirs: str


class ConflictError(ServiceError):
    """Someone else saved the record after the user loaded it.

    :param what: Dutch name of the record (``deze leerling``, ``casus VZ-2024-00001``).
    :param mine: the values the user tried to save, by field id, as shown.
    :param theirs: the values stored now, by field id, as shown.
    :param labels: Dutch field labels by field id.
    :param their_version: the stored version; saving again with it means "keep mine".
    :param changed_by: who saved the stored version (from the audit trail), if known.
    :param changed_at: when, if known.
    :param stored: what a "keep mine" save passes as the state the user has now seen, when
        a version number alone does not say it (a school's stored details, the versions of
        several absence cells).
    """

    def __init__(
        self,
        what: str,
        *,
        mine: dict[str, str],
        theirs: dict[str, str],
        labels: dict[str, str],
        their_version: int,
        changed_by: str | None = None,
        changed_at: dt.datetime | None = None,
        stored: Any = None,
    ) -> None:
        self.what = what
        self.mine = dict(mine)
        self.theirs = dict(theirs)
        self.labels = dict(labels)
        self.their_version = their_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.stored = stored
        who = changed_by or "een collega"
        when = f" om {changed_at.astimezone().strftime('%H:%M')}" if changed_at else ""
        lines = [f"{who} heeft {what}{when} gewijzigd terwijl u die bewerkte."]
        lines += [
            f"• {d.label}: nu ‘{d.theirs or '(leeg)'}’, u had ‘{d.mine or '(leeg)'}’"
            for d in self.differences
        ]
        lines.append(
            "Uw wijziging is niet opgeslagen"
            + ("; bekijk de gegevens opnieuw." if not labels else ".")
        )
        super().__init__("\n".join(lines))

    @property
    def differences(self) -> list[FieldDifference]:
        """The fields where the user's values and the stored ones differ, in label order."""
        keys = [k for k in self.labels if self.mine.get(k, "") != self.theirs.get(k, "")]
        return [
            FieldDifference(k, self.labels[k], self.mine.get(k, ""), self.theirs.get(k, ""))
            for k in keys
        ]


def show(value: Any) -> str:
    """A value as the conflict dialog shows it (dates as dd-mm-jjjj, lists joined)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value)
    return str(value)


def last_change(desk: Desk, table: str, record_id: int) -> tuple[str | None, dt.datetime | None]:
    """Who last changed ``table`` row ``record_id``, and when (from the audit trail)."""
    with desk.case_base.sessions() as session:
        row = session.execute(
            select(AuditEntry.user, AuditEntry.at)
            .where(
                AuditEntry.table_name == table,
                AuditEntry.record_id == str(record_id),
                AuditEntry.action != "read",
            )
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None, None
    at = row.at
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return row.user, at


def retrying(action: Callable[[], T], attempts: int = RETRIES) -> T:
    """Run ``action`` (one whole transaction) again when it lost a race on a version.

    For self-contained actions whose outcome does not depend on what the user saw
    (tick an action, answer a checklist item, mark a deadline): repeated on fresh data,
    both colleagues' changes stand.
    """
    for attempt in range(attempts):
        try:
            return action()
        except StaleDataError:
            if attempt == attempts - 1:
                raise ServiceError(
                    "Een collega wijzigt deze gegevens steeds tegelijk met u; probeer het zo "
                    "nog eens."
                ) from None
    raise AssertionError("unreachable")


@contextmanager
def stale_as_conflict(build: Callable[[], ConflictError]) -> Iterator[None]:
    """Turn a ``StaleDataError`` inside the block into the :class:`ConflictError` ``build`` makes.

    ``build`` runs after the failed transaction rolled back, so it reads what the colleague
    committed.
    """
    try:
        yield
    except StaleDataError:
        raise build() from None


def on_stale(what: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorate a service: losing a race on a version becomes a Dutch :class:`ConflictError`
    about ``what`` (``deze casus``), with nothing saved, instead of an unexpected error."""

    def decorate(service: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(service)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return service(*args, **kwargs)
            except StaleDataError:
                raise ConflictError(what, mine={}, theirs={}, labels={}, their_version=0) from None

        return guarded

    return decorate

"""Every text the desk saves fits its column and holds no control characters (issue 11).

A ``before_flush`` check on every ORM session (installed when the services are
imported) runs :func:`verzuimdesk.core.validation.record_problems` over each new
and changed row and raises :class:`ValidationError` keyed by field name, so the
dialogs show the Dutch message next to the field. It backs up the services' own
checks for every path that saves: the dialogs, the command line and an import. On
SQLite a 1 MB first name was stored; on PostgreSQL a 101-character name or a NUL
raised a raw ``DataError``; a lone surrogate crashed both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.core.validation import record_problems


def check_session(session: Session, _context: Any = None, _instances: Any = None) -> None:
    """Raise :class:`ValidationError` when a new or changed row holds a text it cannot keep."""
    problems: dict[str, str] = {}
    for record in (*session.new, *session.dirty):
        for key, message in record_problems(record).items():
            problems.setdefault(key, message)
    if problems:
        raise ValidationError(problems)


if not event.contains(Session, "before_flush", check_session):
    event.listen(Session, "before_flush", check_session)

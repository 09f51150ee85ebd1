"""Finding 3 of issue 11: no name or BSN in the log file or behind "Kopieer details".

Each failure path a user can run into on a save (a too long value on PostgreSQL, a
duplicate BSN, a case base that became read-only, an error with a quoted value) goes
through the desk's error reporting; the log file and the dialog's details are then
scanned for the pupil's name and BSN.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from verzuimdesk import paths
from verzuimdesk.core.models import Pupil
from verzuimdesk.core.scrub import scrub
from verzuimdesk.core.services import pupils
from verzuimdesk.gui import errors

NAME = "Zwaantje"
BSN = "123456782"
LONG_PARENT = ("Zwaantje" * 26)[:201]


@pytest.fixture
def log_file(qapp: Any) -> Iterator[Any]:
    """The desk's log handler on this test's own log file; error dialogs recorded."""
    handler = errors._ensure_log_handler()
    errors.set_quiet(True)
    errors.shown.clear()
    yield paths.log_path()
    errors.set_quiet(False)
    logging.getLogger().removeHandler(handler)
    handler.close()


def _provoke(action: Any) -> BaseException:
    """Run ``action``; report its error the way the desk's windows do."""
    with pytest.raises(Exception) as caught:
        action()
    errors.report(None, caught.value)
    return caught.value


def _assert_no_personal_data(log_file: Any) -> None:
    texts = [log_file.read_text(encoding="utf-8")]
    texts += [f"{message}\n{details}" for message, details in errors.shown]
    assert errors.shown, "the failure was not reported"
    for text in texts:
        assert NAME not in text and BSN not in text, text


def _raw_pupil(desk: Any, **values: Any) -> None:
    row = dict(first_name=NAME, last_name="Jansen", birth_date=dt.date(2012, 3, 1), bsn=BSN)
    row.update(values)
    with desk.case_base.engine.begin() as conn:
        conn.execute(Pupil.__table__.insert(), [row])


def test_a_too_long_parent_name_in_the_database_leaves_no_trace(desk: Any, log_file: Any) -> None:
    """A 201-character parent name refused by the database (PostgreSQL): no name in the log."""
    if desk.case_base.engine.dialect.name != "postgresql":
        pytest.skip("SQLite stores any length; the desk's own check is tested elsewhere")
    _provoke(lambda: _raw_pupil(desk, parent_name=LONG_PARENT))
    _assert_no_personal_data(log_file)


def test_a_duplicate_bsn_from_the_database_leaves_no_trace(desk: Any, log_file: Any) -> None:
    """PostgreSQL echoes the BSN of a unique violation (DETAIL: Key (bsn)=(…)); it is masked."""
    _raw_pupil(desk)
    _provoke(lambda: _raw_pupil(desk, first_name="Ander"))
    _assert_no_personal_data(log_file)


def test_a_save_to_a_case_base_that_became_read_only_leaves_no_trace(
    desk: Any, log_file: Any
) -> None:
    """The file turns read-only while the desk runs (a share remounted): the save fails."""
    engine = desk.case_base.engine
    if engine.dialect.name == "sqlite":
        engine.dispose()

        @event.listens_for(engine, "connect")
        def _read_only(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA query_only=ON")
    else:
        engine.dispose()

        @event.listens_for(engine, "connect")
        def _read_only_pg(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("SET default_transaction_read_only = on")
            dbapi_connection.commit()

    data = pupils.PupilData(
        first_name=NAME, last_name="Jansen", birth_date=dt.date(2012, 3, 1), bsn=BSN
    )
    _provoke(lambda: pupils.create_pupil(desk, data))
    _assert_no_personal_data(log_file)


def test_an_uncaught_error_quoting_a_value_leaves_no_trace(qapp: Any, log_file: Any) -> None:
    """An error text quoting the name (as drivers and libraries do) is masked too."""
    try:
        raise ValueError(f"ongeldige waarde '{NAME}' voor bsn {BSN}")
    except ValueError as exc:
        errors._excepthook(type(exc), exc, exc.__traceback__)
    _assert_no_personal_data(log_file)


def test_a_logged_exception_is_scrubbed_by_the_handler(log_file: Any) -> None:
    """Any module's ``log.exception`` goes through the same filter."""
    try:
        raise RuntimeError(f'Key (bsn)=({BSN}) already exists; naam "{NAME}"')
    except RuntimeError:
        logging.getLogger("verzuimdesk.test").exception("luisteraar faalde")
    errors.shown.append(("", ""))
    _assert_no_personal_data(log_file)


def test_scrub_keeps_the_program_text_of_a_traceback() -> None:
    """The frames and code lines stay readable for whoever fixes the bug."""
    text = (
        "Traceback (most recent call last):\n"
        '  File "/app/verzuimdesk/core/services/pupils.py", line 150, in create_pupil\n'
        "    session.flush()\n"
        "sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key\n"
        f"DETAIL:  Key (bsn)=({BSN}) already exists.\n"
        "[SQL: INSERT INTO pupil (first_name) VALUES (%(first_name)s)]\n"
        f"[parameters: {{'first_name': '{NAME}'}}]"
    )
    cleaned = scrub(text)
    assert 'pupils.py", line 150' in cleaned and "    session.flush()" in cleaned
    assert "INSERT INTO pupil" in cleaned
    assert BSN not in cleaned and NAME not in cleaned

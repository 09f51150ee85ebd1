"""No traceback ever reaches the user: a global excepthook and a short Dutch message.

Unexpected errors are written to the log file in the user data folder
(:func:`verzuimdesk.paths.log_path`) and shown as a short Dutch message with a
"Kopieer details" button. Errors a user can cause (:class:`ServiceError`) are
shown as they are, without details.

No personal data reaches the log or the details (issue 11): the details are
scrubbed (:func:`verzuimdesk.core.scrub.scrub`), the log handler scrubs every
record, and the log file is readable by its owner only (0600).
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk import paths
from verzuimdesk.core.case_base_file import create_private_file, make_private
from verzuimdesk.core.db import CaseBaseError
from verzuimdesk.core.scrub import ScrubFilter, scrub
from verzuimdesk.core.services.errors import ServiceError

log = logging.getLogger("verzuimdesk.gui")

#: What the user reads when something unexpected happened.
UNEXPECTED = (
    "Er ging iets mis dat VerzuimDesk niet had verwacht. Uw laatste actie is mogelijk niet "
    "opgeslagen. De details staan in het logbestand; kopieer ze als u een melding doet."
)


class ErrorDialog(QDialog):
    """A short Dutch message, with details to copy (hidden until asked for)."""

    def __init__(self, message: str, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Foutmelding")  # Qt adds " — VerzuimDesk"
        self.setObjectName("errorDialog")
        self.details = details
        layout = QVBoxLayout(self)
        label = QLabel(message)
        label.setWordWrap(True)
        label.setObjectName("errorMessage")
        layout.addWidget(label)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        self.text.setMinimumHeight(180)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        if details:
            self.show_button = QPushButton("Details tonen")
            self.show_button.clicked.connect(self._toggle)
            row.addWidget(self.show_button)
            self.copy_button = QPushButton("Kopieer details")
            self.copy_button.clicked.connect(self.copy_details)
            row.addWidget(self.copy_button)
        row.addStretch(1)
        buttons = QDialogButtonBox()
        buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.setMinimumWidth(460)

    def _toggle(self) -> None:
        visible = not self.text.isVisible()
        self.text.setVisible(visible)
        self.show_button.setText("Details verbergen" if visible else "Details tonen")

    def copy_details(self) -> None:
        """Put the details (log location and traceback) on the clipboard."""
        QApplication.clipboard().setText(self.details)


def format_details(exc_type: type[BaseException], exc: BaseException, tb: Any) -> str:
    """The text behind "Kopieer details": version, log file and traceback, scrubbed.

    Quoted values, values the database echoes and long digit runs (a BSN) in the
    exception messages are masked; the program lines of the traceback stay.
    """
    from verzuimdesk import __version__ as version

    lines = scrub("".join(traceback.format_exception(exc_type, exc, tb)))
    return (f"VerzuimDesk {version}\nLogbestand: {paths.log_path()}\n\n" + lines).strip()


#: Errors whose ``message`` is Dutch and meant for the user, shown without details.
USER_ERRORS: tuple[type[Exception], ...] = (ServiceError, CaseBaseError)


#: Set by tests: show nothing, only record what would have been shown.
shown: list[tuple[str, str]] = []
_quiet = False


def set_quiet(quiet: bool) -> None:
    """Tests: record messages in :data:`shown` instead of opening dialogs."""
    global _quiet
    _quiet = quiet


def show_error(parent: QWidget | None, message: str, details: str = "") -> None:
    """Show a Dutch message (and optional details to copy)."""
    shown.append((message, details))
    if _quiet or QApplication.instance() is None:
        return
    ErrorDialog(message, details, parent).exec()


def report(parent: QWidget | None, exc: BaseException) -> None:
    """Show a caught exception: a :class:`ServiceError` as it is, anything else as unexpected."""
    if isinstance(exc, USER_ERRORS):
        show_error(parent, str(getattr(exc, "message", exc)))
        return
    details = format_details(type(exc), exc, exc.__traceback__)
    log.error("Onverwachte fout:\n%s", details)
    show_error(parent, UNEXPECTED, details)


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, USER_ERRORS):
        show_error(QApplication.activeWindow(), str(getattr(exc, "message", exc)))
        return
    details = format_details(exc_type, exc, tb)
    log.error("Onverwachte fout:\n%s", details)
    try:
        show_error(QApplication.activeWindow(), UNEXPECTED, details)
    except Exception:
        log.exception("kon foutmelding niet tonen")


def install_excepthook() -> None:
    """Route every uncaught exception (also in Qt slots) to the log and a Dutch message."""
    _ensure_log_handler()
    sys.excepthook = _excepthook


def _ensure_log_handler() -> logging.Handler:
    """The log file's handler (made if needed): 0600, every record scrubbed."""
    root = logging.getLogger()
    log_file = paths.log_path()
    target = str(log_file)
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and handler.baseFilename == target:
            break
    else:
        create_private_file(log_file)
        handler = logging.FileHandler(target, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    make_private(log_file)
    if not any(isinstance(f, ScrubFilter) for f in handler.filters):
        handler.addFilter(ScrubFilter())
    return handler

"""Where "save as PDF / file" dialogs start: the user's Documents, then the last folder used.

Every save dialog of the desk asks through :func:`ask_save_path`; before it, a PDF dialog
opened in the folder the desk was started from (the source checkout, issue 14).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

#: The QSettings key of the folder the last file was saved in.
LAST_FOLDER_KEY = "files/last_save_folder"


def settings() -> QSettings:
    """The desk's QSettings (the same store as the case list's)."""
    return QSettings("VerzuimDesk", "VerzuimDesk")


def documents_folder() -> Path:
    """The user's Documents folder (``QStandardPaths``), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def start_folder() -> Path:
    """The folder a save dialog opens in: the last one used while it exists, else Documents."""
    last = settings().value(LAST_FOLDER_KEY, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember_folder(path: Path) -> None:
    """Remember the folder of a saved ``path`` for the next save dialog."""
    settings().setValue(LAST_FOLDER_KEY, str(path.parent))


def ask_save_path(
    parent: QWidget | None,
    title: str,
    suggested_name: str,
    file_filter: str,
    *,
    suffix: str = "",
) -> Path | None:
    """Ask where to save; None when cancelled.

    :param suggested_name: the file name offered (no folder).
    :param suffix: added when the user typed a name without it (``".pdf"``).
    """
    start = start_folder() / Path(suggested_name).name
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    remember_folder(path)
    return path

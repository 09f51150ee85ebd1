"""The desk behaves like a desktop app: its name once in the title, a desktop file (issue 14)."""

from __future__ import annotations

import configparser

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from verzuimdesk import paths
from verzuimdesk.gui import startup


def shown_title(title: str) -> str:
    """The title a Linux or Windows window manager shows: Qt's rule
    (``QPlatformWindow::formatWindowTitle``) appends the application display name unless
    the title already ends with it."""
    display = QGuiApplication.applicationDisplayName()
    if not display or title.endswith(display):
        return title
    return f"{title} — {display}" if title else display


def test_the_title_names_the_desk_once(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """ "VerzuimDesk — Den Haag — demo.sqlite — VerzuimDesk" was the name twice."""
    startup.ensure_application()
    title = shown_title(window.windowTitle())
    assert title.count("VerzuimDesk") == 1, title
    assert title == f"{desk.case_base.display_name} — {desk.region.name} — VerzuimDesk"


def test_the_task_bar_finds_the_desktop_file(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Names for the task bar, and a desktop entry in resources/ that matches them."""
    app = startup.ensure_application()
    assert QGuiApplication.desktopFileName() == "verzuimdesk"
    assert app.applicationName() == "VerzuimDesk"  # the QSettings file keeps its name
    assert QApplication.applicationDisplayName() == "VerzuimDesk"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    entry.read(paths.resources_dir() / "verzuimdesk.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == "VerzuimDesk"
    assert section["Exec"].split()[0] == "verzuimdesk"
    assert section["Icon"] == "verzuimdesk"
    assert (paths.resources_dir() / "icons" / "verzuimdesk.svg").exists()

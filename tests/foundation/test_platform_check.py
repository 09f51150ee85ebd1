"""Before Qt starts on Linux: a Dutch message for no screen or missing xcb libraries (issue 14)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from verzuimdesk.gui.platform_check import NO_DISPLAY, XCB_LIBRARIES, check

DEBIAN_12 = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nID=debian\n'
UBUNTU = "NAME=Ubuntu\nID=ubuntu\nID_LIKE=debian\n"
FEDORA = "NAME=Fedora Linux\nID=fedora\n"
TUMBLEWEED = 'NAME="openSUSE Tumbleweed"\nID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n'
X11 = {"DISPLAY": ":0"}


def _all_present(soname: str) -> bool:
    return True


def _without(*missing: str):  # type: ignore[no-untyped-def]
    return lambda soname: soname not in missing


def test_nothing_to_say_when_everything_is_there() -> None:
    assert check(X11, "linux", _all_present, DEBIAN_12) is None


def test_two_missing_libraries_on_debian_give_one_apt_get_line_naming_both() -> None:
    """Debian 12 lacked libxcb-icccm4 and libxcb-keysyms1; Qt named only xcb-cursor0."""
    message = check(X11, "linux", _without("libxcb-icccm.so.4", "libxcb-keysyms.so.1"), DEBIAN_12)
    assert message is not None
    assert "libxcb-icccm.so.4" in message and "libxcb-keysyms.so.1" in message
    assert "ontbreken" in message
    assert "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message.splitlines()
    assert "cursor" not in message


def test_the_command_follows_the_distribution() -> None:
    """ID_LIKE counts; a package that holds several libraries is named once."""
    missing = _without("libxcb-shape.so.0", "libxcb-randr.so.0", "libxcb-cursor.so.0")
    assert "sudo apt-get install libxcb-cursor0 libxcb-shape0 libxcb-randr0" in check(
        X11, "linux", missing, UBUNTU
    )  # type: ignore[operator]
    assert "sudo dnf install xcb-util-cursor libxcb\n" in check(X11, "linux", missing, FEDORA)  # type: ignore[operator]
    assert "sudo zypper install libxcb-cursor0" in check(X11, "linux", missing, TUMBLEWEED)  # type: ignore[operator]
    unknown = check(X11, "linux", missing, "ID=gentoo\n")
    assert unknown is not None
    assert "apt-get" in unknown and "dnf" in unknown and "pacman" in unknown


def test_no_display_says_so_in_dutch() -> None:
    assert check({}, "linux", _all_present, DEBIAN_12) == NO_DISPLAY
    assert "Geen beeldscherm gevonden" in NO_DISPLAY
    assert "QT_QPA_PLATFORM=offscreen" in NO_DISPLAY


def test_no_check_where_it_does_not_apply() -> None:
    """Offscreen/minimal (tests), Windows and macOS, and Wayland (no xcb) are not checked."""
    nothing = _without(*(library.soname for library in XCB_LIBRARIES))
    assert check({"QT_QPA_PLATFORM": "offscreen"}, "linux", nothing, DEBIAN_12) is None
    assert check({"QT_QPA_PLATFORM": "minimal"}, "linux", nothing, DEBIAN_12) is None
    assert check({}, "win32", nothing, "") is None
    assert check({}, "darwin", nothing, "") is None
    assert check({"WAYLAND_DISPLAY": "wayland-0"}, "linux", nothing, DEBIAN_12) is None
    forced = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}
    assert check(forced, "linux", nothing, DEBIAN_12) is not None


def test_the_desk_without_a_display_exits_2_with_the_message(tmp_path: Path) -> None:
    """It aborted (exit status 134) with Qt's English message."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["VERZUIMDESK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "verzuimdesk", "--demo", "--smoke"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Geen beeldscherm gevonden" in result.stderr
    assert "Traceback" not in result.stderr

"""Before Qt starts on Linux: is there a screen, and are the libraries Qt's xcb platform needs?

Without them Qt prints an English line naming only one library ("xcb-cursor0 … is needed"
while ``libxcb-icccm4`` and ``libxcb-keysyms1`` were missing on Debian 12) or aborts with
exit status 134 when there is no display. The desk says in Dutch what is missing and which
command installs it, and stops with status 2 (issue 14).

Pure Python and no Qt: it runs before the QApplication exists. The logic takes its
lookups as arguments so tests can stand in for the system.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

#: Platforms that need no screen and no xcb libraries (tests, the benchmark).
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"})


@dataclass(frozen=True)
class XcbLibrary:
    """One shared library of Qt 6's xcb platform and its package per distribution family."""

    soname: str
    debian: str
    fedora: str
    arch: str
    opensuse: str

    def package(self, family: str) -> str:
        """The package that provides it in ``family`` (``debian``, ``fedora``, …)."""
        return str(getattr(self, family, self.debian))


#: What Qt 6's xcb platform plugin loads beyond libxcb itself (Qt's own list, "Qt for X11
#: Requirements"), with the package names of the common distributions.
XCB_LIBRARIES: tuple[XcbLibrary, ...] = (
    XcbLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor",
               "libxcb-cursor0"),
    XcbLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm", "xcb-util-wm",
               "libxcb-icccm4"),
    XcbLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms",
               "libxcb-keysyms1"),
    XcbLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image", "xcb-util-image",
               "libxcb-image0"),
    XcbLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil",
               "xcb-util-renderutil", "libxcb-render-util0"),
    XcbLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb", "libxcb", "libxcb-xkb1"),
    XcbLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11",
               "libxkbcommon-x11", "libxkbcommon-x11-0"),
    XcbLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb", "libxcb", "libxcb-shape0"),
    XcbLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb", "libxcb", "libxcb-randr0"),
    XcbLibrary("libxcb-xinerama.so.0", "libxcb-xinerama0", "libxcb", "libxcb",
               "libxcb-xinerama0"),
)  # fmt: skip

#: The install command per distribution family.
INSTALL_COMMANDS = {
    "debian": "sudo apt-get install",
    "fedora": "sudo dnf install",
    "arch": "sudo pacman -S --needed",
    "opensuse": "sudo zypper install",
}

_FAMILY_OF_ID = {
    "debian": "debian",
    "ubuntu": "debian",
    "linuxmint": "debian",
    "pop": "debian",
    "fedora": "fedora",
    "rhel": "fedora",
    "centos": "fedora",
    "rocky": "fedora",
    "almalinux": "fedora",
    "arch": "arch",
    "manjaro": "arch",
    "endeavouros": "arch",
    "opensuse": "opensuse",
    "suse": "opensuse",
    "sles": "opensuse",
}

NO_DISPLAY = (
    "Geen beeldscherm gevonden: DISPLAY en WAYLAND_DISPLAY zijn niet gezet.\n"
    "Start de desk in een grafische sessie (of via ssh -X), of gebruik "
    "QT_QPA_PLATFORM=offscreen voor tests."
)


def distribution_family(os_release: str) -> str | None:
    """``debian``, ``fedora``, ``arch`` or ``opensuse`` from ``/etc/os-release`` text."""
    values: dict[str, str] = {}
    for line in os_release.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip("\"'")
    candidates = [values.get("ID", ""), *values.get("ID_LIKE", "").split()]
    for candidate in candidates:
        name = candidate.lower()
        family = _FAMILY_OF_ID.get(name) or (
            "opensuse" if name.startswith(("opensuse", "suse")) else None
        )
        if family:
            return family
    return None


def missing_libraries(load: Callable[[str], bool]) -> list[XcbLibrary]:
    """The libraries of :data:`XCB_LIBRARIES` that ``load`` cannot load."""
    return [library for library in XCB_LIBRARIES if not load(library.soname)]


def missing_message(missing: list[XcbLibrary], family: str | None) -> str:
    """The Dutch message naming the missing libraries and the command that installs them."""
    names = ", ".join(library.soname for library in missing)
    lines = [
        "VerzuimDesk kan geen venster openen: deze systeembibliotheken voor Qt (xcb) "
        f"ontbreken: {names}.",
    ]
    if family in INSTALL_COMMANDS:
        packages = list(dict.fromkeys(library.package(family) for library in missing))
        lines.append("Installeer ze met:")
        lines.append(f"    {INSTALL_COMMANDS[family]} {' '.join(packages)}")
    else:
        lines.append("Installeer ze met de pakketbeheerder van uw Linux-distributie, bijvoorbeeld:")
        for known, command in INSTALL_COMMANDS.items():
            packages = list(dict.fromkeys(library.package(known) for library in missing))
            lines.append(f"    {command} {' '.join(packages)}")
    lines.append("De README noemt de pakketten per distributie (‘Linux: systeempakketten’).")
    return "\n".join(lines)


def check(
    env: Mapping[str, str],
    system: str,
    load: Callable[[str], bool],
    os_release: str,
) -> str | None:
    """What stops Qt from opening a window, in Dutch; None when nothing does (or no check).

    :param env: the environment (``QT_QPA_PLATFORM``, ``DISPLAY``, ``WAYLAND_DISPLAY``).
    :param system: ``sys.platform``; only Linux (and other X11 systems) is checked.
    :param load: tries to load a shared library by soname.
    :param os_release: the text of ``/etc/os-release`` ("" when absent).
    """
    if not system.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # Windows and macOS have their own platform plugin
    requested = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    requested = [p for p in requested if p]
    if requested and requested[0] in HEADLESS_PLATFORMS:
        return None
    display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if not display and not wayland:
        return NO_DISPLAY
    uses_xcb = requested[0] == "xcb" if requested else not wayland
    if not uses_xcb:
        return None
    missing = missing_libraries(load)
    if not missing:
        return None
    return missing_message(missing, distribution_family(os_release))


def can_load(soname: str) -> bool:
    """True when the dynamic linker loads ``soname``."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _os_release() -> str:
    for path in (Path("/etc/os-release"), Path("/usr/lib/os-release")):
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            continue
    return ""


def ensure_platform(env: Mapping[str, str]) -> int | None:
    """Check this system before Qt starts: None to go on, else the exit status (2).

    The problem is printed to stderr in Dutch.
    """
    problem = check(env, sys.platform, can_load, _os_release())
    if problem is None:
        return None
    print(problem, file=sys.stderr)
    return 2

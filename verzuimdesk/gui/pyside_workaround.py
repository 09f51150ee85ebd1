"""A guard against a PySide6 6.12 bug on CPython 3.11 (no Qt import here).

PySide6 6.12 returns ``None`` (and ``True``/``False``) from void and bool methods without
taking a new reference, so every call lowers the singleton's reference count; after a few
thousand calls (a handful of paint events) CPython aborts with "deallocating None".
CPython 3.12+ makes these singletons immortal, which hides the bug; on 3.11 we give them a
reference count far out of the leak's reach. Call :func:`make_none_immortal` once, before
any widget is built: the desk's start-up, the scripts and the test suite all do.
"""

from __future__ import annotations

import ctypes
import sys

#: Added to each singleton's reference count (unreachable by the leak in any session).
IMMORTAL_BOOST = 1 << 40


def make_none_immortal() -> None:
    """Raise ``None``'s, ``True``'s and ``False``'s reference counts (CPython < 3.12 only)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < IMMORTAL_BOOST // 2:
            ctypes.c_ssize_t.from_address(id(singleton)).value += IMMORTAL_BOOST

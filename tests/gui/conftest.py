"""Shared set-up for the widget tests: headless Qt and a guard against a PySide6 bug.

PySide6 6.12 on CPython 3.11 returns ``None`` from every void method (``setPen``,
``drawLine``, ``setText``, ...) without taking a new reference, so each call lowers
``None``'s reference count; after a few thousand calls (a handful of paint events)
CPython aborts with "none_dealloc: deallocating None". CPython 3.12+ makes ``None``
immortal, which hides the bug; here we give ``None`` a huge reference count to the
same effect. The application's start-up should do the same (see the report to the lead).
"""

from __future__ import annotations

import ctypes
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _make_none_immortal() -> None:
    """Raise ``None``'s reference count far out of reach of the PySide6 leak (< 3.12)."""
    if sys.version_info >= (3, 12):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    assert sys.getrefcount(None) > 1 << 39, "None's reference count is not where expected"


if sys.getrefcount(None) < 1 << 39:
    _make_none_immortal()

"""Widget tests: headless Qt (the PySide6 guard is applied by the root conftest)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

"""The layering rules of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pytestqt")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    """The domain stays pure Python: no module under verzuimdesk/core imports Qt."""
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "verzuimdesk" / "core").rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_plugin_api_never_imports_qt() -> None:
    """Plugins and the plugin API load without Qt (the CLI and headless tools use them)."""
    files = sorted((ROOT / "verzuimdesk" / "plugins").rglob("*.py"))
    files += sorted((ROOT / "plugins").rglob("src/**/*.py"))
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_plugins_use_only_the_public_api() -> None:
    """A regional plugin imports verzuimdesk.plugins.api and nothing else of ours."""
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "plugins").rglob("src/**/*.py"))
        for name in _imports(path)
        if name.startswith("verzuimdesk")
        and name != "verzuimdesk.plugins.api"
        and not name.startswith("verzuimdesk_")
    ]
    assert offenders == []


def test_widgets_build_no_sql() -> None:
    """GUI code talks to services: it never imports SQLAlchemy or the models directly."""
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "verzuimdesk" / "gui").rglob("*.py"))
        for name in _imports(path)
        if name.startswith("sqlalchemy")
    ]
    assert offenders == []

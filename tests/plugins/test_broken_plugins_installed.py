"""Broken regional plugins really installed next to good ones: the desk still starts.

Each broken plugin is a genuine distribution on ``sys.path`` (a ``*.dist-info`` with an
entry point in the group ``verzuimdesk``), found by the same discovery as a region's own
plugin: one that fails to import, one that raises in a hook, one whose ladder names an
unknown role, one written for another API version.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BROKEN = {
    "kapot_import": "raise ImportError('verzuimdesk_kapot_import heeft geen data')\n",
    "kapot_hook": textwrap.dedent(
        """
        from verzuimdesk.plugins.api import hookimpl

        @hookimpl
        def register_region():
            raise RuntimeError("database van de regio onbereikbaar")
        """
    ),
    "kapot_rol": textwrap.dedent(
        """
        from verzuimdesk.plugins.api import (
            API_VERSION, Ladder, PhaseBand, Region, Role, Stage, hookimpl,
        )

        R = "kapot_rol"

        @hookimpl
        def register_region():
            return [Region(id=R, name="Kapotstad", api_version=API_VERSION)]

        @hookimpl
        def register_roles():
            return [Role(id="lpa", region_id=R, name="Leerplichtambtenaar")]

        @hookimpl
        def register_timeline_bands():
            return [PhaseBand(id="verzuim", region_id=R, name="Verzuim", from_week=1, to_week=None)]

        @hookimpl
        def register_ladder():
            stage = Stage(id="s1", number="1", name="Gesprek", band="verzuim", in_regie="copa")
            return [Ladder(region_id=R, stages=(stage,), start_stage="s1")]
        """
    ),
    "kapot_versie": textwrap.dedent(
        """
        from verzuimdesk.plugins.api import Region, hookimpl

        @hookimpl
        def register_region():
            return [Region(id="kapot_versie", name="Toekomststad", api_version="9.0")]
        """
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the four broken distributions installed in it."""
    root = tmp_path_factory.mktemp("site")
    for name, code in BROKEN.items():
        package = root / f"verzuimdesk_{name}"
        package.mkdir()
        (package / "__init__.py").write_text("")
        (package / "plugin.py").write_text(code)
        info = root / f"verzuimdesk_{name}-0.1.0.dist-info"
        info.mkdir()
        dist = f"verzuimdesk-{name.replace('_', '-')}"
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n")
        (info / "entry_points.txt").write_text(
            f"[verzuimdesk]\n{name} = verzuimdesk_{name}.plugin\n"
        )
    return root


def _run(site: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "QT_QPA_PLATFORM": "offscreen",
        "VERZUIMDESK_DATA_DIR": str(tmp_path),
    }
    env.pop("VERZUIMDESK_STRICT_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-m", "verzuimdesk", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_the_desk_starts_with_broken_plugins_installed(site: Path, tmp_path: Path) -> None:
    """Four broken plugins next to the good ones: the demo desk opens all the same."""
    result = _run(site, tmp_path, "--demo", "--region", "den_haag", "--smoke")
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout
    assert "Traceback" not in result.stderr


def test_each_failure_is_listed_with_its_reason(site: Path, tmp_path: Path) -> None:
    """`verzuimdesk plugins` names every broken plugin and why; the good regions load."""
    result = _run(site, tmp_path, "plugins", "--json")
    assert result.returncode == 1  # something failed: say so to scripts
    rows = {row["regio"]: row for row in map(json.loads, result.stdout.splitlines())}
    for good in ("den_haag", "amsterdam", "kennemerland"):
        assert rows[good]["status"] == "geladen"
    assert {rows[name]["status"] for name in BROKEN} == {"mislukt"}
    reasons = {name: rows[name]["reden"] for name in BROKEN}
    assert "geïmporteerd" in reasons["kapot_import"]
    assert "onbereikbaar" in reasons["kapot_hook"]
    assert "copa" in reasons["kapot_rol"]
    assert "9.0" in reasons["kapot_versie"]


def test_plugins_dialog_shows_each_failure_with_a_traceback_to_copy(
    site: Path, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Plug-ins dialog: failed ones in red with their reason; details copy the traceback."""
    from PySide6.QtWidgets import QApplication

    from verzuimdesk.core import db
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.about import PluginsDialog
    from verzuimdesk.plugins.manager import create_plugin_manager

    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("VERZUIMDESK_STRICT_PLUGINS", raising=False)
    registry = create_plugin_manager()
    case_base = db.create_case_base(db.sqlite_url(tmp_path / "c.sqlite"), "den_haag")
    dialog = PluginsDialog(Desk(case_base, registry, user="t"))
    qtbot.addWidget(dialog)
    statuses = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 3).text()
        for r in range(dialog.table.rowCount())
    }
    assert statuses["Den Haag, Leidschendam-Voorburg en Rijswijk"] == "geladen"
    assert "onbereikbaar" in statuses["kapot_hook"]
    assert "Traceback" in dialog.details.toPlainText()  # the first failure is selected
    dialog.copy_details()
    assert "Traceback" in QApplication.clipboard().text()
    case_base.close()

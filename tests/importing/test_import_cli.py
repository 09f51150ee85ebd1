"""``verzuimdesk import FILE --database URL --mapping NAME [--school BRIN]`` (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importing.support import SAMPLES, mapping_for
from verzuimdesk.cli import main
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.importing import run_import
from verzuimdesk.core.importing.store import save_mapping
from verzuimdesk.plugins.manager import create_plugin_manager


@pytest.fixture
def case_base_file(tmp_path: Path) -> Path:
    """A Den Haag case base with the sample schools and Magister pupils and a saved mapping."""
    path = tmp_path / "casus.sqlite"
    case_base = create_case_base(sqlite_url(path), "den_haag")
    desk = Desk(case_base, create_plugin_manager(), user="tester")
    run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
    pupils = mapping_for("magister_leerlingen.csv", "pupils", desk, "12AB00")
    run_import(desk, SAMPLES / "magister_leerlingen.csv", pupils)
    mapping = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    mapping.kinds = {"stage": "negeren"}
    mapping.school_id = None  # the command line names the school
    save_mapping(desk, "Magister Lyceum", mapping)
    case_base.close()
    return path


def test_import_reports_and_exits_1_when_rows_are_refused(
    case_base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report of the wizard on stdout; refused rows with their line; exit 1."""
    code = main(
        [
            "import",
            str(SAMPLES / "magister_absenties.csv"),
            "--database",
            str(case_base_file),
            "--mapping",
            "Magister Lyceum",
            "--school",
            "12AB00",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    # The command runs on the real date: the row of 21-11-2025 is in the past there.
    assert "Geïmporteerd (nieuw): 18" in out
    assert "regel 19: datum: '31-02-2024' is geen bestaande datum" in out
    assert "leerlingnummer 99999: Onbekend Kind" in out
    again = main(
        [
            "import",
            str(SAMPLES / "magister_absenties.csv"),
            "--database",
            str(case_base_file),
            "--mapping",
            "Magister Lyceum",
            "--school",
            "12AB00",
        ]
    )
    assert again == 1 and "Overgeslagen, al aanwezig: 18" in capsys.readouterr().out


def test_exit_0_when_nothing_is_refused(
    case_base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose every row is accepted (the later export) exits 0."""
    code = main(
        [
            "import",
            str(SAMPLES / "magister_absenties_later.csv"),
            "--database",
            str(case_base_file),
            "--mapping",
            "Magister Lyceum",
            "--school",
            "12AB00",
        ]
    )
    assert code == 0, capsys.readouterr()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mapping", "Somtoday"], "Er is geen mapping 'Somtoday' (Magister Lyceum)"),
        (["--mapping", "Magister Lyceum", "--school", "00XX00"], "geen school met BRIN"),
        (["--mapping", "Magister Lyceum"], "Kies de school"),
    ],
)
def test_unusable_input_exits_2_in_dutch(
    case_base_file: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """A wrong mapping name lists the saved ones; an unknown BRIN or a missing school is named."""
    code = main(
        [
            "import",
            str(SAMPLES / "magister_absenties.csv"),
            "--database",
            str(case_base_file),
            *args,
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_empty_file_exits_2(case_base_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty file is named as empty."""
    code = main(
        [
            "import",
            str(SAMPLES / "leeg.csv"),
            "--database",
            str(case_base_file),
            "--mapping",
            "Magister Lyceum",
            "--school",
            "12AB00",
        ]
    )
    assert code == 2 and "is leeg" in capsys.readouterr().err

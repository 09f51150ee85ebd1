"""``verzuimdesk signals`` (rules.md §8) through a subprocess, including every error path."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
D = dt.date

# An explicit calendar: Herfstvakantie 20–24 Oct 2025, Kerstvakantie 22 Dec – 2 Jan.
CALENDAR = "start,eind,naam\n2025-10-20,2025-10-24,Herfstvakantie\n2025-12-22,2026-01-02,Kerst\n"


def run_cli(*args: str, module: str = "verzuimdesk.commands.signals", cwd: Path | None = None):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
    )


def lines(stdout: str) -> list[dict]:
    return [json.loads(x) for x in stdout.splitlines()]


def weekdays(start: dt.date, end: dt.date, skip: tuple[tuple[dt.date, dt.date], ...] = ()):
    d = start
    while d <= end:
        if d.weekday() < 5 and not any(a <= d <= b for a, b in skip):
            yield d
        d += dt.timedelta(days=1)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    # Pupil "b": fully absent from Wed 3 Dec 2025 to Fri 16 Jan 2026 (the LRV example of
    # tests/rules/test_signals.py: 16-hour reports 5, 12, 19 Dec and 7 Jan; LRV and B2a on
    # Tue 13 Jan 2026, start 8 Jan; present from Mon 19 Jan).
    # Pupil "a": luxe Thu 16 + Fri 17 Oct and Mon 27 Oct (one run across the vacation;
    # reported as luxe only, never towards the 16 hours),
    # sick Wed 10 – Thu 18 Sep (sick-7-days on 18 Sep), te_laat on 1 Sep (ignored).
    kerst = ((D(2025, 12, 22), D(2026, 1, 2)),)
    rows = ["leerling,datum,uren,soort"]
    rows += [
        f"b,{d.isoformat()},6,ongeoorloofd" for d in weekdays(D(2025, 12, 3), D(2026, 1, 16), kerst)
    ]
    rows += [f"a,{d},6,luxe" for d in ("2025-10-16", "2025-10-17", "2025-10-27")]
    rows += [f"a,{d.isoformat()},6,ziek" for d in weekdays(D(2025, 9, 10), D(2025, 9, 18))]
    rows += ["a,2025-09-01,,te_laat"]
    csv_path = tmp_path / "verzuim.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cal_path = tmp_path / "vrij.csv"
    cal_path.write_text(CALENDAR, encoding="utf-8")
    return {"csv": csv_path, "cal": cal_path, "dir": tmp_path}


EXPECTED = [
    {"leerling": "a", "code": "sick-7-days", "datum": "2025-09-18", "start": "2025-09-10"},
    {
        "leerling": "a",
        "code": "duo-luxe",
        "datum": "2025-10-16",
        "start": "2025-10-16",
        "eind": "2025-10-27",
    },
    {
        "leerling": "b",
        "code": "duo-16h",
        "datum": "2025-12-05",
        "start": "2025-12-03",
        "eind": "2025-12-05",
        "uren": 18,
    },
    {
        "leerling": "b",
        "code": "duo-16h",
        "datum": "2025-12-12",
        "start": "2025-12-08",
        "eind": "2025-12-12",
        "uren": 30,
    },
    {
        "leerling": "b",
        "code": "duo-16h",
        "datum": "2025-12-19",
        "start": "2025-12-15",
        "eind": "2025-12-19",
        "uren": 30,
    },
    {
        "leerling": "b",
        "code": "duo-16h",
        "datum": "2026-01-07",
        "start": "2026-01-05",
        "eind": "2026-01-07",
        "uren": 18,
    },
    {"leerling": "b", "code": "duo-lrv", "datum": "2026-01-13", "start": "2026-01-08"},
    {"leerling": "b", "code": "thuiszitter-b2a", "datum": "2026-01-13", "start": "2025-12-03"},
]


def test_output_per_rules_md_8(files: dict[str, Path]) -> None:
    # Default --until is the latest date in the file, Fri 16 Jan 2026: the LRV is open.
    res = run_cli(str(files["csv"]), "--calendar", str(files["cal"]))
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    assert lines(res.stdout) == EXPECTED
    # keys in the contract's order
    assert res.stdout.splitlines()[2].startswith('{"leerling": "b", "code": "duo-16h", "datum"')


def test_until_closes_the_lrv_and_sector_options(files: dict[str, Path]) -> None:
    res = run_cli(
        str(files["csv"]),
        "--calendar",
        str(files["cal"]),
        "--until",
        "2026-01-23",
        "--sector",
        "vo",
    )
    assert res.returncode == 0, res.stderr
    lrv = [x for x in lines(res.stdout) if x["code"] == "duo-lrv"]
    assert lrv == [
        {
            "leerling": "b",
            "code": "duo-lrv",
            "datum": "2026-01-13",
            "start": "2026-01-08",
            "eind": "2026-01-16",
        }
    ]
    # Evaluated on 17 Sep nothing after it counts: no luxe, no LRV, sick run only 6 days.
    res = run_cli(str(files["csv"]), "--calendar", str(files["cal"]), "--until", "2025-09-17")
    assert res.returncode == 0 and res.stdout == ""
    # PO: sick-po codes instead of the VO codes; 7 h day length means 6 h is not full.
    res = run_cli(
        str(files["csv"]), "--calendar", str(files["cal"]), "--sector", "PO", "--day-hours", "7"
    )
    codes = {x["code"] for x in lines(res.stdout)}
    assert "sick-7-days" not in codes and "duo-lrv" not in codes and "duo-16h" in codes


def test_semicolons_decimal_commas_and_bom(files: dict[str, Path]) -> None:
    text = files["csv"].read_text(encoding="utf-8").replace(",", ";")
    text = text.replace(";6;", ";6,0;")
    path = files["dir"] / "puntkomma.csv"
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    cal = files["dir"] / "vrij-puntkomma.csv"
    cal.write_text(CALENDAR.replace(",", ";"), encoding="utf-8")
    res = run_cli(str(path), "--calendar", str(cal))
    assert res.returncode == 0, res.stderr
    assert lines(res.stdout) == EXPECTED


def test_built_in_vacation_regions(tmp_path: Path) -> None:
    # 4 h on Mondays 26 Jan, 2 Feb, 9 Feb and 23 Feb 2026. Midden: the week of 16 Feb is
    # voorjaarsvakantie, so the four Mondays are consecutive lesweken: 16 h on 23 Feb.
    # Noord: 23 Feb is in its voorjaarsvakantie (21 Feb – 1 Mar) and ignored: nothing.
    path = tmp_path / "v.csv"
    rows = [
        f"x,{d},4,ongeoorloofd" for d in ("2026-01-26", "2026-02-02", "2026-02-09", "2026-02-23")
    ]
    path.write_text("leerling,datum,uren,soort\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = run_cli(str(path))
    assert res.returncode == 0, res.stderr
    assert lines(res.stdout) == [
        {
            "leerling": "x",
            "code": "duo-16h",
            "datum": "2026-02-23",
            "start": "2026-01-26",
            "eind": "2026-02-23",
            "uren": 16,
        }
    ]
    res = run_cli(str(path), "--vacation-region", "noord", "--until", "2026-03-06")
    # issue 13: the row on a vacation day is not counted, and the user is told so (exit 1)
    assert res.returncode == 1 and res.stdout == ""
    assert res.stderr.splitlines() == [
        "regel 5: 2026-02-23 is geen schooldag (Voorjaarsvakantie); deze regel telt niet mee"
    ]


def test_the_verzuimdesk_command(files: dict[str, Path]) -> None:
    res = run_cli(
        "signals", str(files["csv"]), "--calendar", str(files["cal"]), module="verzuimdesk"
    )
    assert res.returncode == 0, res.stderr
    assert lines(res.stdout) == EXPECTED


def test_malformed_rows_are_reported_and_the_rest_evaluated(tmp_path: Path) -> None:
    path = tmp_path / "fout.csv"
    path.write_text(
        "leerling,datum,uren,soort\n"
        "p,2025-09-01,6,ongeoorloofd\n"
        "p,2025-09-02,6,ongeoorloofd\n"
        "p,32-09-2025,6,ongeoorloofd\n"  # line 4: no date (Dutch dates are read, issue 13)
        "p,2025-09-03,zes,ongeoorloofd\n"  # line 5
        "p,2025-09-03,6,spijbelen\n"  # line 6
        ",2025-09-03,6,ziek\n"  # line 7
        "p,2025-09-03,6\n"  # line 8
        "p,2025-09-03,-1,ziek\n"  # line 9
        "p,2025-09-03,25,ziek\n"  # line 10
        "p,2025-09-03,,ziek\n"  # line 11
        "\n"
        "p,2025-09-03,6,ongeoorloofd\n",  # line 13
        encoding="utf-8",
    )
    res = run_cli(str(path), "--calendar", str(tmp_path / "none.csv"))
    assert res.returncode == 2  # (the calendar is missing: checked before the rows)
    res = run_cli(str(path))
    assert res.returncode == 1
    err = res.stderr.splitlines()
    assert [e.split(":")[0] for e in err] == [f"regel {n}" for n in (4, 5, 6, 7, 8, 9, 10, 11)]
    assert "ongeldige datum" in err[0]
    assert "ongeldig aantal uren" in err[1]
    assert "onbekende soort" in err[2]
    assert "leerling ontbreekt" in err[3]
    assert "kolommen" in err[4]
    assert "negatief" in err[5]
    assert "meer dan 24 uur" in err[6]
    assert "uren ontbreken" in err[7]
    assert "Traceback" not in res.stderr
    # 1, 2, 3 Sep 2025 (midden: schooldagen) = 18 h -> one report on 3 Sep.
    assert [(x["code"], x["datum"]) for x in lines(res.stdout)] == [("duo-16h", "2025-09-03")]


def _assert_one_line_exit_2(res: subprocess.CompletedProcess, fragment: str) -> None:
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert res.stdout == ""
    err = res.stderr.strip().splitlines()
    assert len(err) == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert fragment in err[0], err[0]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["bestaat-niet.csv"], "niet gevonden"),
        ([], "ontbreken"),
        (["{csv}", "--sector", "HBO"], "onbekende sector"),
        (["{csv}", "--until", "morgen"], "geen datum"),
        (["{csv}", "--until", "2025-02-30"], "geen datum"),
        (["{csv}", "--day-hours", "veel"], "geen aantal uren"),
        (["{csv}", "--day-hours", "0"], "lesuren per dag"),
        (["{csv}", "--vacation-region", "oost"], "onbekende vakantieregio"),
        (["{csv}", "--onbekend"], "onbekende argumenten"),
        (["{csv}", "--calendar", "geen-kalender.csv"], "kalenderbestand niet gevonden"),
        (["{csv}", "--calendar", "{badcal}"], "kalenderbestand regel 2"),
        (["{csv}", "--region", "atlantis"], "atlantis"),
        (["{header}"], "kopregel"),
        (["{empty}"], "leeg"),
        (["{dir}"], "map"),
    ],
)
def test_unusable_input_exits_2_with_one_dutch_line(
    files: dict[str, Path], args: list[str], fragment: str
) -> None:
    tmp = files["dir"]
    (tmp / "badcal.csv").write_text("start,eind,naam\n2025-10-24,2025-10-20,x\n", encoding="utf-8")
    (tmp / "header.csv").write_text(
        "pupil,date,hours,kind\np,2025-09-01,6,ziek\n", encoding="utf-8"
    )
    (tmp / "empty.csv").write_text("", encoding="utf-8")
    (tmp / "latin1.csv").write_bytes(
        "leerling,datum,uren,soort\nJosé,2025-09-01,6,ziek\n".encode("latin-1")
    )
    subs = {
        "{csv}": str(files["csv"]),
        "{badcal}": str(tmp / "badcal.csv"),
        "{header}": str(tmp / "header.csv"),
        "{empty}": str(tmp / "empty.csv"),
        "{latin1}": str(tmp / "latin1.csv"),
        "{dir}": str(tmp),
    }
    res = run_cli(*[subs.get(a, a) for a in args], cwd=tmp)
    _assert_one_line_exit_2(res, fragment)


def test_help_is_dutch() -> None:
    res = run_cli("--help")
    assert res.returncode == 0
    assert "gebruik:" in res.stdout and "vakantieregio" in res.stdout


# --------------------------------------------------------------------------- --region


def test_region_signals_are_added_in_process(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    try:
        import verzuimdesk.plugins.manager as manager
    except ImportError as exc:  # pragma: no cover - the manager is part of the package
        pytest.skip(f"de pluginbeheerder ontbreekt nog: {exc}")
    from verzuimdesk.commands import signals as cmd
    from verzuimdesk.core.rules.regional_building_blocks import verzuimgesprek_signals
    from verzuimdesk.plugins.api import RegionalSignal

    class FakeRegistry:
        def has_region(self, region_id: str) -> bool:
            return region_id == "proef"

        def regional_signals(self, region_id: str) -> list[RegionalSignal]:
            return [
                RegionalSignal("verzuimgesprek", "proef", "Verzuimgesprek", verzuimgesprek_signals)
            ]

    monkeypatch.setattr(manager, "create_plugin_manager", lambda *a, **k: FakeRegistry())
    code = cmd.main([str(files["csv"]), "--calendar", str(files["cal"]), "--region", "proef"])
    out = capsys.readouterr().out
    assert code == 0
    got = lines(out)
    # Pupil "b": 6 h on Wed 3 Dec reaches 6 counted hours; after each 16-hour report a new
    # counting period starts on the next absent day (8 Dec, 15 Dec, 5 Jan, 8 Jan); from
    # the LRV due date 13 Jan nothing is counted. Pupil "a" has luxe only: no talk.
    talks = [(x["leerling"], x["datum"]) for x in got if x["code"] == "verzuimgesprek"]
    assert talks == [
        ("b", "2025-12-03"),
        ("b", "2025-12-08"),
        ("b", "2025-12-15"),
        ("b", "2026-01-05"),
        ("b", "2026-01-08"),
    ]
    assert [x for x in got if x["code"] != "verzuimgesprek"] == EXPECTED
    code = cmd.main([str(files["csv"]), "--region", "elders"])
    assert code == 2
    assert "elders" in capsys.readouterr().err


def test_installed_region_via_subprocess(files: dict[str, Path]) -> None:
    try:
        from verzuimdesk.plugins.manager import create_plugin_manager
    except ImportError as exc:  # pragma: no cover
        pytest.skip(f"de pluginbeheerder ontbreekt nog: {exc}")
    registry = create_plugin_manager()
    regions = [r for r in ("amsterdam", "kennemerland") if registry.has_region(r)]
    if not regions:
        pytest.skip("geen regio-plugin met eigen signalen geïnstalleerd")
    res = run_cli(str(files["csv"]), "--calendar", str(files["cal"]), "--region", regions[0])
    assert res.returncode == 0, res.stderr
    got = lines(res.stdout)
    assert [x for x in got if x["code"] in {e["code"] for e in EXPECTED}] == EXPECTED
    assert len(got) > len(EXPECTED)  # the region added its own signals


def test_two_rows_for_one_pupil_day_and_kind_are_an_error_not_a_sum(tmp_path: Path) -> None:
    """Issue 9, defect 3: a doubled row was summed (4 + 4 h made a 16-hour report)."""
    path = tmp_path / "dubbel.csv"
    path.write_text(
        "leerling,datum,uren,soort\n"
        "p,2025-09-01,4,ongeoorloofd\n"  # line 2
        "p,2025-09-02,6,ongeoorloofd\n"  # line 3
        "p,2025-09-01,4,Ongeoorloofd\n"  # line 4: the same pupil, day and kind as line 2
        "p,2025-09-01,2,ziek\n"  # line 5: another kind on that day is fine
        "q,2025-09-01,4,ongeoorloofd\n"  # line 6: another pupil is fine
        "p,2025-09-03,4,ongeoorloofd\n",  # line 7
        encoding="utf-8",
    )
    res = run_cli(str(path))
    assert res.returncode == 1
    assert res.stderr.splitlines() == [
        "regel 4: leerling ‘p’ heeft op 2025-09-01 al ‘ongeoorloofd’ op regel 2; "
        "dubbele regels worden niet opgeteld (regel 2 telt)"
    ]
    # 4 + 6 + 4 = 14 hours: no 16-hour report (summed it was 18).
    assert lines(res.stdout) == []

"""``verzuimdesk signals`` takes the files users have (issue 13) and stays identical (issue 15).

Each defect of issue 13 has a test here that fails on the previous command: Dutch dates,
Excel's Windows-1252 CSV, rows on free days dropped silently, the ``--day-hours 0`` and
``--region`` messages, ``FILE`` in the usage line, ``te laat``, an over-long field and
``--until 9999-12-31``. Then the command against the engine's per-pupil path on generated
data, with the rows in any order.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from tests.cli import test_signals_cli as base
from tests.cli.test_signals_cli import EXPECTED, lines, run_cli
from verzuimdesk.commands import signals as cmd

#: The files of the contract's own tests (an absence CSV and an explicit calendar).
files = base.files


def dutch_copy(src: Path, dst: Path, *, short: bool = False, encoding: str = "utf-8") -> Path:
    """*src* with Dutch dates (``02-11-2026`` or ``2-11-26``), ``;`` and decimal commas."""
    out = []
    for i, line in enumerate(src.read_text(encoding="utf-8").splitlines()):
        if i == 0:
            out.append(line.replace(",", ";"))
            continue
        pupil, iso, hours, kind = line.split(",")
        y, m, d = iso.split("-")
        date = f"{int(d)}-{int(m)}-{y[2:]}" if short else f"{d}-{m}-{y}"
        out.append(";".join((pupil, date, hours.replace(".", ","), kind)))
    dst.write_bytes(("\r\n".join(out) + "\r\n").encode(encoding))
    return dst


def test_dutch_dates_are_read(files: dict[str, Path]) -> None:
    for short in (False, True):
        path = dutch_copy(files["csv"], files["dir"] / f"nl-{short}.csv", short=short)
        res = run_cli(str(path), "--calendar", str(files["cal"]))
        assert res.returncode == 0, res.stderr
        assert lines(res.stdout) == EXPECTED
    # and as the evaluation date
    res = run_cli(str(files["csv"]), "--calendar", str(files["cal"]), "--until", "23-01-2026")
    lrv = [x for x in lines(res.stdout) if x["code"] == "duo-lrv"]
    assert lrv[0]["eind"] == "2026-01-16"


def test_an_excel_csv_in_windows_1252_is_read(files: dict[str, Path]) -> None:
    src = files["csv"]
    text = src.read_text(encoding="utf-8").replace("\na,", "\nJosé,")
    (files["dir"] / "jose.csv").write_text(text, encoding="utf-8")
    path = dutch_copy(files["dir"] / "jose.csv", files["dir"] / "excel.csv", encoding="cp1252")
    assert "é".encode("cp1252") in path.read_bytes()
    res = run_cli(str(path), "--calendar", str(files["cal"]))
    assert res.returncode == 0, res.stderr
    got = lines(res.stdout)
    assert [x for x in got if x["leerling"] == "José"] == [
        {**x, "leerling": "José"} for x in EXPECTED if x["leerling"] == "a"
    ]


def test_rows_on_weekends_and_vacation_days_are_reported_with_their_line(
    files: dict[str, Path],
) -> None:
    path = files["dir"] / "op-vrije-dagen.csv"
    path.write_text(
        "leerling,datum,uren,soort\n"
        "p,2025-09-01,6,ongeoorloofd\n"  # Monday
        "p,2025-09-06,6,ongeoorloofd\n"  # line 3: Saturday
        "\n"
        "p,2025-10-21,6,ziek\n"  # line 5: Herfstvakantie of the calendar
        "p,2025-09-02,6,ongeoorloofd\n",
        encoding="utf-8",
    )
    res = run_cli(str(path), "--calendar", str(files["cal"]))
    assert res.returncode == 1  # docs/cli.md: not every row counted
    assert res.stderr.splitlines() == [
        "regel 3: 2025-09-06 is een weekend; deze regel telt niet mee",
        "regel 5: 2025-10-21 is geen schooldag (Herfstvakantie); deze regel telt niet mee",
    ]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--day-hours", "0"], "meer dan 0 en hoogstens 24"),
        (["--day-hours", "25"], "meer dan 0 en hoogstens 24"),
        (["--until", "9999-12-31"], "ligt buiten de jaren die de kalender kent"),
        (["--until", "31-12-1850"], "ligt buiten de jaren die de kalender kent"),
        (["--region", "atlantis"], "geïnstalleerd: "),
    ],
)
def test_clear_dutch_messages(files: dict[str, Path], args: list[str], fragment: str) -> None:
    res = run_cli(str(files["csv"]), *args)
    assert res.returncode == 2, res.stderr
    assert res.stdout == ""
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and fragment in err[0], err
    assert "onverwachte fout" not in err[0] and "tussen 0 en" not in err[0]


def test_unknown_region_names_the_installed_ones(files: dict[str, Path]) -> None:
    from verzuimdesk.plugins.manager import create_plugin_manager

    installed = sorted(r.id for r in create_plugin_manager().regions())
    res = run_cli(str(files["csv"]), "--region", "atlantis")
    assert res.returncode == 2
    assert all(region in res.stderr for region in installed)


def test_the_usage_line_is_dutch() -> None:
    res = run_cli("--help")
    usage = res.stdout.split("\n\n")[0]
    assert "BESTAND" in usage and "FILE" not in usage
    res = run_cli()
    assert "BESTAND" in res.stderr and "FILE" not in res.stderr


@pytest.mark.parametrize("spelling", ["te laat", "Te Laat", "te-laat", "TE_LAAT", "telaat"])
def test_te_laat_as_users_spell_it(tmp_path: Path, spelling: str) -> None:
    path = tmp_path / "laat.csv"
    path.write_text(
        f"leerling,datum,uren,soort\np,2025-09-01,,{spelling}\np,2025-09-02,0.25,{spelling}\n",
        encoding="utf-8",
    )
    res = run_cli(str(path))
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""


def test_a_field_larger_than_the_csv_limit(tmp_path: Path) -> None:
    for quoted in (False, True):
        path = tmp_path / f"lang-{quoted}.csv"
        huge = "x" * 200_000
        cell = f'"{huge}"' if quoted else huge
        path.write_text(
            f"leerling,datum,uren,soort\np,2025-09-01,6,ziek\n{cell},2025-09-02,6,ziek\n",
            encoding="utf-8",
        )
        res = run_cli(str(path))
        assert res.returncode == 2
        assert res.stderr.strip() == (
            "verzuimdesk signals: regel 3: een veld is langer dan 131072 tekens;"
            " is dit wel een CSV met verzuim (leerling,datum,uren,soort)?"
        )


def test_line_numbers_with_quotes_blank_lines_and_wrong_rows(tmp_path: Path) -> None:
    body = (
        "\n"
        "leerling,datum,uren,soort\n"  # line 2
        "p,2025-09-01,6,ongeoorloofd\n"
        "\n"
        "p,2025-09-02\n"  # line 5: two columns
        "  \n"
        ",,,\n"
        "p,2025-09-03,zes,ziek\n"  # line 8
    )
    for quoted in (False, True):
        text = body + ('"q, de tweede",2025-09-03,x,ziek\n' if quoted else "q,2025-09-03,x,ziek\n")
        path = tmp_path / f"regels-{quoted}.csv"
        path.write_text(text, encoding="utf-8")
        res = run_cli(str(path))
        assert res.returncode == 1
        assert [e.split(":")[0] for e in res.stderr.splitlines()] == [
            "regel 5",
            "regel 8",
            "regel 9",
        ], res.stderr


# --------------------------------------------------------------------------- equality


def _generated_csv(path: Path, n_pupils: int, seed: int) -> None:
    rng = random.Random(seed)
    kinds = ["ongeoorloofd", "ziek", "te_laat", "luxe", "geoorloofd", "schorsing"]
    rows = []
    for p in range(n_pupils):
        seen = set()
        pattern = rng.random()
        days = [dt.date(2025, 8, 25) + dt.timedelta(days=rng.randrange(320)) for _ in range(30)]
        for d in days:
            k = rng.choice(kinds)
            if (d, k) not in seen:
                seen.add((d, k))
                rows.append((f"L{rng.randrange(10**6)}-{p}", d, rng.choice((0.5, 1, 2, 6)), k))
        if pattern < 0.3:
            s = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(250))
            for i in range(rng.randint(10, 90)):
                d = s + dt.timedelta(days=i)
                if (d, "ongeoorloofd") not in seen:
                    seen.add((d, "ongeoorloofd"))
                    rows.append((f"P{p}", d, 6, "ongeoorloofd"))
    rng.shuffle(rows)  # pupils interleaved: the output is still sorted by pupil
    with path.open("w", encoding="utf-8") as f:
        f.write("leerling,datum,uren,soort\n")
        for pupil, d, h, k in rows:
            f.write(f"{pupil},{d.isoformat()},{h},{k}\n")


def test_the_command_equals_the_engine_per_pupil_on_generated_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from verzuimdesk.core.rules.calendar import SchoolCalendar
    from verzuimdesk.core.rules.signals import compute_signals
    from verzuimdesk.core.rules.types import Absence, AbsenceKind

    path = tmp_path / "gegenereerd.csv"
    _generated_csv(path, 900, seed=15)
    monkeypatch.setattr(cmd, "CHUNK_PUPILS", 97)  # many chunks
    code = cmd.main([str(path), "--until", "2026-07-01"])
    captured = capsys.readouterr()
    records = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        pupil, d, h, k = line.split(",")
        records.append(Absence(pupil, dt.date.fromisoformat(d), float(h), AbsenceKind(k)))
    expected = compute_signals(
        records, SchoolCalendar.for_region("midden"), until=dt.date(2026, 7, 1)
    )
    assert captured.out == "".join(cmd.signal_to_json(s) + "\n" for s in expected)
    assert len(expected) > 200
    # the rows on free days are reported, nothing else
    assert code == 1
    assert all("telt niet mee" in e for e in captured.err.splitlines())
    assert (
        json.loads(captured.out.splitlines()[0])["leerling"]
        < json.loads(captured.out.splitlines()[-1])["leerling"]
    )

"""A cancelled or failed import leaves the case base as it was; hostile cells are refused
or kept as text, never a crash (issue 13)."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.importing.support import mapping_for, records, table_counts, with_schools_and_pupils
from verzuimdesk.core.importing import ImportCancelled, Mapping, run_import
from verzuimdesk.core.importing import absences as absence_import
from verzuimdesk.core.importing import common as import_common


def _big_export(path: Path, rows: int) -> None:
    days = [dt.date(2024, 9, 2) + dt.timedelta(days=i) for i in range(70)]
    days = [
        d
        for d in days
        if d.weekday() < 5 and not dt.date(2024, 10, 19) <= d <= dt.date(2024, 10, 27)
    ]
    lines = ["Stamnummer;Datum;Lesuur;Verantwoording"]
    for i in range(rows):
        day = days[i % len(days)]
        lines.append(f"{1001 + i % 4};{day:%d-%m-%Y};{1 + (i // len(days)) % 2};Spijbelen")
    path.write_text("\n".join(lines), encoding="utf-8")


def _mapping(desk: Any) -> Mapping:
    mapping = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    mapping.columns = {"pupil_number": "Stamnummer", "date": "Datum", "kind": "Verantwoording"}
    return mapping


def test_cancel_half_way_leaves_the_case_base_unchanged(
    desk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling while the records are being written rolls back every change."""
    with_schools_and_pupils(desk)
    export = tmp_path / "groot.csv"
    _big_export(export, 400)
    counts, before = table_counts(desk), records(desk)
    monkeypatch.setattr(absence_import, "PUPIL_BATCH", 1)  # write one pupil at a time
    monkeypatch.setattr(absence_import, "INSERT_BATCH", 1)
    monkeypatch.setattr(import_common, "PROGRESS_EVERY", 0.0)
    seen: list[str] = []

    def cancel() -> bool:
        # Cancel once the first pupil's records have been written (comparing phase).
        return sum("Vergelijken" in text for text in seen) >= 3

    with pytest.raises(ImportCancelled):
        run_import(
            desk, export, _mapping(desk), progress=lambda _f, t: seen.append(t), cancel=cancel
        )
    assert sum("Vergelijken" in text for text in seen) >= 2
    assert table_counts(desk) == counts and records(desk) == before


def test_a_failure_during_the_recompute_rolls_back(
    desk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the records were written (in the recompute) leaves nothing behind."""
    with_schools_and_pupils(desk)
    export = tmp_path / "export.csv"
    _big_export(export, 40)
    counts = table_counts(desk)

    def boom(*_args: Any, **_kwargs: Any) -> list[int]:
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(absence_import, "recompute_pupils", boom)
    with pytest.raises(RuntimeError):
        run_import(desk, export, _mapping(desk))
    assert table_counts(desk) == counts


_cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
) | st.sampled_from(
    [
        '=HYPERLINK("http://x")',
        "+1",
        "-1",
        "@SUM(A1)",
        "1e308",
        "nan",
        "-0",
        "31-02-2024",
        "9999-12-31",
        "0",
        "13",
        "12,00001",
        "1.234,5",
        "\ufeff",
        '"',
        ";",
        "\r\n",
        "Te laat",
        "1004",
        "5:30",
        "25:00",
        " ",
        "٣",
        "²",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_cell, _cell, _cell, _cell), min_size=1, max_size=8))
def test_hostile_values_in_every_column(
    desk: Any, tmp_path_factory: Any, rows: list[tuple[str, ...]]
) -> None:
    """Whatever a cell holds, each row is imported, refused with a reason, ignored or
    reported as an unknown pupil; the counts add up and nothing crashes."""
    if not getattr(desk, "_samples_loaded", False):
        with_schools_and_pupils(desk)
        desk._samples_loaded = True
    import csv

    path = tmp_path_factory.mktemp("hostile") / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Stamnummer", "Datum", "Uren", "Verantwoording"])
        writer.writerows(rows)
    mapping = _mapping(desk)
    mapping.columns["amount"] = "Uren"
    mapping.unit = "hours"
    try:
        report = run_import(desk, path, mapping)
    except Exception as exc:  # only the reader's Dutch error is allowed
        assert type(exc).__name__ == "ImportFileError", exc
        return
    accounted = (
        report.imported
        + report.updated
        + report.unchanged
        + report.ignored
        + report.refused_count
        + report.not_found_rows
    )
    assert accounted == report.rows_read
    assert all(r.reason and r.line >= 2 for r in report.refused)


def test_cells_that_look_like_text_but_are_digits_in_another_script(
    desk: Any, tmp_path: Path
) -> None:
    """Arabic-Indic digits or superscripts are not a date or a number: refused, named."""
    with_schools_and_pupils(desk)
    path = tmp_path / "export.csv"
    path.write_text(
        "Stamnummer;Datum;Uren;Verantwoording\n1001;٠٤-١١-٢٠٢٤;1;Spijbelen\n1001;04-11-2024;²;Spijbelen\n",
        encoding="utf-8",
    )
    mapping = _mapping(desk)
    mapping.columns["amount"] = "Uren"
    mapping.unit = "hours"
    report = run_import(desk, path, mapping)
    assert report.refused_count == 2 and report.imported == 0
    assert string.digits  # the parsers accept ASCII digits only


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(_cell, _cell, _cell, _cell, _cell, _cell, _cell), min_size=1, max_size=6
    )
)
def test_hostile_values_in_every_pupil_column(
    desk: Any, tmp_path_factory: Any, rows: list[tuple[str, ...]]
) -> None:
    """A pupil list with any cells: each row creates, updates or is refused with a reason;
    a formula-like name is kept as text, never evaluated."""
    import csv

    from tests.importing.support import school_id

    if not getattr(desk, "_schools_loaded", False):
        from tests.importing.support import SAMPLES

        run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
        desk._schools_loaded = True
    path = tmp_path_factory.mktemp("hostile") / "leerlingen.csv"
    header = [
        "Stamnummer",
        "BSN",
        "Roepnaam",
        "Achternaam",
        "Geboortedatum",
        "Postcode",
        "E-mail ouder",
    ]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    mapping = Mapping(
        target="pupils",
        columns={
            "pupil_number": "Stamnummer",
            "bsn": "BSN",
            "first_name": "Roepnaam",
            "last_name": "Achternaam",
            "birth_date": "Geboortedatum",
            "postcode": "Postcode",
            "parent_email": "E-mail ouder",
        },
        school_id=school_id(desk, "12AB00"),
    )
    try:
        report = run_import(desk, path, mapping)
    except Exception as exc:
        assert type(exc).__name__ == "ImportFileError", exc
        return
    assert (
        report.imported + report.updated + report.unchanged + report.refused_count
        == report.rows_read
    )
    assert all(r.reason for r in report.refused)

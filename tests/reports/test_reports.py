"""Issue 10: the inspectie list and the groslijst, cell by cell, in XLSX, CSV and PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.report_cases import TODAY, ReportCases
from verzuimdesk.core.reports.model import Column, Quarter, Report, Table
from verzuimdesk.core.reports.service import build_report, write_report
from verzuimdesk.core.reports.writers import csv_bytes, xlsx_bytes

D = dt.date
Q4 = Quarter.parse("2024Q4")
STEP = "Stap 1 Preventie op school (in regie: Zorgcoördinator)"
B2A = "Langdurig relatief verzuim (4 weken tot 3 maanden)"
B2B = "Langdurig relatief verzuim (meer dan 3 maanden)"
B3 = "Niet ingeschreven (absoluut verzuim)"
A2A = "Vrijstelling art. 5a: lichamelijk of psychisch niet in staat"
HEADERS = [
    "Nr", "Casusnummer", "Categorie", "Verloop", "Begindatum", "Einddatum", "Duur (weken)",
    "Reden", "BRIN", "Sector", "Wat is gedaan",
]  # fmt: skip


def expected_inspectie(rc: ReportCases) -> list[tuple[object, ...]]:
    """The list worked out by hand from the case base (see tests/support/report_cases.py)."""
    n = rc.case_number
    closed = f"{STEP}; afgesloten 15-11-2024: Passend aanbod gevonden"
    return [
        # A2a from the exemption's first day (1 Aug), B3 from 16 Oct: 142 days, 20 weeks.
        (1, "", "B3", "A2a → B3", D(2024, 8, 1), None, 20, B3, "07XY", "VO", "Geen casus"),
        (2, "", "A2a", "A2a", D(2024, 9, 1), None, 15, A2A, "07XY", "VO", "Geen casus"),
        # Absent from Mon 2 Sep: 4 lesweken complete on Fri 27 Sep (the LRV, B2a).
        (3, n("closed"), "B2a", "B2a", D(2024, 9, 27), D(2024, 11, 15), 7, B2A, "07XY", "VO",
         closed),
        (4, n("returned"), "B2a", "B2a", D(2024, 9, 27), D(2024, 11, 8), 6, B2A, "07XY", "VO",
         STEP),
        # Three months after 2 September: B2b; still at home on the report date.
        (5, n("stayed"), "B2b", "B2a → B2b", D(2024, 9, 27), None, 12, B2B, "07XY", "VO", STEP),
        (6, n("b3"), "B3", "B3", D(2024, 11, 1), None, 7, B3, "07XY", "VO", STEP),
    ]  # fmt: skip


def test_the_inspectie_list_cell_by_cell(report_cases: ReportCases) -> None:
    report = build_report(report_cases.desk, "inspectie", Q4).report
    assert report.as_of == TODAY
    main, counts = report.tables
    assert main.headers == HEADERS
    assert main.rows == expected_inspectie(report_cases)
    assert counts.rows == [
        ("B2a", "B2a: langdurig relatief verzuim van 4 weken tot 3 maanden", 0, 2, 2),
        ("B2b", "B2b: langdurig relatief verzuim van meer dan 3 maanden", 1, 0, 1),
        ("B3", "B3: absoluut verzuimer (niet ingeschreven)", 2, 0, 2),
        ("A2a", "A2a: vrijstelling art. 5a (lichamelijk of psychisch niet in staat)", 1, 0, 1),
        ("Totaal", "", 4, 2, 6),
    ]


def test_the_list_is_cumulative_over_the_school_year(report_cases: ReportCases) -> None:
    """The first quarter of the school year has the episodes up to 30 September only."""
    q3 = build_report(report_cases.desk, "inspectie", Quarter.parse("2024Q3")).report
    assert q3.as_of == D(2024, 9, 30)
    a2 = sorted(r[4:7] for r in q3.tables[0].rows if r[2] == "A2a")
    # Both exempted pupils are A2a on 30 September (the B3 of one comes later).
    assert a2 == [(D(2024, 8, 1), None, 8), (D(2024, 9, 1), None, 4)]
    # The B2a pupils at home since 27 September are on it, still without an end date.
    assert sum(1 for r in q3.tables[0].rows if r[2] == "B2a" and r[5] is None) == 3


def test_the_xlsx_holds_the_same_cells_with_a_frozen_header(
    report_cases: ReportCases, tmp_path: Path
) -> None:
    built = build_report(report_cases.desk, "inspectie", Q4)
    path = write_report(built, tmp_path / "inspectie.xlsx")
    book = load_workbook(path)
    sheet = book["Thuiszitters"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet[1][0].font.bold
    assert sheet.column_dimensions["K"].width >= 60
    for r, row in enumerate(expected_inspectie(report_cases), start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            got = cell.value.date() if isinstance(cell.value, dt.datetime) else cell.value
            assert got == (None if value == "" else value), (r, c)
            if isinstance(value, str) and value:
                assert cell.data_type == "s"
            if isinstance(value, dt.date):
                assert cell.number_format == "DD-MM-YYYY"
    assert sheet.max_row == 7
    assert book.sheetnames == ["Thuiszitters", "Per categorie"]


def test_the_csv_is_semicolon_separated_utf8_with_a_bom(
    report_cases: ReportCases, tmp_path: Path
) -> None:
    built = build_report(report_cases.desk, "inspectie", Q4)
    path = write_report(built, tmp_path / "inspectie.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    start = lines.index(["Thuiszitters"])
    assert lines[start + 1] == HEADERS
    expected = [
        ["" if v is None else f"{v:%d-%m-%Y}" if isinstance(v, dt.date) else str(v) for v in row]
        for row in expected_inspectie(report_cases)
    ]
    assert lines[start + 2 : start + 8] == expected
    assert lines[start + 8] == []


def _file_texts(path: Path) -> str:
    """Every byte of a file as text; an xlsx unzipped member by member."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return path.read_bytes().decode("utf-8", "replace")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_nothing_personal_in_the_inspectie_list(
    report_cases: ReportCases, tmp_path: Path, suffix: str
) -> None:
    built = build_report(report_cases.desk, "inspectie", Q4)
    secrets = [*report_cases.secrets(), "Geheimstraat", "2511 AB", "Rapportcollege"]
    cells = "\n".join(built.report.cell_texts())
    for secret in secrets:
        assert secret not in cells, secret
    path = write_report(built, tmp_path / f"inspectie{suffix}")
    raw = _file_texts(path)
    if suffix == ".pdf":
        import subprocess

        raw += subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    for secret in secrets:
        assert secret not in raw, secret
    # The control: the groslijst does hold the names, so the scan can find them.
    gros = write_report(build_report(report_cases.desk, "groslijst", Q4), tmp_path / "g.xlsx")
    assert report_cases.names["stayed"] in _file_texts(gros)


def test_the_groslijst_with_names_and_counts(report_cases: ReportCases, tmp_path: Path) -> None:
    report = build_report(report_cases.desk, "groslijst", Q4).report
    assert report.confidential
    assert report.subtitle.startswith("VERTROUWELIJK")
    main, counts, per_school, per_step = report.tables
    names = report_cases.names
    n = report_cases.case_number
    assert [(r[0], r[1], r[3], r[5], r[6], r[7], r[10]) for r in main.rows] == [
        ("", names["a2_b3"], "B3", D(2024, 8, 1), None, 20, "Nog thuis"),
        ("", names["a2"], "A2a", D(2024, 9, 1), None, 15, "Nog thuis"),
        (n("closed"), names["closed"], "B2a", D(2024, 9, 27), D(2024, 11, 15), 7,
         "Afgesloten: Passend aanbod gevonden"),
        (n("returned"), names["returned"], "B2a", D(2024, 9, 27), D(2024, 11, 8), 6,
         "Beëindigd"),
        (n("stayed"), names["stayed"], "B2b", D(2024, 9, 27), None, 12, "Nog thuis"),
        (n("b3"), names["b3"], "B3", D(2024, 11, 1), None, 7, "Nog thuis"),
    ]  # fmt: skip
    assert {r[2] for r in main.rows} == {"Het Rapportcollege"}
    assert main.rows[4][8:10] == ("Stap 1 Preventie op school", "Zorgcoördinator")
    assert counts.rows[-1] == ("Totaal", "", 4, 2, 6)
    assert per_school.headers == ["School", "B2a", "B2b", "B3", "A2a", "Totaal"]
    assert per_school.rows == [("Het Rapportcollege (07XY)", 2, 1, 2, 1, 6)]
    assert per_step.rows == [("Stap 1 Preventie op school", 4), ("Geen casus", 2)]
    path = write_report(build_report(report_cases.desk, "groslijst", Q4), tmp_path / "g.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Groslijst", "Per categorie", "Per school", "Per stap"]
    assert "VERTROUWELIJK" in book["Groslijst"].oddHeader.center.text
    csv_text = tmp_path / "g.csv"
    write_report(build_report(report_cases.desk, "groslijst", Q4), csv_text)
    assert (
        csv_text.read_text("utf-8-sig")
        .splitlines()[0]
        .startswith("Groslijst thuiszitters;VERTROUWELIJK")
    )


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    texts = ["=SOM(A1:A9)", "+31 6 1234", "-1", "@cmd", "gewoon"]
    report = Report(
        "x", "Proef", "Regio", Q4, D(2024, 12, 20),
        [Table("Blad", (Column("Tekst"),), [(t,) for t in texts])],
    )  # fmt: skip
    (tmp_path / "x.xlsx").write_bytes(xlsx_bytes(report))
    sheet = load_workbook(tmp_path / "x.xlsx")["Blad"]
    for r, text in enumerate(texts, start=2):
        assert sheet.cell(row=r, column=1).value == text
        assert sheet.cell(row=r, column=1).data_type == "s"
    with zipfile.ZipFile(tmp_path / "x.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    lines = csv_bytes(report).decode("utf-8-sig").splitlines()
    assert lines[-5:] == ["'=SOM(A1:A9)", "'+31 6 1234", "'-1", "'@cmd", "gewoon"]


def test_the_quarter_pdf_names_region_and_quarter(
    report_cases: ReportCases, tmp_path: Path
) -> None:
    import subprocess

    built = build_report(report_cases.desk, "kwartaalrapportage", Q4)
    path = write_report(built, tmp_path / "kwartaal.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           4" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Testregio Midden" in text
    assert "4e kwartaal 2024" in text
    assert "Kerncijfers" in text
    for chart in built.overview.charts if built.overview else ():
        assert chart.title in text
    with pytest.raises(ValueError, match="Onbekende bestandsextensie"):
        write_report(built, tmp_path / "kwartaal.xlsx")

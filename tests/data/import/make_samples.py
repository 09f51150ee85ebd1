"""Writes the sample school-system exports in this folder (synthetic pupils only).

    python tests/data/import/make_samples.py

The files are committed; this script documents how they were made and remakes them.
Each file is in the style of the system it is named after:

- ``scholen.csv`` — a school list (``;``, UTF-8);
- ``magister_leerlingen.csv`` / ``magister_absenties.csv`` — Magister: stamnummer, one
  row per lesson (*lesuur*), *verantwoording* as the reason, ``dd-mm-jjjj``, ``;``,
  UTF-8 with BOM; ``magister_absenties_later.csv`` is a later export of an overlapping
  period (one day changed, one day new);
- ``somtoday_absenties.xlsx`` — Somtoday: leerlingnummer, ISO dates, *aantal lesuren*;
  its pupils are not in the case base yet (offered for creation);
- ``somtoday_lestijden.csv`` — Somtoday's lesson export: leerlingnummer, ISO dates, each
  lesson's *begintijd* and *eindtijd* (the hours come from the times), an *opmerking*
  per lesson, ``;``, UTF-8; the pupils are Magister's (same school numbers);
- ``parnassys_leerlingen.csv`` / ``parnassys_verzuim.csv`` — ParnasSys (primary school):
  BSN, ``d-m-jj``, hours with a decimal comma, Windows-1252 (Excel on Windows);
- ``leeg.csv`` (empty) and ``alleen_kop.csv`` (a header only).

Malformed rows are marked with a comment in the ``ROWS`` tables below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).parent

MAGISTER_PUPILS = [
    # Stamnummer, Roepnaam, Tussenv., Achternaam, Geboortedatum, Klas, Postcode, Woonplaats
    ("1001", "Daan", "", "Bakker", "14-03-2011", "2A", "3511 AB", "Teststad"),
    ("1002", "Fatima", "el", "Amrani", "02-09-2010", "3B", "3512 CD", "Teststad"),
    ("1003", '=HYPERLINK("http://example.invalid")', "", "Jansen", "30-06-2011", "2A", "", ""),
    ("1004", "Bram", "van der", "Berg", "11-11-2009", "4C", "", "Teststad"),
]

MAGISTER_ABSENCES = [
    # Stamnummer, Roepnaam, Tussenv., Achternaam, Klas, Datum, Lesuur, Verantwoording, Opmerking
    *[
        ("1001", "Daan", "", "Bakker", "2A", "04-11-2024", str(n), "Spijbelen", "")
        for n in (1, 2, 3, 4)
    ],
    ("1001", "Daan", "", "Bakker", "2A", "05-11-2024", "2", "Te laat", "bus gemist"),
    *[("1001", "Daan", "", "Bakker", "2A", "06-11-2024", str(n), "Ziek", "") for n in range(1, 8)],
    ("1002", "Fatima", "el", "Amrani", "3B", "12-11-2024", "3", "Tandarts/dokter", ""),
    ("1002", "Fatima", "el", "Amrani", "3B", "12-11-2024", "5", "Spijbelen", ""),
    ("1002", "Fatima", "el", "Amrani", "3B", "12-11-2024", "6", "Spijbelen", ""),
    ("1002", "Fatima", "el", "Amrani", "3B", "13-11-2024", "1", "Stage", "ignored by the mapping"),
    ("1003", "x", "", "Jansen", "2A", "07-11-2024", "1", "Spijbelen", '=HYPERLINK("x")'),
    ("1004", "Bram", "van der", "Berg", "4C", "31-02-2024", "1", "Spijbelen", ""),  # no such date
    (
        "1004",
        "Bram",
        "van der",
        "Berg",
        "4C",
        "08-11-2024",
        "1",
        "Kwijtgeraakt",
        "",
    ),  # unknown kind
    ("1004", "Bram", "van der", "Berg", "4C", "21-11-2025", "1", "Spijbelen", ""),  # future
    ("1004", "Bram", "van der", "Berg", "4C", "09-11-2024", "1", "Spijbelen", ""),  # a Saturday
    ("99999", "Onbekend", "", "Kind", "1A", "04-11-2024", "1", "Spijbelen", ""),  # unknown pupil
    ("1004", "Bram", "van der", "Berg"),  # too few columns
    ("1004", "Bram", "van der", "Berg", "4C", "14-11-2024", "3", "Te laat", ""),
]

MAGISTER_LATER = [
    # 4 Nov now has five lessons (was four), 5 Nov is the same, 18 Nov is new.
    *[
        ("1001", "Daan", "", "Bakker", "2A", "04-11-2024", str(n), "Spijbelen", "")
        for n in range(1, 6)
    ],
    ("1001", "Daan", "", "Bakker", "2A", "05-11-2024", "2", "Te laat", "bus gemist"),
    ("1001", "Daan", "", "Bakker", "2A", "18-11-2024", "1", "Spijbelen", ""),
    ("1001", "Daan", "", "Bakker", "2A", "18-11-2024", "2", "Spijbelen", ""),
]

SOMTODAY_ABSENCES = [
    # Leerlingnummer, Achternaam, Voornaam, Geboortedatum, Datum, Absentiereden, Aantal lesuren
    (
        "5001",
        "Visser",
        "Sem",
        dt.date(2010, 3, 14),
        dt.date(2024, 11, 7),
        "Ongeoorloofd afwezig",
        3,
    ),
    ("5001", "Visser", "Sem", dt.date(2010, 3, 14), dt.date(2024, 11, 8), "Ziek", 6),
    ("5002", "Smit", "Lotte", dt.date(2011, 1, 5), dt.date(2024, 11, 13), "Te laat", 1),
    ("5002", "Smit", "Lotte", dt.date(2011, 1, 5), dt.date(2024, 11, 14), "Luxe verzuim", 7),
    ("5002", "Smit", "Lotte", dt.date(2011, 1, 5), dt.date(2024, 11, 15), "Ziek", "abc"),  # bad
    ("5002", "Smit", "Lotte", dt.date(2011, 1, 5), "2024-13-01", "Ziek", 1),  # no 13th month
]

SOMTODAY_LESSONS = [
    # Leerlingnummer, Achternaam, Voornaam, Datum, Begintijd, Eindtijd, Absentiereden, Opmerking
    ("1001", "Bakker", "Daan", "2024-11-04", "08:30", "09:20", "Ongeoorloofd", ""),
    ("1001", "Bakker", "Daan", "2024-11-04", "09:20", "10:10", "Ongeoorloofd", "niet in de les"),
    ("1002", "Amrani", "Fatima", "2024-11-05", "10:25", "11:10", "Ziek", "naar huis gestuurd"),
    ("1002", "Amrani", "Fatima", "2024-11-05", "11:10", "11:55", "Ziek", "naar huis  gestuurd"),
    ("1003", "Jansen", "x", "2024-11-06", "13:00", "12:15", "Ongeoorloofd", ""),  # ends first
    ("1004", "Berg", "Bram", "2024-11-07", "8.30", "9.15", "Te laat", "bus"),
    ("1004", "Berg", "Bram", "2024-11-08", "08:30", "25:00", "Ongeoorloofd", ""),  # no time
    ("1004", "Berg", "Bram", "2024-11-11", "2024-11-11 13:05", "2024-11-11 13:50", "Ziek", ""),
]

PARNASSYS_PUPILS = [
    # BSN, Achternaam, Voornaam, Geboortedatum, Groep
    ("012345672", "de Vries", "Zoë", "4-5-17", "3"),
    ("111222333", "Dubois", "Eloïse", "21-12-16", "3"),
    ("123456782", "Müller", "Sanne", "1-2-16", "4"),
]

PARNASSYS_ABSENCES = [
    # BSN, Leerling, Datum, Reden, Uren
    ("12345672", "Zoë de Vries", "4-11-24", "Ziek", "5,5"),  # BSN without its leading zero
    ("111222333", "Eloïse Dubois", "5-11-24", "Ongeoorloofd", "2,75"),
    ("111222333", "Eloïse Dubois", "6-11-24", "Geoorloofd", "1"),
    ("123456782", "Sanne Müller", "7-11-24", "Luxe", "6"),  # more than the day's 5,5 hours
    ("123456782", "Sanne Müller", "8-11-24", "Te laat", "0,25"),
    ("999999990", "Onbekend Kind", "8-11-24", "Ziek", "1"),  # unknown pupil
]


def _csv(rows: list[tuple[object, ...]], delimiter: str) -> str:
    def cell(value: object) -> str:
        text = str(value)
        if delimiter in text or '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in rows)


def main() -> None:
    """Write every sample file."""
    (HERE / "scholen.csv").write_text(
        _csv(
            [
                ("BRIN", "Naam", "Sector", "Vakantieregio", "Gemeente", "Lesuren per dag"),
                ("12AB00", "Het Lyceum Teststad", "VO", "midden", "Teststad", "7"),
                ("56EF00", "Teststad College", "VO", "midden", "Teststad", "7"),
                ("34CD00", "Basisschool De Regenboog", "PO", "midden", "Teststad", "5,5"),
                ("!!", "Kapotte regel", "VO", "midden", "Teststad", "7"),  # bad BRIN
            ],
            ";",
        ),
        encoding="utf-8",
    )
    head = ("Stamnummer", "Roepnaam", "Tussenv.", "Achternaam", "Geboortedatum", "Klas")
    (HERE / "magister_leerlingen.csv").write_text(
        _csv([(*head, "Postcode", "Woonplaats"), *MAGISTER_PUPILS], ";"), encoding="utf-8-sig"
    )
    absence_head = (
        "Stamnummer",
        "Roepnaam",
        "Tussenv.",
        "Achternaam",
        "Klas",
        "Datum",
        "Lesuur",
        "Verantwoording",
        "Opmerking",
    )
    (HERE / "magister_absenties.csv").write_text(
        _csv([absence_head, *MAGISTER_ABSENCES], ";"), encoding="utf-8-sig"
    )
    (HERE / "magister_absenties_later.csv").write_text(
        _csv([absence_head, *MAGISTER_LATER], ";"), encoding="utf-8-sig"
    )
    (HERE / "somtoday_lestijden.csv").write_text(
        _csv(
            [
                (
                    "Leerlingnummer",
                    "Achternaam",
                    "Voornaam",
                    "Datum",
                    "Begintijd",
                    "Eindtijd",
                    "Absentiereden",
                    "Opmerking",
                ),
                *SOMTODAY_LESSONS,
            ],
            ";",
        ),
        encoding="utf-8",
    )
    (HERE / "parnassys_leerlingen.csv").write_text(
        _csv([("BSN", "Achternaam", "Voornaam", "Geboortedatum", "Groep"), *PARNASSYS_PUPILS], ";"),
        encoding="cp1252",
    )
    (HERE / "parnassys_verzuim.csv").write_text(
        _csv([("BSN", "Leerling", "Datum", "Reden", "Uren"), *PARNASSYS_ABSENCES], ";"),
        encoding="cp1252",
    )
    (HERE / "leeg.csv").write_bytes(b"")
    (HERE / "alleen_kop.csv").write_text(_csv([absence_head], ";"), encoding="utf-8")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Absenties"
    sheet.append(
        [
            "Leerlingnummer",
            "Achternaam",
            "Voornaam",
            "Geboortedatum",
            "Datum",
            "Absentiereden",
            "Aantal lesuren",
        ]
    )
    for row in SOMTODAY_ABSENCES:
        sheet.append(list(row))
    book.save(HERE / "somtoday_absenties.xlsx")


if __name__ == "__main__":
    main()

"""Write a Magister-style absence export of N rows for the import benchmark (not committed).

    python bench/make_import_file.py OUT.csv [--rows 1000000] [--pupils 20000]

One row per lesson (*lesuur*), ``;``-separated, UTF-8 with BOM, ``dd-mm-jjjj`` dates, on
the schooldagen of the 2025-2026 school year (vakantieregio midden). Pupils are numbered
``100000 + i``; :func:`pupil_numbers` gives the numbers the case base needs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

REASONS = (
    ("Spijbelen", 5),
    ("Ziek", 6),
    ("Te laat", 3),
    ("Tandarts/dokter", 2),
    ("Luxe verzuim", 1),
    ("Schorsing", 1),
)
FIRST_DAY, LAST_DAY = dt.date(2025, 9, 1), dt.date(2026, 7, 10)


def schooldagen() -> list[dt.date]:
    """The schooldagen of 2025-2026 in vakantieregio midden."""
    from verzuimdesk.core.rules.calendar import SchoolCalendar

    calendar = SchoolCalendar.for_region("midden")
    days, day = [], FIRST_DAY
    while day <= LAST_DAY:
        if calendar.is_schooldag(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def pupil_numbers(pupils: int) -> list[str]:
    """The stamnummers the file uses."""
    return [str(100_000 + i) for i in range(pupils)]


def write(out: Path, rows: int, pupils: int, seed: int = 13) -> int:
    """Write the export; returns the number of rows written."""
    rng = random.Random(seed)
    days = [d.strftime("%d-%m-%Y") for d in schooldagen()]
    reasons = [name for name, weight in REASONS for _ in range(weight)]
    numbers = pupil_numbers(pupils)
    per_pupil = rows // pupils
    written = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write("Stamnummer;Roepnaam;Achternaam;Klas;Datum;Lesuur;Verantwoording\r\n")
        for index, number in enumerate(numbers):
            want = per_pupil + (1 if index < rows - per_pupil * pupils else 0)
            done = 0
            for day in rng.sample(days, min(len(days), want)):
                reason = rng.choice(reasons)
                for lesson in range(1, rng.randint(1, 4) + 1):
                    handle.write(f"{number};Leerling;Nummer {index};3A;{day};{lesson};{reason}\r\n")
                    done += 1
                    if done == want:
                        break
                if done == want:
                    break
            written += done
    return written


def main() -> None:
    """Parse the arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pupils", type=int, default=20_000)
    args = parser.parse_args()
    count = write(args.out, args.rows, args.pupils)
    print(f"{args.out}: {count} rijen, {args.out.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()

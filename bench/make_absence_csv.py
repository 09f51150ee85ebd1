"""Write a case base's absence records as the CSV ``verzuimdesk signals`` reads.

    python bench/make_absence_csv.py CASEBASE.sqlite OUT.csv [--copies 4] [--dutch]

Pupil keys are ``L<id>`` (``L<id>-<copy>`` for the extra copies, so ``--copies 4`` of a
40,000-pupil demo makes 160,000 pupils and 9.2 million rows). ``--dutch`` writes the file
the way Excel saves it on a Dutch Windows: ``;``, dates ``dd-mm-jjjj``, decimal comma,
kinds spelled ``te laat``, Windows-1252.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3


def main() -> None:
    """Export the records."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database")
    parser.add_argument("out")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--dutch", action="store_true")
    args = parser.parse_args()
    con = sqlite3.connect(args.database)
    rows = con.execute("SELECT pupil_id, date, hours, kind FROM absence_record ORDER BY id")
    sep = ";" if args.dutch else ","
    encoding = "cp1252" if args.dutch else "utf-8"
    dates: dict[str, str] = {}
    with open(args.out, "w", encoding=encoding, newline="") as f:
        f.write(
            sep.join(("leerling", "datum", "uren", "soort"))
            + "\r\n" * args.dutch
            + "\n" * (not args.dutch)
        )
        end = "\r\n" if args.dutch else "\n"
        batch = rows.fetchmany(200_000)
        while batch:
            for copy in range(args.copies):
                suffix = f"-{copy}" if copy else ""
                out = []
                for pupil_id, date, hours, kind in batch:
                    if args.dutch:
                        d = dates.get(date)
                        if d is None:
                            d = dates[date] = dt.date.fromisoformat(date).strftime("%d-%m-%Y")
                        h = f"{hours:g}".replace(".", ",")
                        k = "te laat" if kind == "te_laat" else kind
                        out.append(f"L{pupil_id}{suffix};{d};{h};{k}{end}")
                    else:
                        out.append(f"L{pupil_id}{suffix},{date},{hours:g},{kind}{end}")
                f.write("".join(out))
            batch = rows.fetchmany(200_000)


if __name__ == "__main__":
    main()

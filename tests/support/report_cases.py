"""A hand-built case base for the report tests (issue 10): one pupil per situation.

Desk today Friday 20 December 2024 (school year 2024–25 from 1 August; herfstvakantie
midden 26 October – 3 November); quarter 2024Q4 runs to the report date 20 December.

- ``returned``: fully absent Mon 2 Sep – Fri 8 Nov, back at school from Mon 11 Nov: B2a
  while the LRV is open, then nothing. Case open.
- ``stayed``: fully absent from Mon 2 Sep to today: B2a, then B2b after three months (the
  category changed during the year). Case open.
- ``b3``: enrolment ended 31 Oct, no school since: B3 from 1 Nov. Case open.
- ``a2``: not enrolled since 1 Sep, art. 5a exemption from 1 Sep: A2a. No case.
- ``a2_b3``: art. 5a exemption that ended 15 Oct and no enrolment: A2a then B3 (a second
  category change). No case.
- ``closed``: fully absent from Mon 2 Sep to today, but the case was closed on 15 Nov with
  *passend aanbod*: B2a up to the closing day.
- ``none``: two hours of truancy once: no category, never on a list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.desk import make_desk
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import absences, cases, pupils
from verzuimdesk.core.services.legal_data import EnrolmentData, ExemptionData

D = dt.date
TODAY = D(2024, 12, 20)
HERFST = (D(2024, 10, 26), D(2024, 11, 3))


def bsn_from(eight: str) -> str:
    """A valid BSN (elfproef) that starts with the eight digits given."""
    total = sum(int(d) * w for d, w in zip(eight, range(9, 1, -1), strict=True))
    for last in range(10):
        if (total - last) % 11 == 0:
            return eight + str(last)
    raise ValueError(eight)  # pragma: no cover - some prefixes have no check digit


def schooldays(first: dt.date, last: dt.date) -> list[dt.date]:
    """Monday–Friday from first to last outside the herfstvakantie."""
    out, day = [], first
    while day <= last:
        if day.weekday() < 5 and not HERFST[0] <= day <= HERFST[1]:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


@dataclass
class ReportCases:
    """The desk and what the tests compare with: names, BSNs, birth dates and ids."""

    desk: Desk
    school_id: int
    pupil_ids: dict[str, int] = field(default_factory=dict)
    case_ids: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    bsns: dict[str, str] = field(default_factory=dict)
    births: dict[str, dt.date] = field(default_factory=dict)

    def case_number(self, key: str) -> str:
        """The case number of the pupil *key*."""
        from verzuimdesk.core.services import queries

        return queries.case_file(self.desk, self.case_ids[key]).number

    def secrets(self) -> list[str]:
        """Every name part, BSN and birth date (in the ways a file could write it)."""
        out: list[str] = []
        for key, name in self.names.items():
            out.extend(name.split())
            out.append(self.bsns[key])
            born = self.births[key]
            out.extend([born.isoformat(), f"{born:%d-%m-%Y}", f"{born:%d/%m/%Y}", f"{born:%Y%m%d}"])
        return out


_PUPILS: dict[str, tuple[str, str, dt.date, str]] = {
    "returned": ("Quirijn", "Terugkeerder", D(2010, 5, 10), "11122233"),
    "stayed": ("Zoraida", "Thuisblijver", D(2010, 6, 11), "12312312"),
    "b3": ("Xander", "Uitgeschrevene", D(2011, 7, 12), "13413413"),
    "a2": ("Wilhelmina", "Vrijgestelde", D(2012, 8, 13), "14514514"),
    "a2_b3": ("Valentijn", "Wisselaar", D(2009, 9, 14), "15615615"),
    "closed": ("Ursula", "Afgeslotene", D(2010, 10, 15), "16716716"),
    "none": ("Tobias", "Zonderzorg", D(2010, 11, 16), "17817817"),
}


def build(folder: Path, url: str | None = None) -> ReportCases:
    """Build the case base (see the module docstring) in *folder* or at *url*."""
    desk = make_desk(folder, today=TODAY, url=url)
    school = pupils.create_school(
        desk,
        pupils.SchoolData(
            "Het Rapportcollege", "VO", "midden", brin="07XY", municipality="Teststad"
        ),
    )
    built = ReportCases(desk, school)
    since_2015 = EnrolmentData(school, D(2015, 8, 1))
    legal: dict[str, dict[str, object]] = {
        "returned": {"enrolments": (since_2015,)},
        "stayed": {"enrolments": (since_2015,)},
        "b3": {"enrolments": (EnrolmentData(school, D(2016, 8, 1), D(2024, 10, 31)),)},
        "a2": {
            "enrolments": (EnrolmentData(school, D(2017, 8, 1), D(2024, 8, 31)),),
            "exemptions": (ExemptionData("5a", D(2024, 9, 1)),),
        },
        "a2_b3": {
            "enrolments": (EnrolmentData(school, D(2014, 8, 1), D(2024, 7, 31)),),
            "exemptions": (ExemptionData("5a", D(2024, 8, 1), D(2024, 10, 15)),),
        },
        "closed": {"enrolments": (since_2015,)},
        "none": {"enrolments": (since_2015,)},
    }
    for key, (first, last, born, prefix) in _PUPILS.items():
        bsn = bsn_from(prefix)
        pid = pupils.create_pupil(
            desk,
            pupils.PupilData(
                first,
                last,
                born,
                bsn=bsn,
                street="Geheimstraat 12",
                postcode="2511 AB",
                city="Teststad",
                municipality="Teststad",
                **legal[key],  # type: ignore[arg-type]
            ),
        )
        built.pupil_ids[key] = pid
        built.names[key] = f"{first} {last}"
        built.bsns[key] = bsn
        built.births[key] = born
    absent = {
        "returned": schooldays(D(2024, 9, 2), D(2024, 11, 8)),
        "stayed": schooldays(D(2024, 9, 2), TODAY),
        "closed": schooldays(D(2024, 9, 2), TODAY),
    }
    for key, days in absent.items():
        absences.set_absences(
            desk,
            built.pupil_ids[key],
            [absences.AbsenceEntry(day, "ongeoorloofd", 6.0) for day in days],
        )
    absences.set_absences(
        desk, built.pupil_ids["none"], [absences.AbsenceEntry(D(2024, 10, 7), "ongeoorloofd", 2.0)]
    )
    for key, opened in (
        ("returned", D(2024, 9, 9)),
        ("stayed", D(2024, 9, 9)),
        ("closed", D(2024, 9, 9)),
        ("b3", D(2024, 11, 4)),
    ):
        built.case_ids[key] = cases.open_case(desk, built.pupil_ids[key], opened_on=opened)
    cases.close_case(desk, built.case_ids["closed"], "passend-aanbod", on=D(2024, 11, 15))
    return built

"""A hand-built case base for the phone round, the Scholen tab and the workload tests.

Today is Wed 20 Nov 2024 (quarter 2024Q4, contact deadline 30 Nov, inspectie 15 Dec).

| school | pupil | what |
|---|---|---|
| Het Baken (VO, 12AB) | Sanne Visser | open case at step 4, category B2a, regie Anna de Wit |
| Het Baken | Milan de Boer | open case at step 2 |
| Het Baken | Eva Mulder | no case; a `sick-7-days` signal on 12 Nov 2024 |
| Het Baken | Noah Bakker | nothing (named as a new thuiszitter during the call) |
| De Linde (PO, 34CD) | Lotte Smit | open case at step 1, category B2b |
| De Stille School (VO) | Finn Jong | nothing: not proposed for the round |
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from verzuimdesk.core.models import Person, StoredSignal
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.services import cases, pupils
from verzuimdesk.core.services.school_contacts import ContactData, add_contact


@dataclass
class RoundBase:
    """Ids of the hand-built case base."""

    baken: int
    linde: int
    stille: int
    sanne: int
    milan: int
    eva: int
    noah: int
    lotte: int
    finn: int
    sanne_case: int
    milan_case: int
    lotte_case: int
    anna: int
    piet: int
    karin: int


def build_round_base(desk: Any) -> RoundBase:
    """Fill ``desk``'s empty case base (test region) as the module docstring says."""
    baken = pupils.create_school(desk, pupils.SchoolData("Het Baken", "VO", "midden", "12AB"))
    linde = pupils.create_school(desk, pupils.SchoolData("De Linde", "PO", "midden", "34CD"))
    stille = pupils.create_school(desk, pupils.SchoolData("De Stille School", "VO", "midden"))

    def pupil(first: str, last: str, school: int, born: dt.date) -> int:
        return pupils.create_pupil(desk, pupils.PupilData(first, last, born, school_id=school))

    sanne = pupil("Sanne", "Visser", baken, dt.date(2010, 4, 2))
    milan = pupil("Milan", "de Boer", baken, dt.date(2011, 1, 15))
    eva = pupil("Eva", "Mulder", baken, dt.date(2010, 9, 9))
    noah = pupil("Noah", "Bakker", baken, dt.date(2011, 6, 30))
    lotte = pupil("Lotte", "Smit", linde, dt.date(2016, 2, 20))
    finn = pupil("Finn", "Jong", stille, dt.date(2010, 12, 1))
    opened = dt.date(2024, 9, 2)
    sanne_case = cases.open_case(desk, sanne, opened_on=opened, first_absence_on=opened)
    cases.move_case(desk, sanne_case, "t2", reason="16 uur", on=dt.date(2024, 9, 16))
    cases.move_case(desk, sanne_case, "t4", reason="5 lesweken thuis", on=dt.date(2024, 10, 7))
    milan_case = cases.open_case(desk, milan, opened_on=dt.date(2024, 10, 1))
    cases.move_case(desk, milan_case, "t2", reason="16 uur", on=dt.date(2024, 10, 14))
    lotte_case = cases.open_case(desk, lotte, opened_on=dt.date(2024, 6, 3))
    with desk.case_base.transaction(desk.user) as session:
        anna_p = Person(name="Anna de Wit", organisation="SWV Midden")
        piet_p = Person(name="Piet Jansen", organisation="Gemeente Teststad")
        session.add_all([anna_p, piet_p])
        # The categories follow from the history: Sanne has an open LRV since 30 September
        # (B2a); Lotte since 1 July, and a thuiszitter-B2b report after it (B2b).
        for pupil_id, code, datum, start in (
            (sanne, SignalCode.DUO_LRV, dt.date(2024, 9, 30), dt.date(2024, 9, 2)),
            (lotte, SignalCode.DUO_LRV, dt.date(2024, 7, 1), dt.date(2024, 6, 3)),
            (lotte, SignalCode.THUISZITTER_B2B, dt.date(2024, 9, 2), dt.date(2024, 6, 3)),
        ):
            session.add(StoredSignal(pupil_id=pupil_id, code=code.value, datum=datum, start=start))
        session.add(
            StoredSignal(
                pupil_id=eva,
                code="sick-7-days",
                datum=dt.date(2024, 11, 12),
                start=dt.date(2024, 11, 4),
            )
        )
        session.flush()
        anna, piet = anna_p.id, piet_p.id
    cases.set_regie(desk, sanne_case, "copa", anna, on=dt.date(2024, 10, 8))
    karin = add_contact(
        desk, baken, ContactData("Karin Smit", "Zorgcoördinator", "070 123 4567", "k.smit@baken.nl")
    )
    add_contact(desk, linde, ContactData("Joost Vos", "Intern begeleider", None, "ib@delinde.nl"))
    return RoundBase(
        baken, linde, stille, sanne, milan, eva, noah, lotte, finn,
        sanne_case, milan_case, lotte_case, anna, piet, karin,
    )  # fmt: skip

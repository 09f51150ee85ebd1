"""Issue 9: the pupil's legal data (woongemeente, enrolments, exemptions, startkwalificatie)
entered through the services and used by signals, categories and routes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.support.desk import TODAY
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.services import absences, cases, legal_data, pupils, queries
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.core.services.legal_data import EnrolmentData, ExemptionData
from verzuimdesk.plugins.manager import create_plugin_manager

D = dt.date
BORN = D(2010, 3, 14)  # 14 in TODAY (20-11-2024): volledig leerplichtig


def _school(desk: Any, name: str = "Het Testcollege", municipality: str = "Teststad") -> int:
    return pupils.create_school(
        desk, pupils.SchoolData(name, "VO", "midden", municipality=municipality)
    )


def _pupil(desk: Any, **extra: Any) -> int:
    return pupils.create_pupil(desk, pupils.PupilData("Sanne", "de Vries", BORN, **extra))


def test_enrolments_and_exemptions_round_trip_and_set_the_current_school(desk: Any) -> None:
    a, b = _school(desk, "School A"), _school(desk, "School B")
    pid = _pupil(
        desk,
        municipality="Teststad",
        startkwalificatie_on=None,
        enrolments=(
            EnrolmentData(a, D(2015, 4, 1), D(2022, 7, 31)),
            EnrolmentData(b, D(2022, 8, 1)),
        ),
        exemptions=(ExemptionData("11g", D(2024, 10, 1), D(2024, 10, 4)),),
    )
    data = pupils.pupil_data(desk, pid)
    assert data.school_id == b
    assert data.municipality == "Teststad"
    assert data.enrolments == (
        EnrolmentData(a, D(2015, 4, 1), D(2022, 7, 31)),
        EnrolmentData(b, D(2022, 8, 1), None),
    )
    assert data.exemptions == (ExemptionData("11g", D(2024, 10, 1), D(2024, 10, 4)),)
    # Unenrolled from B: no current school any more.
    previous = legal_data.set_enrolments(
        desk, pid, (*data.enrolments[:1], EnrolmentData(b, D(2022, 8, 1), D(2024, 11, 1)))
    )
    assert pupils.pupil_data(desk, pid).school_id is None
    legal_data.set_enrolments(desk, pid, previous)  # the undo
    assert pupils.pupil_data(desk, pid).school_id == b


@pytest.mark.parametrize(
    ("enrolments", "exemptions", "key", "message"),
    [
        (
            (EnrolmentData(None, D(2020, 8, 1), D(2020, 7, 1)),),
            (),
            "enrolments",
            "Inschrijving 1: de einddatum ligt vóór de begindatum.",
        ),
        (
            (EnrolmentData(None, D(2015, 8, 1)), EnrolmentData(None, D(2020, 8, 1))),
            (),
            "enrolments",
            "Inschrijving 1 en 2 overlappen",
        ),
        (
            (EnrolmentData(None, D(2009, 8, 1)),),
            (),
            "enrolments",
            "Inschrijving 1: de begindatum ligt vóór de geboortedatum (14-03-2010).",
        ),
        (
            (),
            (ExemptionData("5d", D(2020, 8, 1)),),
            "exemptions",
            "Vrijstelling 1: kies de soort",
        ),
        (
            (),
            (ExemptionData("5a", D(2020, 8, 1)), ExemptionData("15", D(2021, 8, 1), D(2021, 1, 1))),
            "exemptions",
            "Vrijstelling 2: de einddatum ligt vóór de begindatum.",
        ),
    ],
)
def test_wrong_legal_data_gets_a_dutch_message(
    desk: Any, enrolments: Any, exemptions: Any, key: str, message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        _pupil(desk, enrolments=enrolments, exemptions=exemptions)
    assert message in err.value.errors[key]


def test_startkwalificatie_in_the_future_is_refused(desk: Any) -> None:
    with pytest.raises(ValidationError) as err:
        _pupil(desk, startkwalificatie_on=TODAY + dt.timedelta(days=1))
    assert err.value.errors == {"startkwalificatie_on": "De startkwalificatie ligt in de toekomst."}


def _signals(desk: Any, case_id: int, code: str) -> list[Any]:
    return [s for s in queries.case_file(desk, case_id).signals if s.code == code]


def test_a_gap_in_enrolment_is_absoluut_verzuim_b3_with_a_deadline_until_excused(
    desk: Any,
) -> None:
    """Issue 9: B3 and a signal for the LPA from the first day without enrolment."""
    school = _school(desk)
    pid = _pupil(desk, enrolments=(EnrolmentData(school, D(2015, 4, 1), D(2024, 10, 31)),))
    case_id = cases.open_case(desk, pid, opened_on=D(2024, 11, 4))
    file = queries.case_file(desk, case_id)
    assert file.category == "B3"
    (signal,) = _signals(desk, case_id, SignalCode.ABSOLUUT_VERZUIM)
    assert (signal.datum, signal.start, signal.eind) == (D(2024, 11, 1), D(2024, 11, 1), None)
    # 1 November is in the herfstvakantie (midden): 5 schooldagen after Monday 4 November.
    assert signal.deadline == D(2024, 11, 11)
    assert any(d.rule_id == "signal:absoluut-verzuim@2024-11-01" for d in file.deadlines), (
        "the deadline is on the case's Termijnen"
    )

    overview = legal_data.legal_overview(desk, pid)
    (gap,) = overview.gaps
    assert (gap.start, gap.end, gap.excused_id) == (D(2024, 11, 1), None, None)
    gap_id = legal_data.excuse_gap(desk, pid, gap.start, gap.end)
    assert _signals(desk, case_id, SignalCode.ABSOLUUT_VERZUIM) == []
    assert legal_data.legal_overview(desk, pid).gaps[0].excused_id == gap_id
    assert queries.case_file(desk, case_id).open_deadlines == []
    legal_data.unexcuse_gap(desk, gap_id)
    assert len(_signals(desk, case_id, SignalCode.ABSOLUUT_VERZUIM)) == 1


def test_a_pupil_without_any_enrolment_is_b3_and_an_art5_exemption_is_a2_within_its_dates(
    desk: Any,
) -> None:
    pid = _pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=D(2024, 11, 4))
    assert queries.case_file(desk, case_id).category == "B3"
    legal_data.set_exemptions(desk, pid, (ExemptionData("5a", D(2015, 4, 1)),))
    assert queries.case_file(desk, case_id).category == "A2a"
    assert _signals(desk, case_id, SignalCode.ABSOLUUT_VERZUIM) == []
    # An exemption that ended: B3 again from the day after.
    legal_data.set_exemptions(desk, pid, (ExemptionData("5a", D(2015, 4, 1), D(2024, 9, 30)),))
    assert queries.case_file(desk, case_id).category == "B3"
    (signal,) = _signals(desk, case_id, SignalCode.ABSOLUUT_VERZUIM)
    assert signal.start == D(2024, 10, 1)


def test_an_lrv_ends_at_the_last_enrolled_schooldag(desk: Any) -> None:
    """seed 003 §2.5.2: unenrolment ends the LRV, even when absence is still recorded."""
    school = _school(desk)
    pid = _pupil(desk, school_id=school)
    # Every schooldag: absence in the herfstvakantie (19–27 Oct, midden) is refused.
    days = [D(2024, 9, 2) + dt.timedelta(days=i) for i in range(79)]
    entries = [
        absences.AbsenceEntry(day, "ongeoorloofd", 6.0)
        for day in absences.school_days(desk, pid, days)
    ]
    absences.set_absences(desk, pid, entries)
    case_id = cases.open_case(desk, pid, opened_on=D(2024, 10, 1))
    (lrv,) = _signals(desk, case_id, SignalCode.DUO_LRV)
    assert lrv.eind == D(2024, 11, 19)  # the last absence day recorded
    legal_data.set_enrolments(desk, pid, (EnrolmentData(school, D(2015, 4, 1), D(2024, 11, 10)),))
    (lrv,) = _signals(desk, case_id, SignalCode.DUO_LRV)
    assert lrv.eind == D(2024, 11, 8)  # Friday: the last enrolled schooldag
    assert len(_signals(desk, case_id, SignalCode.ABSOLUUT_VERZUIM)) == 1


def test_a_pupil_living_in_den_haag_at_a_rijswijk_school_gets_den_haags_route(
    tmp_path: Path,
) -> None:
    """Issue 9: the route variant followed the school's municipality."""
    case_base = create_case_base(sqlite_url(tmp_path / "dh.sqlite"), "den_haag", today=TODAY)
    try:
        desk = Desk(case_base, create_plugin_manager(), user="tester", today=TODAY)
        school = _school(desk, "Rijswijks Lyceum", "Rijswijk")

        def regie_at_talk(municipality: str | None) -> str | None:
            pid = _pupil(desk, school_id=school, municipality=municipality)
            case_id = cases.open_case(desk, pid, opened_on=D(2024, 11, 4))
            for stage in ("dh-02-verzuim", "dh-03-gesprek"):
                cases.move_case(desk, case_id, stage, reason="Volgende stap", on=D(2024, 11, 11))
            return queries.case_file(desk, case_id).regie_role_id

        assert regie_at_talk("Den Haag") == "zorgcoordinator"
        assert regie_at_talk("Rijswijk") == "lp"
        # Unknown woongemeente: no variant, not the school's one.
        assert regie_at_talk(None) == "zorgcoordinator"
    finally:
        case_base.close()

"""Finding people in the case list (issue 14): accents, name order, tussenvoegsels, numbers."""

from __future__ import annotations

import datetime as dt

from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.core.services.queries.case_rows import matches, search_words


def _case(desk, first: str, last: str, bsn: str | None = None) -> str:  # type: ignore[no-untyped-def]
    school = desk.__dict__.get("_test_school")
    if school is None:
        school = pupils.create_school(
            desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
        )
        desk.__dict__["_test_school"] = school
    pid = pupils.create_pupil(
        desk, pupils.PupilData(first, last, dt.date(2010, 3, 14), school_id=school, bsn=bsn)
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    return next(r.number for r in queries.case_list(desk) if r.case_id == case_id)


def _found(desk, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.pupil_name for r in queries.case_list(desk, queries.CaseQuery(text=text))]


def test_search_ignores_accents_and_case_and_takes_names_in_any_order(desk) -> None:  # type: ignore[no-untyped-def]
    """ "bokenkamp" finds Bökenkamp, "Sande, Siem" and "van der sande" find Siem van der Sande."""
    _case(desk, "Marit", "Bökenkamp")
    _case(desk, "Siem", "van der Sande")
    _case(desk, "Zoë", "Çelik")
    assert _found(desk, "bokenkamp") == ["Marit Bökenkamp"]
    assert _found(desk, "BÖKENKAMP marit") == ["Marit Bökenkamp"]
    assert _found(desk, "Sande, Siem") == ["Siem van der Sande"]
    assert _found(desk, "van der sande") == ["Siem van der Sande"]
    assert _found(desk, "siem sande") == ["Siem van der Sande"]
    assert _found(desk, "zoe celik") == ["Zoë Çelik"]
    assert _found(desk, "Çelik, Zoë") == ["Zoë Çelik"]


def test_search_finds_case_numbers_with_or_without_prefix(desk) -> None:  # type: ignore[no-untyped-def]
    """ "VZ-2024-00002", "vz-2024-00002", "2024-00002" and "202400002" find the same case."""
    _case(desk, "Marit", "Bökenkamp")
    number = _case(desk, "Siem", "van der Sande")
    assert number.startswith("VZ-")
    without = number.removeprefix("VZ-")
    for text in (number, number.lower(), without, without.replace("-", "")):
        assert _found(desk, text) == ["Siem van der Sande"], text


def test_search_matches_the_last_digits_of_a_bsn_only(desk) -> None:  # type: ignore[no-untyped-def]
    """Three or more digits match the end of the BSN; the middle, or fewer digits, do not."""
    _case(desk, "Sanne", "de Vries", bsn="111222333")
    _case(desk, "Noa", "Bakker")
    assert _found(desk, "333") == ["Sanne de Vries"]
    assert _found(desk, "2333") == ["Sanne de Vries"]
    assert _found(desk, "111222333") == ["Sanne de Vries"]
    assert _found(desk, "222") == []
    assert _found(desk, "33") == []
    assert _found(desk, "vries 333") == ["Sanne de Vries"]
    row = queries.case_list(desk)[0]
    assert "111222333" not in row.haystack
    assert "111222333" not in repr(row)


def test_fold_and_words() -> None:
    """The normalisation the index and the query share."""
    from verzuimdesk.core.services.queries.case_rows import fold, search_words

    assert fold("Bökenkamp ÇELİK Zoë") == "bokenkamp celik zoe"
    assert search_words("  Sande,Siem ; VZ-2024 ") == ["sande", "siem", "vz-2024"]


def _typed(desk, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What the list shows after typing ``text`` one key at a time (each keystroke searched)."""
    found: list[str] = []
    for end in range(1, len(text) + 1):
        found = _found(desk, text[:end])
    return found


def test_typing_a_bsn_tail_key_by_key_finds_the_pupil(desk) -> None:  # type: ignore[no-untyped-def]
    """ "123" matches nobody, "1234" the BSN ending in 1234: the fourth key must not search
    only in the (empty) result of the third."""
    _case(desk, "Sanne", "de Vries", bsn="100091234")
    _case(desk, "Noa", "Bakker")
    assert _typed(desk, "1234") == ["Sanne de Vries"]


def test_each_keystroke_finds_what_a_fresh_search_finds(desk) -> None:  # type: ignore[no-untyped-def]
    """Typing on, deleting, adding a word or changing a filter: the list always equals a
    search of every row from scratch."""
    for first, last in [
        ("Marit", "Bökenkamp"),
        ("Mart", "Bakker"),
        ("Siem", "van der Sande"),
        ("Sander", "Mulder"),
        ("Anne", "Marten"),
    ]:
        _case(desk, first, last)
    typed = ["m", "ma", "mar", "mart", "marte", "mart", "mar", "mar s", "mar sa", "san", "sa m"]
    for text in typed:
        index = queries.case_index(desk)
        words = search_words(text)
        expected = sorted(row.pupil_name for row in index.rows.values() if matches(row, words))
        assert sorted(_found(desk, text)) == expected, text
    overdue_only = queries.case_list(desk, queries.CaseQuery(text="mar", overdue_only=True))
    assert all(row.overdue_count for row in overdue_only)

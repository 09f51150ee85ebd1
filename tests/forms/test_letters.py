"""Letters from templates (core.letters): named fields filled from a case, never code."""

from __future__ import annotations

import datetime as dt

import pytest

from verzuimdesk.core import letters
from verzuimdesk.core.region_spec import LETTER_FIELDS

PREFILL = {
    "pupil.full_name": "Sem de Vries",
    "pupil.first_name": "Sem",
    "pupil.last_name": "de Vries",
    "pupil.birth_date": dt.date(2011, 3, 14),
    "pupil.bsn": "111222333",
    "pupil.street": "Laan 1",
    "pupil.postcode": "2500 AA",
    "pupil.city": "Teststad",
    "pupil.parent_name": "mevrouw De Vries",
    "school.name": "Het Testcollege",
    "school.contact_name": None,
    "case.number": "2024-0007",
    "desk.user": "tester",
}


def values() -> dict[str, str]:
    return letters.letter_values(
        PREFILL, stage="3. Gesprek", regie="Leerplichtambtenaar", today=dt.date(2024, 11, 20)
    )


def test_fields_are_filled_from_the_case() -> None:
    text = "Geachte {ouder.naam},\n{leerling.voornaam} ({leerling.geboortedatum}) op {vandaag}."
    assert letters.fill(text, values()) == (
        "Geachte mevrouw De Vries,\nSem (14-03-2011) op 20 november 2024."
    )


def test_every_letter_field_has_a_value_and_none_is_the_bsn() -> None:
    filled = values()
    assert set(filled) == set(LETTER_FIELDS)
    assert "111222333" not in filled.values()


def test_a_known_field_without_a_value_prints_an_ellipsis_to_complete() -> None:
    assert letters.fill("t.a.v. {school.contactpersoon}", values()) == "t.a.v. …"


def test_double_braces_are_literal_and_nothing_is_evaluated() -> None:
    assert letters.fill("{{leerling.naam}} {leerling.naam}", values()) == (
        "{leerling.naam} Sem de Vries"
    )
    with pytest.raises(letters.LetterError, match="__class__"):
        letters.fill("{leerling.naam.__class__}", values())
    with pytest.raises(letters.LetterError, match="losse accolade"):
        letters.fill("een { te veel", values())


def test_an_unknown_field_is_named_in_dutch() -> None:
    with pytest.raises(letters.LetterError) as caught:
        letters.fill("Beste {ouder.voornaam},", values())
    assert "De brief gebruikt het veld {ouder.voornaam}, dat VerzuimDesk niet kent" in str(
        caught.value
    )


def test_the_national_letters_ship_and_use_only_known_fields() -> None:
    found = {t.id: t for t in letters.national_templates()}
    assert set(found) == letters.NATIONAL_IDS
    for template in found.values():
        assert template.region_id == letters.NATIONAL
        assert template.name and template.description
        assert letters.template_problems(template.text) == []
        assert "{ouder.naam}" in template.text or "{school.naam}" in template.text
        filled = letters.fill(template.text, values())
        assert "2024-0007" in filled and "{" not in filled


def test_first_line_skips_blank_lines() -> None:
    assert letters.first_line("\n\n  Aan de ouders\nregel 2") == "Aan de ouders"

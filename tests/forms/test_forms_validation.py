"""Form values: Dutch validation, pre-filling and JSON (de)serialisation (core, no Qt)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from verzuimdesk.core import forms
from verzuimdesk.core.forms import MESSAGES, prefill, validate
from verzuimdesk.plugins.api import Field, FieldType, FormDef

PARTIJEN = Field(
    "partijen",
    "Betrokken partijen",
    FieldType.REPEAT,
    fields=(
        Field("organisatie", "Organisatie", required=True),
        Field("telefoon", "Telefoonnummer", FieldType.PHONE),
        Field("email", "E-mailadres", FieldType.EMAIL),
        Field("sinds", "Sinds", FieldType.DATE),
    ),
)

FORM = FormDef(
    id="melding",
    region_id="test",
    name="Meldingsformulier thuiszitter",
    version="1",
    fields=(
        Field("naam", "Naam leerling", required=True, prefill="pupil.full_name"),
        Field("geboortedatum", "Geboortedatum", FieldType.DATE, prefill="pupil.birth_date"),
        Field("bsn", "BSN", FieldType.BSN, prefill="pupil.bsn"),
        Field("postcode", "Postcode", FieldType.POSTCODE),
        Field("telefoon", "Telefoon ouders", FieldType.PHONE),
        Field("email", "E-mail ouders", FieldType.EMAIL),
        Field("uren", "Uren", FieldType.NUMBER),
        Field("type", "Type", FieldType.CHOICE, choices=(("B1", "B1"), ("B2a", "B2a"))),
        Field("hulp", "Hulp", FieldType.MULTICHOICE, choices=(("jgz", "JGZ"), ("lpa", "LPA"))),
        Field("ingelicht", "Ouders ingelicht", FieldType.BOOLEAN, required=True),
        Field("school", "School", prefill="school.name"),
        Field("begin", "Eerste verzuimdag", FieldType.DATE, prefill="case.first_absence_on"),
        PARTIJEN,
    ),
)

VALID = {
    "naam": "Sem de Vries",
    "geboortedatum": dt.date(2011, 3, 14),
    "bsn": "111222333",
    "postcode": "2517 AN",
    "telefoon": "070 123 4567",
    "email": "ouders@example.nl",
    "uren": "3,5",
    "type": "B2a",
    "hulp": ["jgz"],
    "ingelicht": True,
    "partijen": [{"organisatie": "JGZ", "telefoon": "06-12345678", "email": "", "sinds": None}],
}


def errors_for(**changes: object) -> dict[str, str]:
    return validate(FORM, {**VALID, **changes})


def test_valid_values_have_no_errors() -> None:
    assert validate(FORM, VALID) == {}


def test_required_text_and_checkbox() -> None:
    errors = errors_for(naam="  ", ingelicht=False)
    assert errors["naam"] == "Dit veld is verplicht."
    assert errors["ingelicht"] == MESSAGES["required_bool"]


def test_optional_empty_fields_are_fine() -> None:
    assert errors_for(bsn="", postcode=None, uren="", hulp=[], geboortedatum=None) == {}


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "1112.22.333", "11122233 3"])
def test_bsn_passes_the_eleven_test(bsn: str) -> None:
    assert "bsn" not in errors_for(bsn=bsn)


@pytest.mark.parametrize("bsn", ["123456789", "12345", "abcdefghi", "000000000"])
def test_bad_bsn_gets_the_dutch_message(bsn: str) -> None:
    assert errors_for(bsn=bsn)["bsn"] == MESSAGES["bsn"]
    assert "elfproef" in MESSAGES["bsn"]


@pytest.mark.parametrize("value", ["1234 AB", "1234ab", "9999 zz"])
def test_postcode_ok(value: str) -> None:
    assert "postcode" not in errors_for(postcode=value)


@pytest.mark.parametrize("value", ["0123 AB", "123 AB", "1234 A", "1234 SA", "AB 1234"])
def test_postcode_bad(value: str) -> None:
    assert errors_for(postcode=value)["postcode"] == "Vul een postcode in als 1234 AB."


@pytest.mark.parametrize(
    "value",
    [
        "070 123 4567",
        "06 12345678",
        "+31 6 12345678",
        "0031 70 1234567",
        "0800-1234",
        "+44 20 7946 0958",
        "+32 2 123 45 67",
    ],
)
def test_dutch_and_international_phone_ok(value: str) -> None:
    assert "telefoon" not in errors_for(telefoon=value)


@pytest.mark.parametrize("value", ["12345", "0612345", "+31 6 123", "+1 23", "bel me"])
def test_dutch_phone_bad(value: str) -> None:
    assert errors_for(telefoon=value)["telefoon"] == MESSAGES["phone"]


def test_email_number_choice_multichoice_and_date() -> None:
    errors = errors_for(
        email="ouders@", uren="veel", type="X", hulp=["jgz", "ggz"], geboortedatum="31-02-2011"
    )
    assert errors == {
        "email": MESSAGES["email"],
        "uren": MESSAGES["number"],
        "type": MESSAGES["choice"],
        "hulp": MESSAGES["multichoice"],
        "geboortedatum": MESSAGES["date"],
    }
    assert errors_for(geboortedatum="14-03-2011") == {}
    assert errors_for(geboortedatum="2011-03-14") == {}


def test_repeat_rows_are_validated_per_row() -> None:
    rows = [
        {"organisatie": "JGZ", "telefoon": "", "email": ""},
        {"organisatie": "", "telefoon": "123", "email": "geen", "sinds": "1-1-2025"},
    ]
    errors = errors_for(partijen=rows)
    assert errors == {
        "partijen[1].organisatie": "Dit veld is verplicht.",
        "partijen[1].telefoon": MESSAGES["phone"],
        "partijen[1].email": MESSAGES["email"],
    }


def test_required_repeat_and_min_items() -> None:
    form = FormDef(
        "f",
        "t",
        "F",
        "1",
        (Field("p", "P", FieldType.REPEAT, required=True, fields=(Field("x", "X"),)),),
    )
    assert validate(form, {"p": []}) == {"p": "Voeg minstens één rij toe."}
    form2 = FormDef(
        "f",
        "t",
        "F",
        "1",
        (Field("p", "P", FieldType.REPEAT, min_items=2, fields=(Field("x", "X"),)),),
    )
    assert validate(form2, {"p": [{"x": "a"}]}) == {"p": "Voeg minstens 2 rijen toe."}


def test_prefill_resolves_paths_in_plain_dicts() -> None:
    class School:
        name = "Het Lyceum"

    context = {
        "pupil": {"full_name": "Sem de Vries", "birth_date": "2011-03-14", "bsn": None},
        "school": School(),
        "case": {"first_absence_on": dt.date(2024, 11, 4)},
    }
    assert prefill(FORM, context) == {
        "naam": "Sem de Vries",
        "geboortedatum": dt.date(2011, 3, 14),
        "school": "Het Lyceum",
        "begin": dt.date(2024, 11, 4),
    }
    assert prefill(FORM, {}) == {}


def test_json_round_trip_keeps_dates() -> None:
    values = {**VALID, "partijen": [{"organisatie": "JGZ", "sinds": dt.date(2025, 1, 6)}]}
    data = forms.to_json(FORM, values)
    text = json.dumps(data)  # JSON-safe
    assert data["geboortedatum"] == "2011-03-14"
    assert data["uren"] == 3.5
    assert data["partijen"][0]["sinds"] == "2025-01-06"
    back = forms.from_json(FORM, json.loads(text))
    assert back["geboortedatum"] == dt.date(2011, 3, 14)
    assert back["partijen"][0]["sinds"] == dt.date(2025, 1, 6)
    assert back["hulp"] == ["jgz"]


def test_normalize_and_display() -> None:
    tidy = forms.normalize(FORM, {"postcode": "2517an", "bsn": "1112.22.333", "naam": " Sem "})
    assert tidy == {"postcode": "2517 AN", "bsn": "111222333", "naam": "Sem"}
    by_id = {f.id: f for f in FORM.fields}
    assert forms.display_value(by_id["geboortedatum"], dt.date(2011, 3, 4)) == "04-03-2011"
    assert forms.display_value(by_id["ingelicht"], True) == "Ja"
    assert forms.display_value(by_id["type"], "B2a") == "B2a"
    assert forms.display_value(by_id["bsn"], "111222333", hide_bsn=True) == "••••••333"
    assert forms.display_value(by_id["uren"], 3.5) == "3,5"
    assert "Organisatie: JGZ" in forms.display_value(PARTIJEN, [{"organisatie": "JGZ"}])


def test_core_forms_does_not_import_qt() -> None:
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys; import verzuimdesk.core.forms; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("email", "jan@school.n1"),
        ("email", "jan@school.nl"),
        ("phone", "+32 2 123 45 67"),
        ("phone", "0612345"),
        ("bsn", "1112.22.333"),
        ("bsn", "123456789"),
        ("postcode", "2517an"),
        ("postcode", "1234 SA"),
    ],
)
def test_dialogs_and_forms_agree(kind: str, value: str) -> None:
    """The services' checks (pupil and school dialogs, import) and the forms accept alike."""
    from verzuimdesk.core import validation
    from verzuimdesk.core.services import common

    field_type = {
        "email": FieldType.EMAIL,
        "phone": FieldType.PHONE,
        "bsn": FieldType.BSN,
        "postcode": FieldType.POSTCODE,
    }[kind]
    check = getattr(common, f"check_{kind}")
    _, service_error = check(value)
    form_error = forms.validate_field(Field("x", "X", field_type), value)
    assert (service_error is None) == (form_error is None)
    assert service_error in (None, validation.MESSAGES[kind])

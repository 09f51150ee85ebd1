"""The form renderer: every field type, Dutch messages next to the fields, save, PDF."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import json
import re
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from verzuimdesk.core.forms import MESSAGES
from verzuimdesk.gui.form_renderer import FormWidget
from verzuimdesk.plugins.api import Field, FieldType, FormDef

FORM = FormDef(
    id="melding-thuiszitter",
    region_id="test",
    name="Meldingsformulier thuiszitter",
    version="2",
    description="Melding bij het meldpunt thuiszitters.",
    fields=(
        Field("naam", "Naam leerling", required=True, prefill="pupil.full_name"),
        Field("postcode", "Postcode", FieldType.POSTCODE),
        Field(
            "geboortedatum",
            "Geboortedatum",
            FieldType.DATE,
            required=True,
            prefill="pupil.birth_date",
        ),
        Field("bsn", "BSN", FieldType.BSN, prefill="pupil.bsn"),
        Field("telefoon", "Telefoonnummer ouders", FieldType.PHONE),
        Field("email", "E-mailadres ouders", FieldType.EMAIL),
        Field("uren", "Uren onderwijs per week", FieldType.NUMBER),
        Field("loopbaan", "Bijzonderheden schoolloopbaan", FieldType.MULTILINE),
        Field(
            "type",
            "Type thuiszitter",
            FieldType.CHOICE,
            required=True,
            choices=(("B1", "B1 relatief verzuim"), ("B2a", "B2a langdurig relatief")),
        ),
        Field(
            "hulp",
            "Betrokken hulp",
            FieldType.MULTICHOICE,
            choices=(("jgz", "JGZ"), ("lpa", "Leerplicht")),
        ),
        Field("ingelicht", "Ouders ingelicht", FieldType.BOOLEAN),
        Field(
            "partijen",
            "Betrokken partijen",
            FieldType.REPEAT,
            fields=(
                Field("organisatie", "Organisatie", required=True),
                Field("email", "E-mailadres", FieldType.EMAIL),
                Field("sinds", "Sinds", FieldType.DATE),
            ),
        ),
    ),
)

GOOD = {
    "naam": "Sem de Vries",
    "postcode": "2517an",
    "geboortedatum": dt.date(2011, 3, 14),
    "bsn": "111222333",
    "telefoon": "06 12345678",
    "email": "ouders@example.nl",
    "uren": "3,5",
    "loopbaan": "Twee keer van school gewisseld.",
    "type": "B2a",
    "hulp": ["jgz"],
    "ingelicht": True,
    "partijen": [{"organisatie": "JGZ Haaglanden", "email": "", "sinds": dt.date(2025, 1, 6)}],
}


@pytest.fixture
def form(qtbot) -> FormWidget:
    widget = FormWidget(FORM, header=[("Leerling", "Sem de Vries"), ("Dossier", "DH-0042")])
    qtbot.addWidget(widget)
    widget.resize(820, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_field_type_gets_its_editor(form: FormWidget) -> None:
    assert isinstance(form.editor("naam"), QLineEdit)
    assert isinstance(form.editor("loopbaan"), QPlainTextEdit)
    assert isinstance(form.editor("type"), QComboBox)
    assert isinstance(form.editor("hulp"), QCheckBox)
    assert isinstance(form.editor("ingelicht"), QCheckBox)
    assert form.editor("geboortedatum").placeholderText() == "leeg"  # an empty date says so
    assert form.values()["geboortedatum"] is None  # a date starts empty
    assert "*" in form._rows["naam"].label.text()  # required marker
    assert "*" not in form._rows["postcode"].label.text()


def test_values_round_trip(form: FormWidget) -> None:
    form.set_values(GOOD)
    values = form.values()
    assert values["geboortedatum"] == dt.date(2011, 3, 14)
    assert values["hulp"] == ["jgz"]
    assert values["ingelicht"] is True
    assert values["uren"] == "3,5"
    assert values["partijen"] == [
        {"organisatie": "JGZ Haaglanden", "email": "", "sinds": dt.date(2025, 1, 6)}
    ]
    form.set_values({})
    assert form.values()["naam"] == "" and form.values()["partijen"] == []


def test_missing_required_and_bad_bsn_block_saving(qtbot, form: FormWidget) -> None:
    form.set_values({**GOOD, "naam": "", "bsn": "123456789"})
    with qtbot.assertNotEmitted(form.saveRequested):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("naam") == "Dit veld is verplicht."
    assert form.error_text("bsn") == MESSAGES["bsn"]
    assert form.error_text("postcode") == ""
    assert form._rows["naam"].error.isVisible()
    assert form.summary_label.text() == "2 velden moeten nog worden verbeterd."
    assert form.editor("naam").hasFocus() or not form.isActiveWindow()


def test_fixed_values_then_save(qtbot, form: FormWidget) -> None:
    form.set_values({**GOOD, "naam": "", "bsn": "123456789"})
    assert not form.validate()
    qtbot.keyClicks(form.editor("naam"), "Sem de Vries")
    assert form.error_text("naam") == ""  # messages follow the edits
    form.set_values({"bsn": "111222333"}, clear=False)
    assert form.error_text("bsn") == ""
    with qtbot.waitSignal(form.saveRequested, timeout=1000) as blocker:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = blocker.args[0]
    json.dumps(saved)  # JSON-safe
    assert saved["geboortedatum"] == "2011-03-14"
    assert saved["postcode"] == "2517 AN"
    assert saved["uren"] == 3.5
    assert saved["partijen"][0]["sinds"] == "2025-01-06"
    # the saved dict loads back
    form.set_values(saved)
    assert form.values()["geboortedatum"] == dt.date(2011, 3, 14)


def test_bsn_is_masked_until_edited(qtbot, form: FormWidget) -> None:
    form.set_values({"bsn": "111222333"})
    edit = form.editor("bsn")
    assert edit.text() == "••••••333"
    assert form.values()["bsn"] == "111222333"
    qtbot.keyClick(edit, Qt.Key.Key_End)  # a key press starts editing: the real number
    assert edit.text() == "111222333"


def test_date_leeg_and_vandaag(qtbot, form: FormWidget) -> None:
    form.set_values({"geboortedatum": dt.date(2011, 3, 14)})
    editor = form._rows["geboortedatum"].editor
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert form.values()["geboortedatum"] is None
    assert editor.edit.text() == ""
    assert editor.edit.line_edit.placeholderText() == "leeg"
    qtbot.mouseClick(editor.today_button, Qt.MouseButton.LeftButton)
    assert form.values()["geboortedatum"] == QDate.currentDate().toPython()


def test_repeat_rows_add_remove_and_row_messages(qtbot, form: FormWidget) -> None:
    repeat = form._rows["partijen"].editor
    qtbot.mouseClick(repeat.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(repeat.add_button, Qt.MouseButton.LeftButton)
    assert len(form.values()["partijen"]) == 2
    first_row = repeat.rows[0][1]
    qtbot.keyClicks(first_row[0].focus_widget, "CJG")
    qtbot.keyClicks(first_row[1].focus_widget, "geen-adres")
    form.set_values({**GOOD, "partijen": form.values()["partijen"]})
    assert not form.validate()
    message = form.error_text("partijen")
    assert "Rij 1, E-mailadres: " + MESSAGES["email"] in message
    assert "Rij 2, Organisatie: Dit veld is verplicht." in message
    assert repeat.rows[0][1][1].focus_widget.property("invalid") is True
    assert not repeat.rows[0][1][0].focus_widget.property("invalid")
    remove_second = repeat.rows[1][2]
    qtbot.mouseClick(remove_second, Qt.MouseButton.LeftButton)
    assert [r["organisatie"] for r in form.values()["partijen"]] == ["CJG"]


def test_choice_and_multichoice_by_mouse(qtbot, form: FormWidget) -> None:
    form.editor("type").setCurrentIndex(1)
    assert form.values()["type"] == "B1"
    check = form.editor("hulp")
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert form.values()["hulp"] == ["jgz"]


def test_prefill_fills_only_empty_fields(form: FormWidget) -> None:
    form.set_values({"naam": "Al ingevuld"})
    filled = form.apply_prefill(
        {"pupil": {"full_name": "Sem", "birth_date": "2011-03-14", "bsn": "111222333"}}
    )
    assert filled == {"geboortedatum": dt.date(2011, 3, 14), "bsn": "111222333"}
    assert form.values()["naam"] == "Al ingevuld"


def test_service_errors_are_shown_next_to_the_field(form: FormWidget) -> None:
    form.set_errors({"email": "Dit adres is bij DUO onbekend."})
    assert form.error_text("email") == "Dit adres is bij DUO onbekend."
    form.set_errors({})
    assert form.error_text("email") == ""


def _pdf_text(data: bytes) -> str:
    """The text of a Qt-written PDF: glyph codes of each font mapped by its ToUnicode CMap."""
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}

    def stream(body: bytes) -> bytes:
        match = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        if not match:
            return b""
        raw = match.group(1)
        return zlib.decompress(raw) if b"FlateDecode" in body else raw

    cmaps: dict[bytes, dict[int, str]] = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        font = objects.get(int(number), b"")
        ref = re.search(rb"/ToUnicode (\d+) 0 R", font)
        if not ref:
            continue
        table: dict[int, str] = {}
        cmap = stream(objects[int(ref.group(1))])
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for lo, hi, dst in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block
            ):
                codes = range(int(lo, 16), int(hi, 16) + 1)
                if dst.startswith(b"["):  # one destination per code
                    targets = re.findall(rb"<([0-9A-Fa-f]+)>", dst)
                    for code, target in zip(codes, targets, strict=False):
                        table[code] = bytes.fromhex(target.decode()).decode("utf-16-be")
                else:
                    start = int(dst[1:-1], 16)
                    for offset, code in enumerate(codes):
                        table[code] = chr(start + offset)
        cmaps[name] = table
    out: list[str] = []
    for body in objects.values():
        content = stream(body) if b"stream" in body else b""
        if b"BT" not in content:
            continue
        font: dict[int, str] = {}
        for match in re.finditer(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", content):
            if match.group(1):
                font = cmaps.get(match.group(1), {})
            else:
                hexa = match.group(2).decode()
                out += [font.get(int(hexa[i : i + 4], 16), "") for i in range(0, len(hexa), 4)]
    return "".join(out)


def test_print_to_pdf_writes_a_pdf_with_the_form_text(tmp_path: Path, form: FormWidget) -> None:
    form.set_values(GOOD)
    path = form.print_to_pdf(tmp_path / "melding.pdf", printed_on=dt.date(2025, 2, 19))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 2000
    text = re.sub(r"\s+", "", _pdf_text(data))
    for expected in (
        "Meldingsformulierthuiszitter",
        "SemdeVries",
        "DH-0042",
        "14-03-2011",
        "111222333",
        "B2alangdurigrelatief",
        "JGZHaaglanden",
        "19-02-2025",
    ):
        assert expected in text, expected
    masked = form.print_to_pdf(tmp_path / "kopie.pdf", hide_bsn=True)
    assert "111222333" not in re.sub(r"\s+", "", _pdf_text(masked.read_bytes()))

"""The Lelystad and Amstelland regions in the GUI (issue 12): every form rendered, filled,
exported as PDF; conditional fields shown only when they apply; and the move dialog that
offers a step a precondition still blocks, says why, and refuses it.

Renders of the screens go to the test's own folder (``tmp_path``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.gui import TODAY, shown_window
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import case_forms, cases, pupils
from verzuimdesk.gui import errors
from verzuimdesk.gui.form_renderer import FormWidget
from verzuimdesk.plugins.manager import create_plugin_manager


def _registry(region: str) -> Any:
    if region == "lelystad":
        from verzuimdesk_lelystad import plugin
    else:
        from verzuimdesk_amstelland import plugin
    return create_plugin_manager(load_entrypoints=False, plugins=[plugin], strict=True)


def _forms(region: str) -> list[Any]:
    return [(region, f) for f in _registry(region).forms(region)]


CONTEXT = {
    "pupil": {"full_name": "Noa Visser", "birth_date": dt.date(2016, 3, 1), "bsn": "123456782",
              "street": "Stationsplein 3", "postcode": "8232 VT", "city": "Lelystad",
              "parent_phone": "0320 123456", "parent_email": "ouders@example.nl"},
    "school": {"name": "De Regenboog", "contact_name": "J. de Boer"},
    "case": {"first_absence_on": dt.date(2026, 9, 7), "inspectie_category": "B2a"},
    "desk": {"today": dt.date(2026, 11, 16), "user": "qa"},
}  # fmt: skip


@pytest.mark.parametrize(("region", "form"), _forms("lelystad") + _forms("amstelland"))
def test_every_form_renders_and_exports(qtbot: Any, tmp_path: Path, region: str, form: Any) -> None:
    widget = FormWidget(form, header=[("Leerling", "Noa Visser"), ("Regio", region)])
    qtbot.addWidget(widget)
    widget.resize(860, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.apply_prefill(CONTEXT)
    for field in form.fields:  # every field is there with its label
        assert widget.editor(field.id) is not None
    widget.grab().save(str(tmp_path / f"{form.id}.png"))
    pdf = widget.print_to_pdf(tmp_path / f"{form.id}.pdf", printed_on=dt.date(2026, 11, 16))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    html = widget.to_html(printed_on=dt.date(2026, 11, 16))
    assert form.name in html


def test_meldingsformulier_thuiszitter_has_bijlage_2(qtbot: Any, tmp_path: Path) -> None:
    form = _registry("lelystad").form("lelystad", "ll-melding-thuiszitter")
    widget = FormWidget(form)
    qtbot.addWidget(widget)
    widget.apply_prefill(CONTEXT)
    labels = [f.label for f in form.fields]
    for label in ("Naam leerling", "Adres", "Geboortedatum", "BSN-nummer",
                  "Telefoonnummer ouders", "E-mailadres ouders", "Ingeschreven school",
                  "Naam contactpersoon", "Telefoonnummer contactpersoon", "E-mail contactpersoon",
                  "Datum verzuim", "Bijzonderheden schoolloopbaan tot heden", "Type thuiszitter",
                  "Specifieke reden verzuim", "Betrokken partijen",
                  "Acties in ondersteunings-/basisteam op basis van scenario's"):  # fmt: skip
        assert label in labels
    combo = widget.editor("type")
    assert [combo.itemData(i) for i in range(1, combo.count())] == [
        "A1", "A2a", "A2b", "A2c", "B1", "B2a", "B2b", "B3"
    ]  # fmt: skip
    assert widget.values()["type"] == "B2a"  # pre-filled from the case's category
    partijen = next(f for f in form.fields if f.id == "partijen")
    assert [s.label for s in partijen.fields] == [
        "Organisatie", "Contactpersoon", "Telefoonnummer", "E-mailadres"
    ]  # fmt: skip
    widget.repeat_add_row("partijen", {"organisatie": "GGD Flevoland", "telefoon": "0320 123456"})
    widget.repeat_add_row("partijen", {"organisatie": "Leerplicht Lelystad"})
    assert [r["organisatie"] for r in widget.values()["partijen"]] == [
        "GGD Flevoland", "Leerplicht Lelystad"
    ]  # fmt: skip
    assert "GGD Flevoland" in widget.to_html()


def test_conditional_fields_follow_the_answer(qtbot: Any, tmp_path: Path) -> None:
    form = _registry("amstelland").form("amstelland", "am-melding")
    widget = FormWidget(form)
    qtbot.addWidget(widget)
    widget.resize(860, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.is_shown("instemming") and widget.editor("instemming").isHidden() is False
    assert not widget.editor("instemming").isVisible()
    soort = widget.editor("soort")
    soort.setCurrentIndex(soort.findData("uitgebreid"))
    soort.activated.emit(soort.currentIndex())  # as a user's choice
    qtbot.waitUntil(lambda: widget.editor("instemming").isVisible(), timeout=1000)
    assert widget.is_shown("hulpvraag") and not widget.is_shown("instemming_van")
    widget.editor("instemming").click()  # as a user ticks it
    qtbot.waitUntil(lambda: widget.editor("instemming_op").isVisible(), timeout=1000)
    widget.grab().save(str(tmp_path / "am_melding_uitgebreid.png"))
    # Back to beperkt: consent and its details disappear, are not required, not printed.
    soort.setCurrentIndex(soort.findData("beperkt"))
    soort.activated.emit(soort.currentIndex())
    qtbot.waitUntil(lambda: not widget.editor("instemming").isVisible(), timeout=1000)
    assert not widget.editor("instemming_op").isVisible()
    assert "instemming_van" not in widget.errors() and "instemming_op" not in widget.errors()
    assert "Instemming gegeven op" not in widget.to_html()


@pytest.fixture
def am_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The main window on a fresh Amstelland case base."""
    case_base = create_case_base(sqlite_url(tmp_path / "am.sqlite"), "amstelland", today=TODAY)
    desk = Desk(case_base, _registry("amstelland"), user="tester", today=TODAY)
    yield from shown_window(qtbot, desk)
    case_base.close()


def test_move_dialog_says_why_a_step_is_blocked_and_refuses_it(
    qtbot: Any, am_window: Any, tmp_path: Path
) -> None:
    window, desk = am_window, am_window.desk
    school = pupils.create_school(desk, pupils.SchoolData("Herman Wesselink", "VO", "noord"))
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Sara", "Jansen", dt.date(2011, 4, 2), school_id=school)
    )
    case_id = cases.open_case(desk, pupil, opened_on=TODAY - dt.timedelta(days=14))
    case_forms.save_form(
        desk, case_id, "am-melding",
        {"leerling": "Sara Jansen", "geboortedatum": dt.date(2011, 4, 2), "school": "Herman "
         "Wesselink", "kanaal": "regioloket", "verzuim_sinds": TODAY - dt.timedelta(days=40),
         "soort_verzuim": ["ziek"], "situatie": "Thuis sinds september.", "soort": "uitgebreid"},
    )  # fmt: skip
    view = window.open_case(case_id)
    dialog = view.ladder.open_move_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    texts = [dialog.target_combo.itemText(i) for i in range(dialog.target_combo.count())]
    assert "3. Regioloket onderzoekt (voorwaarde ontbreekt)" in texts
    dialog.set_target("am-3-regioloket")
    assert dialog.target_hint.isVisible()
    assert "medeweten en instemming" in dialog.target_hint.text()
    qtbot.keyClicks(dialog.reason_edit, "Uitgebreide melding ontvangen")
    dialog.grab().save(str(tmp_path / "am_move_blocked.png"))
    assert not dialog.try_accept()
    assert "medeweten en instemming" in dialog.target_error.text()
    assert view.ladder.step_status("am-1-vo").value == "current"
    dialog.reject()
    assert not errors.shown


def test_monitoring_dialog_lists_pupils_without_absence_records(
    qtbot: Any, tmp_path: Path
) -> None:
    from verzuimdesk.core.services import legal_data
    from verzuimdesk.gui.monitoring_dialog import MonitoringDialog

    case_base = create_case_base(sqlite_url(tmp_path / "ll.sqlite"), "lelystad", today=TODAY)
    desk = Desk(case_base, _registry("lelystad"), user="tester", today=TODAY)
    school = pupils.create_school(desk, pupils.SchoolData("De Regenboog", "PO", "noord"))
    pupils.create_pupil(desk, pupils.PupilData("Sam", "Kok", dt.date(2015, 1, 5), school_id=school))
    pupils.create_pupil(
        desk, pupils.PupilData("Lina", "Bos", TODAY.replace(year=TODAY.year - 4) - dt.timedelta(30))
    )
    exempt = pupils.create_pupil(desk, pupils.PupilData("Eva", "Dijk", dt.date(2012, 2, 1)))
    legal_data.set_exemptions(
        desk, exempt, [legal_data.ExemptionData("5b", TODAY - dt.timedelta(days=100))]
    )
    dialog = MonitoringDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    cells = [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]
    assert [(row[0], row[1], row[5]) for row in cells] == [
        ("A2 vrijstelling", "Eva Dijk", "A2b"),
        ("4 jaar, niet ingeschreven", "Lina Bos", ""),
    ]
    assert dialog.count_label.text() == "2 leerling(en)"
    assert "Begeleider passend onderwijs" in dialog.description.text()
    dialog.grab().save(str(tmp_path / "monitoring.png"))
    text = dialog.export(tmp_path / "lijst.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Groep;Leerling;Geboortedatum")
    assert "Eva Dijk" in text and "Sam Kok" not in text
    dialog.close()
    case_base.close()

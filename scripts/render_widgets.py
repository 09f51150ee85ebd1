"""Render the case-file widgets with realistic sample data to PNG files.

Usage::

    QT_QPA_PLATFORM=offscreen python scripts/render_widgets.py [output-folder]

Writes ``timeline.png``, ``timeline-zoomed-out.png``, ``ladder.png``, ``move-dialog.png``,
``form.png`` and ``form-errors.png`` (and ``form.pdf``) to ``/tmp/vd-shots`` by default.
The data is synthetic: a Den Haag case at lesweek 14 with a Christmas vacation.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verzuimdesk.gui.pyside_workaround import make_none_immortal

make_none_immortal()

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from verzuimdesk.gui.form_renderer import FormWidget  # noqa: E402
from verzuimdesk.gui.ladder_model import (  # noqa: E402
    LadderAction,
    LadderDecision,
    LadderDisplay,
    LadderOutcome,
    LadderStep,
    StepStatus,
)
from verzuimdesk.gui.ladder_view import LadderStepper  # noqa: E402
from verzuimdesk.gui.timeline import (  # noqa: E402
    Band,
    EventKind,
    TimelineData,
    TimelineDeadline,
    TimelineEvent,
    TimelineWidget,
    build_weeks,
)
from verzuimdesk.plugins.api import Field, FieldType, FormDef  # noqa: E402

D = dt.date
TODAY = D(2025, 2, 19)


def sample_timeline() -> TimelineData:
    """A Den Haag case: first absence 4 Nov 2024, today in lesweek 14."""
    vacations = {
        D(2024, 12, 23): "Kerstvakantie",
        D(2024, 12, 30): "Kerstvakantie",
        D(2025, 2, 24): "Voorjaarsvakantie",
    }
    events = [
        TimelineEvent("e1", D(2024, 11, 6), EventKind.TALK, "Gesprek mentor met leerling"),
        TimelineEvent(
            "e2",
            D(2024, 11, 12),
            EventKind.TALK,
            "Gesprek met ouders",
            "Samen met SMW; afspraak: dagelijks bellen bij afwezigheid.",
        ),
        TimelineEvent("e3", D(2024, 11, 22), EventKind.SIGNAL, "16 uur in 4 lesweken"),
        TimelineEvent("e4", D(2024, 11, 25), EventKind.DUO_REPORT, "DUO-melding 16 uur"),
        TimelineEvent("e5", D(2024, 12, 2), EventKind.SIGNAL, "Langdurig relatief verzuim"),
        TimelineEvent("e6", D(2024, 12, 3), EventKind.STAGE_CHANGE, "Naar stap 5: JES"),
        TimelineEvent("e7", D(2024, 12, 10), EventKind.MEETING, "JES: analyse en OPP"),
        TimelineEvent("e8", D(2025, 1, 14), EventKind.MEETING, "MDO met jeugdarts"),
        TimelineEvent(
            "e9",
            D(2025, 1, 21),
            EventKind.DECISION,
            "Advies JGZ: 2 uur per dag",
            "Jeugdarts: belastbaar voor onderwijs, opbouw in 6 weken.",
        ),
        TimelineEvent("e10", D(2025, 2, 4), EventKind.STAGE_CHANGE, "Naar stap 9: loopt vast"),
        TimelineEvent("e11", D(2025, 2, 12), EventKind.TALK, "Telefoongesprek COPA"),
    ]
    deadlines = [
        TimelineDeadline(
            "d1", D(2024, 11, 29), "DUO-melding 16 uur", done=True, done_on=D(2024, 11, 25)
        ),
        TimelineDeadline("d2", D(2025, 1, 10), "OPP vastleggen", done=True, done_on=D(2025, 1, 9)),
        TimelineDeadline(
            "d3",
            D(2025, 2, 14),
            "Aanmelden Expertisetafel",
            detail="JES meldt aan bij de Regisseur JMO.",
        ),
        TimelineDeadline("d4", D(2025, 3, 7), "Evaluatie plan van aanpak"),
    ]
    return TimelineData(
        first_absence=D(2024, 11, 4),
        today=TODAY,
        weeks=build_weeks(D(2024, 11, 4), D(2025, 3, 14), vacations),
        bands=[
            Band("Verzuim", 1, 4, "#fde7c4"),
            Band("Thuiszittersproces", 5, 12, "#fbd5c0"),
            Band("Doorbraakproces", 13, None, "#f5c6d0"),
        ],
        events=events,
        deadlines=deadlines,
    )


def sample_ladder(current: str = "dh-09") -> LadderDisplay:
    """The Den Haag route (steps 1–12 with the 10a/10b branch), the case on step 9."""
    done = {"dh-01", "dh-02", "dh-03", "dh-05", "dh-06"}
    if current == "dh-12":
        done |= {"dh-09", "dh-10a", "dh-11"}
    entered = {
        "dh-01": D(2024, 11, 4),
        "dh-02": D(2024, 11, 6),
        "dh-03": D(2024, 11, 12),
        "dh-05": D(2024, 12, 3),
        "dh-06": D(2025, 1, 14),
        "dh-09": D(2025, 2, 4),
        "dh-10a": D(2025, 2, 10),
        "dh-11": D(2025, 2, 13),
        "dh-12": D(2025, 2, 17),
    }
    jes = ("COPA", "Leerplicht", "SMW", "Schoolondersteuner SWVZHW", "CJG / JGZ")
    raw = [
        ("dh-01", "1", "School: preventief verzuimbeleid", "Preventie", "Zorgcoördinator", ()),
        ("dh-02", "2", "Verzuim", "Verzuim", "Zorgcoördinator", ("Leerplicht",)),
        ("dh-03", "3", "In gesprek met leerling en ouders", "Verzuim", "Zorgcoördinator", ("SMW",)),
        ("dh-04", "4", "Verzuim stopt", "Verzuim", "Zorgcoördinator", ()),
        ("dh-05", "5", "JES: analyse en plan in OPP", "Thuiszittersproces", "COPA", jes),
        ("dh-06", "6", "Advies JGZ", "Thuiszittersproces", "Jeugdarts", ("COPA",)),
        (
            "dh-07",
            "7",
            "Advies Expertisetafel Complexe Zorg",
            "Thuiszittersproces",
            "COPA",
            ("Regisseur JMO",),
        ),
        ("dh-08", "8", "Passend aanbod", "Thuiszittersproces", "COPA", jes),
        ("dh-09", "9", "Casus loopt vast", "Thuiszittersproces", "COPA", jes),
        (
            "dh-10a",
            "10a",
            "Expertisetafel Complexe Zorg",
            "Doorbraakproces",
            "Regisseur JMO",
            ("COPA", "Jeugdarts"),
        ),
        (
            "dh-10b",
            "10b",
            "Maatwerkadviestraject (MWTA)",
            "Doorbraakproces",
            "Schoolondersteuner SWVZHW",
            ("COPA", "Leerplicht"),
        ),
        ("dh-11", "11", "Analysetafel Jeugdhulp", "Doorbraakproces", "Regisseur JMO", ()),
        (
            "dh-12",
            "12",
            "Doorbraaktafel",
            "Doorbraakproces",
            "Directeur Jeugd (JMO)",
            ("Directeur SWVZHW",),
        ),
    ]
    next_ids = {
        "dh-09": ("dh-10a", "dh-10b"),
        "dh-12": ("dh-08", "dh-09"),
    }
    actions = {
        "dh-09": (
            LadderAction("a91", "Casus opnieuw besproken in het JES", True, "COPA"),
            LadderAction("a92", "Advies gevraagd binnen eigen organisaties", True),
            LadderAction("a93", "Dominante vraag bepaald: jeugdhulp of onderwijs", False, "COPA"),
            LadderAction("a94", "Ouders en leerling geïnformeerd over opschaling", False),
            LadderAction("a95", "Leerplicht op de hoogte gebracht", False, required=False),
        ),
        "dh-12": (
            LadderAction("a121", "Casus ingediend bij de Doorbraaktafel", True),
            LadderAction("a122", "Betrokken partijen geraadpleegd", False),
        ),
    }
    decisions = {
        "dh-12": (
            LadderDecision("toegekend", "Toegekend", ("dh-08",), note_required=True),
            LadderDecision("afgewezen", "Afgewezen", ("dh-09",), note_required=True),
        ),
    }
    outcomes = (
        LadderOutcome("volledig", "Volledig onderwijsaanbod"),
        LadderOutcome("behandeling", "Onderwijs in combinatie met behandeling"),
        LadderOutcome("jeugdhulp", "Combinatie van jeugdhulp en onderwijs"),
        LadderOutcome("vrijstelling", "Vrijstelling van onderwijs (SMA-arts)"),
    )
    allowed = next_ids.get(current, ())
    steps = []
    for sid, number, name, band, regie, involved in raw:
        if sid == current:
            status = StepStatus.CURRENT
        elif sid in done:
            status = StepStatus.DONE
        elif sid == "dh-10a" and current == "dh-09":
            status = StepStatus.SUGGESTED
        elif sid in allowed:
            status = StepStatus.NEXT
        else:
            status = StepStatus.OTHER
        steps.append(
            LadderStep(
                sid,
                number,
                name,
                band=band,
                status=status,
                regie=regie,
                involved=involved,
                actions=actions.get(sid, ()),
                next_ids=next_ids.get(sid, ()),
                decisions=decisions.get(sid, ()),
                outcomes=outcomes if sid == "dh-08" else (),
                final=sid in ("dh-04", "dh-08"),
                reason="lesweek 13 bereikt · jeugdhulp dominant" if sid == "dh-10a" else "",
                entered_on=entered.get(sid),
            )
        )
    return LadderDisplay(tuple(steps), TODAY, "Route Den Haag (Routeboek VO 2022)")


def render_ladder(out: Path) -> None:
    """The ladder on step 9, the move dialog with an error, and the Doorbraaktafel move."""
    ladder = LadderStepper(sample_ladder())
    ladder.resize(560, 980)
    ladder.show()
    _save(ladder, out, "ladder.png")
    dialog = ladder.open_move_dialog()
    assert dialog is not None
    dialog.set_target("dh-10a")
    dialog.try_accept()  # no reason yet: shows the Dutch message
    dialog.adjustSize()
    _save(dialog, out, "move-dialog.png")
    dialog.close()
    ladder12 = LadderStepper(sample_ladder("dh-12"))
    ladder12.resize(560, 980)
    ladder12.show()
    _save(ladder12, out, "ladder-step12.png")
    dialog12 = ladder12.open_move_dialog()
    assert dialog12 is not None
    dialog12.set_decision("afgewezen")
    dialog12.reason_edit.setPlainText("Geen passend aanbod binnen bestaande voorzieningen.")
    dialog12.adjustSize()
    _save(dialog12, out, "move-dialog-decision.png")
    dialog12.close()


THUISZITTER_TYPES = (
    ("A1", "A1 — langdurig of vaak ziek gemeld"),
    ("A2a", "A2a — vrijstelling: psychische of lichamelijke redenen"),
    ("A2b", "A2b — vrijstelling: bezwaar tegen de richting"),
    ("A2c", "A2c — vrijstelling: school in het buitenland"),
    ("B1", "B1 — relatief verzuimer"),
    ("B2a", "B2a — langdurig relatief verzuim, 4 weken tot 3 maanden"),
    ("B2b", "B2b — langdurig relatief verzuim, meer dan 3 maanden"),
    ("B3", "B3 — absoluut verzuimer"),
)


def sample_form() -> FormDef:
    """The *Meldingsformulier thuiszitter* (seed 001, Bijlage 2), with every field type."""
    return FormDef(
        id="melding-thuiszitter",
        region_id="lelystad",
        name="Meldingsformulier thuiszitter",
        version="1",
        description="Melding van een thuiszitter bij het meldpunt van het samenwerkingsverband.",
        fields=(
            Field("naam", "Naam leerling", required=True, prefill="pupil.full_name"),
            Field("adres", "Adres", prefill="pupil.street"),
            Field(
                "postcode", "Postcode", FieldType.POSTCODE, required=True, prefill="pupil.postcode"
            ),
            Field("woonplaats", "Woonplaats", prefill="pupil.city"),
            Field(
                "geboortedatum",
                "Geboortedatum",
                FieldType.DATE,
                required=True,
                prefill="pupil.birth_date",
            ),
            Field("bsn", "BSN", FieldType.BSN, required=True, prefill="pupil.bsn"),
            Field(
                "tel_ouders",
                "Telefoonnummer ouders",
                FieldType.PHONE,
                required=True,
                prefill="pupil.parent_phone",
            ),
            Field(
                "mail_ouders", "E-mailadres ouders", FieldType.EMAIL, prefill="pupil.parent_email"
            ),
            Field("school", "Ingeschreven school", required=True, prefill="school.name"),
            Field("contact", "Naam contactpersoon", prefill="school.contact_name"),
            Field(
                "contact_tel",
                "Telefoonnummer contactpersoon",
                FieldType.PHONE,
                prefill="school.contact_phone",
            ),
            Field(
                "datum_verzuim",
                "Datum verzuim",
                FieldType.DATE,
                required=True,
                prefill="case.first_absence_on",
                help="De eerste dag van het verzuim.",
            ),
            Field("uren", "Uren onderwijs per week op dit moment", FieldType.NUMBER),
            Field("loopbaan", "Bijzonderheden schoolloopbaan tot heden", FieldType.MULTILINE),
            Field(
                "type",
                "Type thuiszitter",
                FieldType.CHOICE,
                required=True,
                choices=THUISZITTER_TYPES,
            ),
            Field("reden", "Specifieke reden verzuim", FieldType.MULTILINE, required=True),
            Field(
                "hulp",
                "Betrokken hulpverlening",
                FieldType.MULTICHOICE,
                choices=(
                    ("jgz", "JGZ / jeugdarts"),
                    ("lpa", "Leerplicht"),
                    ("cjg", "CJG / wijkteam"),
                    ("smw", "Schoolmaatschappelijk werk"),
                    ("ggz", "GGZ"),
                    ("overig", "Anders"),
                ),
            ),
            Field(
                "partijen",
                "Betrokken partijen",
                FieldType.REPEAT,
                fields=(
                    Field("organisatie", "Organisatie", required=True),
                    Field("persoon", "Contactpersoon"),
                    Field("telefoon", "Telefoonnummer", FieldType.PHONE),
                    Field("email", "E-mailadres", FieldType.EMAIL),
                ),
            ),
            Field(
                "acties",
                "Acties in ondersteunings-/basisteam op basis van scenario's",
                FieldType.MULTILINE,
            ),
            Field(
                "ouders_ingelicht",
                "Ouders zijn over deze melding ingelicht",
                FieldType.BOOLEAN,
                required=True,
            ),
        ),
    )


CONTEXT = {
    "pupil": {
        "full_name": "Sem de Vries",
        "street": "Laan van Meerdervoort 112",
        "postcode": "2517 AN",
        "city": "Den Haag",
        "birth_date": "2011-03-14",
        "bsn": "111222333",
        "parent_phone": "06 12345678",
        "parent_email": "fam.devries@example.nl",
    },
    "school": {
        "name": "Christelijk Lyceum Zeist",
        "contact_name": "M. Bakker (zoco)",
        "contact_phone": "070 123 4567",
    },
    "case": {"first_absence_on": D(2024, 11, 4)},
}
HEADER = [
    ("Leerling", "Sem de Vries (13 jaar)"),
    ("Dossier", "DH-2025-0042"),
    ("School", "Christelijk Lyceum Zeist"),
    ("Stap", "9. Casus loopt vast"),
]


def render_form(out: Path) -> None:
    """The form pre-filled, with validation messages, and its PDF."""
    widget = FormWidget(sample_form(), header=HEADER)
    widget.apply_prefill(CONTEXT)
    widget.set_values(
        {
            "type": "B2a",
            "reden": "Angstklachten; leerling durft sinds de herfstvakantie niet meer naar school.",
            "hulp": ["jgz", "lpa"],
            "partijen": [
                {
                    "organisatie": "JGZ Haaglanden",
                    "persoon": "Dr. A. Jansen",
                    "telefoon": "070 752 5300",
                    "email": "a.jansen@example.nl",
                },
                {
                    "organisatie": "CJG Segbroek",
                    "persoon": "K. de Wit",
                    "telefoon": "",
                    "email": "",
                },
            ],
        },
        clear=False,
    )
    widget.resize(900, 1900)
    widget.show()
    _save(widget, out, "form.png")
    pdf = widget.print_to_pdf(out / "form.pdf", printed_on=TODAY)
    print(pdf)
    _print_preview(widget, out)
    widget.set_values(
        {
            "naam": "",
            "bsn": "123456789",
            "ouders_ingelicht": False,
            "partijen": [
                {
                    "organisatie": "",
                    "persoon": "K. de Wit",
                    "telefoon": "12345",
                    "email": "geen-adres",
                }
            ],
        },
        clear=False,
    )
    widget.request_save()
    _save(widget, out, "form-errors.png")
    small = FormWidget(sample_form(), header=HEADER)
    small.apply_prefill(CONTEXT)
    small.resize(760, 640)
    small.show()
    _save(small, out, "form-small.png")


def _print_preview(widget: FormWidget, out: Path) -> None:
    """Draw what the PDF holds to a PNG."""
    # what the PDF holds, as an image (no PDF rasteriser is installed here)
    from PySide6.QtGui import QImage, QPainter, QTextDocument

    document = QTextDocument()
    document.setHtml(widget.to_html(printed_on=TODAY))
    document.setTextWidth(700)
    image = QImage(760, int(document.size().height()) + 40, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.translate(30, 20)
    document.drawContents(painter)
    painter.end()
    image.save(str(out / "form-print.png"))
    print(out / "form-print.png")


def _save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    path = out / name
    widget.grab().save(str(path))
    print(path)


def render_timeline(out: Path) -> None:
    """The timeline at the default zoom, with one item selected, and zoomed out."""
    widget = TimelineWidget(sample_timeline())
    widget.resize(1100, widget.sizeHint().height())
    widget.show()
    widget.select_item("e9")
    _save(widget, out, "timeline.png")
    widget.zoom_to_fit()
    _save(widget, out, "timeline-zoomed-out.png")
    widget.set_zoom(140)
    widget.select_item("d3")
    _save(widget, out, "timeline-zoomed-in.png")


def main() -> None:
    """Render every widget to PNG files."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/vd-shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    render_timeline(out)
    render_ladder(out)
    render_form(out)


if __name__ == "__main__":
    main()

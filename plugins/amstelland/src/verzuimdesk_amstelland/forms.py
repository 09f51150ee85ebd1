"""Amstelland en de Meerlanden's forms (seed 004).

- :data:`MELDING`: the *melding langdurig verzuim* at the Regioloket (VO) or the PO
  samenwerkingsverband: *beperkt* (monitoring only, the school keeps regie) or
  *uitgebreid* (the Regioloket investigates). The choice drives the ladder: an ``ANSWER``
  trigger suggests the matching step and a precondition refuses the other. An extended
  report asks for the *medeweten en instemming* of parents and/or pupil (shown only for
  *uitgebreid*); without it the SWV's steps cannot be entered.
- :data:`DOORBRAAK`: the report of a doorbraakoverleg: the mandated person per
  organisation and the agreements that lead to direct actions, each with an owner and a
  date (deadlines of the case).
"""

from __future__ import annotations

from verzuimdesk.plugins.api import Field, FieldType, FormDef, pupil_fields

R = "amstelland"
SRC = "SWV Amstelland en de Meerlanden, Verzuim (webpagina)"

MELDING = "am-melding"
DOORBRAAK = "am-doorbraakverslag"

#: The organisations of a doorbraakoverleg and the other owners of an agreement.
OWNERS: tuple[tuple[str, str], ...] = (
    ("school", "School"),
    ("lpa", "Leerplicht"),
    ("ggd", "GGD"),
    ("casemanager", "SWV (casemanager)"),
    ("regioloket", "Regioloket"),
    ("hulpverlening", "Hulpverleningsinstantie"),
    ("ouders", "Ouders/leerling"),
)

MELDING_FORM = FormDef(
    id=MELDING,
    region_id=R,
    name="Melding langdurig verzuim (Regioloket)",
    version="1",
    description="Langdurig verzuim (een maand of langer, elke soort verzuim) doorlopend melden: "
    "beperkt (alleen monitoring, de school houdt regie) of uitgebreid (het Regioloket "
    "onderzoekt en helpt).",
    source=f"{SRC}, Melding van verzuim; Wat doet het Regioloket",
    fields=(
        *pupil_fields("leerling", "geboortedatum", "bsn", "school"),
        Field(
            "kanaal",
            "Gemeld via",
            FieldType.CHOICE,
            required=True,
            choices=(("regioloket", "Regioloket"), ("top", "TOP-dossier")),
        ),
        Field(
            "verzuim_sinds",
            "Verzuimt sinds",
            FieldType.DATE,
            required=True,
            prefill="case.first_absence_on",
        ),
        Field(
            "soort_verzuim",
            "Soort verzuim",
            FieldType.MULTICHOICE,
            required=True,
            choices=(
                ("ziek", "Ziek"),
                ("ongeoorloofd", "Ongeoorloofd"),
                ("geoorloofd", "Geoorloofd (anders dan ziek)"),
                ("schorsing", "Schorsing"),
                ("geen_plek", "Geen passende plek"),
            ),
        ),
        Field("situatie", "Situatie en lopende interventies", FieldType.MULTILINE, required=True),
        Field(
            "soort",
            "Soort melding",
            FieldType.CHOICE,
            required=True,
            choices=(
                ("beperkt", "Beperkt: alleen monitoring, de school houdt regie"),
                ("uitgebreid", "Uitgebreid: het Regioloket onderzoekt en helpt"),
            ),
            help="Bij een beperkte melding onderneemt het Regioloket geen actie.",
        ),
        Field(
            "hulpvraag",
            "Hulpvraag aan het Regioloket",
            FieldType.MULTICHOICE,
            shown_when="soort",
            shown_values=("uitgebreid",),
            choices=(
                ("onderzoek", "Situatie en interventies onderzoeken"),
                ("mdo", "Multidisciplinair overleg (MDO)"),
                ("doorbraak", "Doorbraakoverleg"),
                ("tlv", "Hulp bij aanvraag TLV"),
                ("meedenken", "Meedenken over hervatten schoolgang"),
            ),
        ),
        Field(
            "instemming",
            "Ouders en/of leerling weten van de melding en stemmen in",
            FieldType.BOOLEAN,
            shown_when="soort",
            shown_values=("uitgebreid",),
            help="Het SWV werkt altijd met medeweten en instemming van de ouders en/of de "
            "leerling.",
        ),
        Field(
            "instemming_van",
            "Instemming van",
            FieldType.MULTICHOICE,
            required=True,
            shown_when="instemming",
            choices=(("ouders", "Ouders/verzorgers"), ("leerling", "Leerling")),
        ),
        Field(
            "instemming_op",
            "Instemming gegeven op",
            FieldType.DATE,
            required=True,
            shown_when="instemming",
        ),
    ),
)

DOORBRAAK_FORM = FormDef(
    id=DOORBRAAK,
    region_id=R,
    name="Verslag doorbraakoverleg",
    version="1",
    description="Per instantie een gemandateerde met doorzettingsmacht; na het overleg "
    "afspraken die leiden tot directe acties, elk met een eigenaar en een datum.",
    source=f"{SRC}, Doorbraakoverleg en -aanpak",
    fields=(
        *pupil_fields("leerling", "school"),
        Field("datum", "Datum overleg", FieldType.DATE, required=True, prefill="desk.today"),
        Field(
            "knelpunten",
            "Knelpunten in het gestagneerde proces",
            FieldType.MULTILINE,
            required=True,
        ),
        Field(
            "gemandateerden",
            "Gemandateerden",
            FieldType.REPEAT,
            min_items=1,
            fields=(
                Field(
                    "organisatie", "Organisatie", FieldType.CHOICE, required=True, choices=OWNERS
                ),
                Field("naam", "Naam", required=True),
                Field("doorzettingsmacht", "Heeft doorzettingsmacht", FieldType.BOOLEAN),
            ),
        ),
        Field(
            "afspraken",
            "Afspraken (directe acties)",
            FieldType.REPEAT,
            min_items=1,
            fields=(
                Field("actie", "Actie", required=True),
                Field("eigenaar", "Eigenaar", FieldType.CHOICE, required=True, choices=OWNERS),
                Field("uiterlijk", "Uiterlijk", FieldType.DATE, required=True),
            ),
        ),
    ),
)

FORMS: tuple[FormDef, ...] = (MELDING_FORM, DOORBRAAK_FORM)

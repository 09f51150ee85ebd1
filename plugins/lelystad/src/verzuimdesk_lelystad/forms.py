"""Lelystad/Dronten's forms (seed 001).

- :data:`MELDING`: the *Meldingsformulier thuiszitter* of Bijlage 2 (via Digidoor), every
  field of the paper form; *Type thuiszitter* offers the inspectie categories of Bijlage 1
  in the seed's wording; *Betrokken partijen* is the repeated block of organisation,
  contact person, phone and e-mail.
- :data:`SCENARIO`: the scenario model of §1.2, its twelve questions.
- :data:`ART11G`: the leerplichtambtenaar's investigation of *andere gewichtige
  omstandigheden* (Bijlage 1, 11g): the relevant facts, the advice asked, the decision.
- :data:`KRACHT`: the report of the overleg *doorzettingskracht* (§2.5.1) with its
  agreements (each with an owner and a date: deadlines of the case).
- :data:`TLV`: the TLV that was granted; its date anchors the actions of §2.4.2.
"""

from __future__ import annotations

from verzuimdesk.plugins.api import Field, FieldType, FormDef, pupil_fields

R = "lelystad"
SRC = "De aanpak thuiszitters, SWV Lelystad/Dronten"

MELDING = "ll-melding-thuiszitter"
SCENARIO = "ll-scenario"
ART11G = "ll-lpa-11g"
KRACHT = "ll-kracht-verslag"
TLV = "ll-tlv"

#: Bijlage 1/2: the inspectie's target groups, in the seed's own wording.
TYPE_THUISZITTER: tuple[tuple[str, str], ...] = (
    ("A1", "A1: leerling die langdurig of vaak ziek is gemeld"),
    (
        "A2a",
        "A2a: vrijstelling, om psychische of lichamelijke redenen niet in staat om naar "
        "school te gaan",
    ),
    (
        "A2b",
        "A2b: vrijstelling, bezwaar tegen de richting van het onderwijs op alle scholen "
        "binnen redelijke afstand",
    ),
    (
        "A2c",
        "A2c: vrijstelling, in het buitenland op een school ingeschreven en bezoekt die geregeld",
    ),
    ("B1", "B1: relatief verzuimer, ingeschreven en ongeoorloofd afwezig (spijbelt)"),
    ("B2a", "B2a: langdurig relatief verzuim van vier weken tot drie maanden"),
    ("B2b", "B2b: langdurig relatief verzuim van meer dan drie maanden"),
    ("B3", "B3: absoluut verzuimer, niet ingeschreven op een school"),
)

_ROLE_CHOICES: tuple[tuple[str, str], ...] = (
    ("school", "School (casuscoördinator)"),
    ("ouders", "Ouder(s)/verzorger(s)"),
    ("lpa", "Leerplichtambtenaar"),
    ("begeleider_po", "Begeleider passend onderwijs"),
    ("regisseur", "Regisseur meldpunt thuiszitters"),
    ("jeugdarts", "Jeugdarts GGD"),
    ("directeur_swv", "Directeur SWV"),
)

_JA_NEE = (("ja", "Ja"), ("nee", "Nee"))

MELDING_FORM = FormDef(
    id=MELDING,
    region_id=R,
    name="Meldingsformulier thuiszitter (Digidoor)",
    version="1",
    description="Melding van een (dreigende) thuiszitter bij het meldpunt thuiszitters van "
    "het SWV, via Digidoor (Bijlage 2).",
    source=f"{SRC}, Bijlage 2",
    fields=(
        Field("leerling", "Naam leerling", required=True, prefill="pupil.full_name"),
        Field("adres", "Adres", prefill="pupil.street"),
        Field("postcode", "Postcode", FieldType.POSTCODE, prefill="pupil.postcode"),
        Field("woonplaats", "Woonplaats", prefill="pupil.city"),
        Field(
            "geboortedatum",
            "Geboortedatum",
            FieldType.DATE,
            required=True,
            prefill="pupil.birth_date",
        ),
        Field("bsn", "BSN-nummer", FieldType.BSN, prefill="pupil.bsn"),
        Field(
            "telefoon_ouders",
            "Telefoonnummer ouders",
            FieldType.PHONE,
            prefill="pupil.parent_phone",
        ),
        Field("email_ouders", "E-mailadres ouders", FieldType.EMAIL, prefill="pupil.parent_email"),
        Field("school", "Ingeschreven school", required=True, prefill="school.name"),
        Field(
            "contactpersoon", "Naam contactpersoon", required=True, prefill="school.contact_name"
        ),
        Field(
            "telefoon_contactpersoon",
            "Telefoonnummer contactpersoon",
            FieldType.PHONE,
            prefill="school.contact_phone",
        ),
        Field(
            "email_contactpersoon",
            "E-mail contactpersoon",
            FieldType.EMAIL,
            prefill="school.contact_email",
        ),
        Field(
            "datum_verzuim",
            "Datum verzuim",
            FieldType.DATE,
            required=True,
            prefill="case.first_absence_on",
            help="De eerste dag van het verzuim.",
        ),
        Field("schoolloopbaan", "Bijzonderheden schoolloopbaan tot heden", FieldType.MULTILINE),
        Field(
            "type",
            "Type thuiszitter",
            FieldType.CHOICE,
            required=True,
            choices=TYPE_THUISZITTER,
            prefill="case.inspectie_category",
            help="A: geoorloofd verzuim; B: ongeoorloofd verzuim (Bijlage 1).",
        ),
        Field("reden", "Specifieke reden verzuim", FieldType.MULTILINE, required=True),
        Field(
            "partijen",
            "Betrokken partijen",
            FieldType.REPEAT,
            min_items=1,
            fields=(
                Field("organisatie", "Organisatie", required=True),
                Field("contactpersoon", "Contactpersoon"),
                Field("telefoon", "Telefoonnummer", FieldType.PHONE),
                Field("email", "E-mailadres", FieldType.EMAIL),
            ),
        ),
        Field(
            "acties",
            "Acties in ondersteunings-/basisteam op basis van scenario's",
            FieldType.MULTILINE,
            required=True,
        ),
    ),
)

SCENARIO_FORM = FormDef(
    id=SCENARIO,
    region_id=R,
    name="Scenariomodel (12 vragen)",
    version="1",
    description="Werken met scenario's in plaats van overlegtafels: bekijk de vraag vanuit "
    "ouders, leerling, school en leerplicht (§1.2).",
    source=f"{SRC}, §1.2",
    fields=(
        *pupil_fields("leerling", "school"),
        Field("datum", "Datum", FieldType.DATE, required=True, prefill="desk.today"),
        Field(
            "probleem",
            "1. Wat is het probleem/wat is de vraag?",
            FieldType.MULTILINE,
            required=True,
        ),
        Field(
            "wie_nodig", "2. Wie heb ik nodig om deze vraag te beantwoorden?", FieldType.MULTILINE
        ),
        Field(
            "mogelijkheden",
            "3. Wat zijn de mogelijkheden en wat zijn de afspraken?",
            FieldType.MULTILINE,
        ),
        Field("doel", "4. Wat is het doel?", FieldType.MULTILINE, required=True),
        Field(
            "casuscoordinatie",
            "5. Wie houdt de casuscoördinatie?",
            FieldType.CHOICE,
            required=True,
            choices=_ROLE_CHOICES,
        ),
        Field("scenarios", "6. Welke scenario's komen in beeld?", FieldType.MULTILINE),
        Field(
            "randvoorwaarden", "7. Wat zijn de randvoorwaarden per scenario?", FieldType.MULTILINE
        ),
        Field(
            "mandaat",
            "8. Hebben de deelnemers het benodigde mandaat?",
            FieldType.CHOICE,
            choices=_JA_NEE,
        ),
        Field(
            "mandaat_ontbreekt",
            "Wie mist het mandaat, en wie heeft het wel?",
            FieldType.MULTILINE,
            required=True,
            shown_when="mandaat",
            shown_values=("nee",),
        ),
        Field(
            "afspraken_nagekomen", "9. Gedragen we ons volgens de afspraken?", FieldType.MULTILINE
        ),
        Field(
            "doorzettingskracht",
            "10. Wie hakt de knoop door, wie heeft de doorzettingskracht?",
            FieldType.CHOICE,
            choices=_ROLE_CHOICES,
        ),
        Field(
            "doel_gehaald",
            "11. Doel gehaald?",
            FieldType.CHOICE,
            choices=(("ja", "Ja"), ("deels", "Deels"), ("nee", "Nee")),
        ),
        Field(
            "vervolgstap",
            "12. Eventuele vervolgstap",
            FieldType.MULTILINE,
            required=True,
            shown_when="doel_gehaald",
            shown_values=("deels", "nee"),
        ),
    ),
)

ART11G_FORM = FormDef(
    id=ART11G,
    region_id=R,
    name="Onderzoek gewichtige omstandigheden (art. 11g)",
    version="1",
    description="Onderzoek van de leerplichtambtenaar (Awb art. 3:2) naar 'andere gewichtige "
    "omstandigheden', zorgvuldig voorbereid en deugdelijk gemotiveerd (Bijlage 1, 11g).",
    source=f"{SRC}, Bijlage 1 (11g)",
    fields=(
        *pupil_fields("leerling", "geboortedatum", "school"),
        Field("datum", "Datum onderzoek", FieldType.DATE, required=True, prefill="desk.today"),
        Field(
            "feiten",
            "Relevante feiten",
            FieldType.MULTICHOICE,
            required=True,
            choices=(
                ("onderwijsbehoefte", "Specifieke onderwijsbehoeftes"),
                ("geen_passend_onderwijs", "Gebrek aan passend onderwijs"),
                ("geen_zorgbegeleiding", "Ontbreken van deugdelijke zorgbegeleiding"),
                (
                    "bereidheid_school",
                    "De bereidheid van de school om een oplossing te "
                    "zoeken voor de gerezen problemen",
                ),
                ("handelingsverlegenheid", "Handelingsverlegenheid van de school"),
                (
                    "psychische_nood",
                    "Psychische nood waardoor de leerling de school niet kan bezoeken",
                ),
            ),
        ),
        Field("toelichting_feiten", "Toelichting op de feiten", FieldType.MULTILINE, required=True),
        Field(
            "advies_gevraagd",
            "Advies gevraagd aan schoolarts of andere externe deskundige",
            FieldType.BOOLEAN,
        ),
        Field("deskundige", "Deskundige", required=True, shown_when="advies_gevraagd"),
        Field(
            "advies", "Advies van de deskundige", FieldType.MULTILINE, shown_when="advies_gevraagd"
        ),
        Field(
            "besluit",
            "Besluit",
            FieldType.CHOICE,
            required=True,
            choices=(
                ("wel", "Wel andere gewichtige omstandigheden"),
                ("geen", "Geen andere gewichtige omstandigheden"),
            ),
        ),
        Field("motivering", "Motivering van het besluit", FieldType.MULTILINE, required=True),
    ),
)

KRACHT_FORM = FormDef(
    id=KRACHT,
    region_id=R,
    name="Verslag overleg doorzettingskracht",
    version="1",
    description="Het overleg stopt niet voordat concrete afspraken zijn gemaakt waarmee het "
    "thuiszitten wordt beëindigd; elke afspraak krijgt een eigenaar en een datum.",
    source=f"{SRC}, §2.5.1",
    fields=(
        *pupil_fields("leerling", "school"),
        Field("datum", "Datum overleg", FieldType.DATE, required=True, prefill="desk.today"),
        Field(
            "deelnemers",
            "Deelnemers",
            FieldType.MULTICHOICE,
            required=True,
            help="Ten minste ouders, school, leerplichtambtenaar en SWV.",
            choices=(
                ("ouders", "Ouders"),
                ("school", "School"),
                ("lpa", "Leerplicht"),
                ("swv", "SWV"),
                ("bestuur", "Schoolbestuur"),
                ("ketenpartners", "Ketenpartners"),
                ("deskundige", "Andere deskundige"),
            ),
        ),
        Field(
            "uitkomst",
            "Plan",
            FieldType.CHOICE,
            required=True,
            choices=(
                ("school", "Op korte termijn weer onderwijs op een school"),
                ("arrangement", "Onderwijs-zorgarrangement"),
            ),
        ),
        Field("toelichting", "Toelichting op het plan", FieldType.MULTILINE),
        Field(
            "afspraken",
            "Afspraken",
            FieldType.REPEAT,
            min_items=1,
            fields=(
                Field("afspraak", "Afspraak", required=True),
                Field(
                    "eigenaar", "Eigenaar", FieldType.CHOICE, required=True, choices=_ROLE_CHOICES
                ),
                Field("uiterlijk", "Uiterlijk", FieldType.DATE, required=True),
            ),
        ),
        Field(
            "termijn",
            "Termijn waarbinnen de oplossing is uitgevoerd",
            FieldType.DATE,
            required=True,
        ),
    ),
)

TLV_FORM = FormDef(
    id=TLV,
    region_id=R,
    name="TLV afgegeven",
    version="1",
    description="De datum van afgifte begint de actielijst na afgifte TLV (§2.4.2): na 4 "
    "weken oude en nieuwe school bellen en de plaatsing controleren.",
    source=f"{SRC}, §2.4.2",
    fields=(
        *pupil_fields("leerling", "school"),
        Field("afgegeven_op", "TLV afgegeven op", FieldType.DATE, required=True),
        Field("nieuwe_school", "Nieuwe school (S(B)O)", required=True),
        Field("plaatsing_bekend", "Datum plaatsing bekend", FieldType.BOOLEAN),
        Field(
            "plaatsing_op",
            "Datum plaatsing",
            FieldType.DATE,
            required=True,
            shown_when="plaatsing_bekend",
            help="Rekening houdend met de instroommomenten van het S(B)O.",
        ),
    ),
)

FORMS: tuple[FormDef, ...] = (MELDING_FORM, SCENARIO_FORM, ART11G_FORM, KRACHT_FORM, TLV_FORM)

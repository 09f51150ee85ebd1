"""Amsterdam-Diemen (VO): the *Stappenplan Verzuim* (september 2020) as data.

Source: seed 002. Six situations, each with who is *in regie*; from every
situation a case can be escalated (*opschalen*) to the doorstroomoverleg
thuiszitters when criterion A, B or C holds. Risk factors and advice are
checklists.
"""

from __future__ import annotations

from verzuimdesk.plugins.api import (
    API_VERSION,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    DeadlineRule,
    Field,
    FieldType,
    FormDef,
    Ladder,
    Outcome,
    Partner,
    PartnerKind,
    PhaseBand,
    Region,
    RegionalSignal,
    RegionData,
    ReportFormat,
    Role,
    Sector,
    Stage,
    Trigger,
    TriggerKind,
    duo_melding_form,
)
from verzuimdesk_amsterdam import signals

R = "amsterdam"
SRC = "Stappenplan Verzuim Amsterdams VO (2020)"

REGION = Region(
    id=R,
    name="Amsterdam-Diemen",
    api_version=API_VERSION,
    municipalities=("Amsterdam", "Diemen"),
    vacation_region="noord",
    sectors=(Sector.VO,),
    description=(
        "Stappenplan Verzuim van het Amsterdamse voortgezet onderwijs: zes situaties met wie "
        "in regie is, en opschalen naar het doorstroomoverleg thuiszitters."
    ),
    source=SRC,
)


def _role(id: str, name: str, organisation: str, short: str, description: str) -> Role:
    return Role(id, R, name, organisation, description, short, SRC)


ROLES: tuple[Role, ...] = (
    _role(
        "mentor",
        "Mentor",
        "School",
        "mentor",
        "In regie als er geen verzuim is; eerste contact met leerling en ouders, voert "
        "preventief het verzuimgesprek.",
    ),
    _role(
        "zorgcoordinator",
        "Zorgcoördinator",
        "School",
        "zoco",
        "In regie bij het verzuimgesprek, M@ZL en de thuiszittermelding.",
    ),
    _role(
        "verzuimcoordinator",
        "Verzuimcoördinator",
        "School",
        "vc",
        "Doet de meldingen in DUO (elke 16 uur, LRV).",
    ),
    _role(
        "lpa",
        "Leerplichtambtenaar",
        "Leerplicht Amsterdam",
        "LPA",
        "In regie vanaf de DUO-melding; kan in regie zijn bij het doorstroomoverleg.",
    ),
    _role(
        "oka",
        "Ouder- en kindadviseur",
        "Ouder- en Kindteams Amsterdam",
        "OKA",
        "OT-partner; betrokken bij vragen over opgroeien, opvoeden of veiligheid.",
    ),
    _role(
        "jeugdarts",
        "Jeugdarts",
        "GGD Amsterdam (JGZ)",
        "JA",
        "Adviseert over vervolgstappen en belastbaarheid en stelt met ouders en leerling een "
        "plan van aanpak op volgens M@ZL.",
    ),
    _role(
        "onderwijsadviseur",
        "Onderwijsadviseur SWV VO Amsterdam-Diemen",
        "Samenwerkingsverband VO Amsterdam-Diemen",
        "OA",
        "Adviseert over onderwijs, gevraagd via de zorgcoördinator of via LISA.",
    ),
    _role(
        "gezinsmanager",
        "Gezinsmanager",
        "Hulpverlening",
        "GM",
        "Kan in regie zijn bij het doorstroomoverleg thuiszitters.",
    ),
    _role(
        "thuiszitterscoordinator",
        "Thuiszitterscoördinator Leerplicht",
        "Leerplicht Amsterdam",
        "TZC",
        "Denkt mee over opschaling naar het doorstroomoverleg (leerplicht@amsterdam.nl).",
    ),
)

#: The OT-partners (seed 002, glossary): zoco, LPA, OKA, jeugdarts.
OT = ("zorgcoordinator", "lpa", "oka", "jeugdarts")

PARTNERS: tuple[Partner, ...] = (
    Partner(
        "ot",
        R,
        "Ondersteuningsteam (OT)",
        PartnerKind.OVERLEG,
        "Zorgcoördinator, leerplichtambtenaar, ouder- en kindadviseur en jeugdarts; het "
        "voormalige ZAT. Stelt een plan van aanpak op volgens PDCA.",
        role_ids=OT,
        source=f"{SRC}, verklarende woordenlijst",
    ),
    Partner(
        "uvo",
        R,
        "Uitvoerdersoverleg (UVO)",
        PartnerKind.OVERLEG,
        "Overleg van uitvoerders waarvoor LPA of zorgcoördinator de leerling kan aanmelden.",
        role_ids=("lpa", "zorgcoordinator"),
        source=f"{SRC}, situatie 5",
    ),
    Partner(
        "doorstroomoverleg",
        R,
        "Doorstroomoverleg thuiszitters",
        PartnerKind.OVERLEG,
        "Samenwerkingsverbanden en leerplicht proberen met ouders/leerling en hulpverlening "
        "de blokkade in de schoolgang te doorbreken.",
        role_ids=("lpa", "gezinsmanager", "onderwijsadviseur", "thuiszitterscoordinator"),
        source=f"{SRC}, doorstroomoverleg thuiszitters",
    ),
    Partner(
        "swv",
        R,
        "Samenwerkingsverband VO Amsterdam-Diemen",
        PartnerKind.ORGANISATIE,
        "Onderwijsadviseurs; advies via LISA.",
        contact="020 811 99 21",
        role_ids=("onderwijsadviseur",),
        source=f"{SRC}, doorstroomoverleg",
    ),
    Partner(
        "leerplicht",
        R,
        "Leerplicht Amsterdam",
        PartnerKind.ORGANISATIE,
        "Leerplichtambtenaren en de thuiszitterscoördinator.",
        contact="leerplicht@amsterdam.nl",
        role_ids=("lpa", "thuiszitterscoordinator"),
        source=f"{SRC}, doorstroomoverleg",
    ),
    Partner(
        "oktamsterdam",
        R,
        "Ouder- en Kindteams Amsterdam",
        PartnerKind.ORGANISATIE,
        "Ouder- en kindadviseurs (OKA).",
        role_ids=("oka",),
        source=SRC,
    ),
    Partner(
        "ggd",
        R,
        "GGD Amsterdam, jeugdgezondheidszorg",
        PartnerKind.ORGANISATIE,
        "Jeugdartsen; M@ZL-aanpak bij ziekteverzuim.",
        role_ids=("jeugdarts",),
        source=f"{SRC}, situatie 3",
    ),
    Partner(
        "duo",
        R,
        "DUO Verzuimloket",
        PartnerKind.LOKET,
        "Digitaal systeem van DUO waarin je ongeoorloofd verzuim registreert.",
        role_ids=("verzuimcoordinator",),
        source=f"{SRC}, verklarende woordenlijst",
    ),
    Partner(
        "lisa",
        R,
        "LISA",
        PartnerKind.LOKET,
        "Digitaal systeem waarmee de school advies vraagt over een verzuimende leerling aan "
        "een onderwijsadviseur van het samenwerkingsverband.",
        role_ids=("zorgcoordinator", "onderwijsadviseur"),
        source=f"{SRC}, verklarende woordenlijst",
    ),
)

BANDS: tuple[PhaseBand, ...] = (
    PhaseBand("op-school", R, "Op school", 0, 0, "#e3efe3", 0),
    PhaseBand("verzuim", R, "Verzuim (tot 4 weken)", 1, 4, "#fdf1d6", 1),
    PhaseBand("thuiszitter", R, "Thuiszitter (langer dan 4 weken)", 5, None, "#f6cccc", 2),
)

# --------------------------------------------------------------------------- checklists

CRITERIA = Checklist(
    id="ams-doorstroom-criteria",
    region_id=R,
    name="Criteria doorstroomoverleg thuiszitters",
    kind=ChecklistKind.CRITERIA,
    min_ticked=1,
    description="Voldoet een thuiszittende leerling aan één of meer van deze criteria, leg de "
    "situatie dan voor aan een onderwijsadviseur van het SWV (020 811 99 21) of de "
    "Thuiszitterscoördinator Leerplicht (leerplicht@amsterdam.nl).",
    source=f"{SRC}, doorstroomoverleg thuiszitters",
    items=(
        ChecklistItem(
            "ams-crit-a",
            "A. Er is een zorgmelding, proces-verbaal of "
            "uitvoerdersoverleg gedaan zonder gewenst effect.",
        ),
        ChecklistItem(
            "ams-crit-b",
            "B. De ketenhulpverlening is gestagneerd en je hebt dit "
            "aangekaart bij de betrokken instantie.",
        ),
        ChecklistItem(
            "ams-crit-c",
            "C. Er is sprake van stagnatie (bijvoorbeeld wachtlijsten of "
            "een visieverschil tussen instellingen en/of ouders).",
        ),
    ),
)

RISKS = Checklist(
    id="ams-risicofactoren",
    region_id=R,
    name="Risicofactoren",
    kind=ChecklistKind.RISICOFACTOREN,
    description="Schat risicofactoren goed in en wees niet bang om op te schalen of hulp in te "
    "roepen van een betrokken instantie.",
    source=f"{SRC}, risicofactoren",
    items=tuple(
        ChecklistItem(f"ams-risico-{i:02d}", text)
        for i, text in enumerate(
            (
                "Veel schoolwisselingen in primair en/of voortgezet onderwijs.",
                "Eerder (geoorloofd) verzuim.",
                "Problemen in de thuissituatie.",
                "Verzuim bij broertjes en zusjes.",
                "Leerling voelt zich niet veilig/wordt gepest.",
                "Patronen in de verzuimstaat, bijvoorbeeld elke maandag of altijd het derde "
                "lesuur afwezig.",
                "Ontbrekende gegevens.",
                "Ouders krijgen kind niet uit bed.",
                "Veelvuldige en late ziekmeldingen (na 10:00 uur).",
                "Ouders reageren niet (meer).",
            ),
            start=1,
        )
    ),
)

ADVICE = Checklist(
    id="ams-advies",
    region_id=R,
    name="Advies",
    kind=ChecklistKind.ADVIES,
    description="Richt je vooral op het verhogen van de aanwezigheid en wees er bij verzuim "
    "snel bij. En… het blijft altijd maatwerk!",
    source=f"{SRC}, advies",
    items=tuple(
        ChecklistItem(f"ams-advies-{i:02d}", text, role)
        for i, (text, role) in enumerate(
            (
                (
                    "Het is belangrijk dat een leerling zich gezien voelt en gemist weet als "
                    "hij/zij er niet is.",
                    "mentor",
                ),
                (
                    "Wees alert en investeer vanaf dag één in ouder- en leerlingcontact en vraag "
                    "per stap om toestemming.",
                    "mentor",
                ),
                (
                    "Analyseer elk kwartaal het geoorloofd en ongeoorloofd verzuim om trends te "
                    "ontdekken.",
                    "zorgcoordinator",
                ),
                ("Bespreek met leerling en ouders hoe en met wie je informatie deelt.", None),
                (
                    "Moet je te lang wachten op een partner? Spreek diegene of diens "
                    "leidinggevende aan, het belang van de leerling staat voorop.",
                    None,
                ),
                (
                    "Kijk goed naar leerlingen en ga in gesprek bij eerste tekenen van verzuim. "
                    "Wat is er aan de hand?",
                    "mentor",
                ),
                (
                    "Analyseer regelmatig de verzuimstaten en kijk naar verzuimuren over het hele "
                    "schooljaar in plaats van bijvoorbeeld 16 uur in 4 weken.",
                    "verzuimcoordinator",
                ),
                (
                    "Houd bij 6 tot 9 keer te laat/verzuim een preventief verzuimspreekuur met de "
                    "leerling, ouder(s) en leerplichtambtenaar.",
                    "lpa",
                ),
                (
                    "Zorg voor een 2-3 wekelijks overleg tussen de zorgcoördinator en de "
                    "leerplichtambtenaar.",
                    "zorgcoordinator",
                ),
                (
                    "Laat je adviseren door het Samenwerkingsverband Voortgezet Onderwijs.",
                    "zorgcoordinator",
                ),
                (
                    "Zie ook het signaleringsinstrument Methodische Aanpak Schoolverzuim (MAS).",
                    None,
                ),
                ("Houd het verzuimprotocol actueel en zorg dat het wordt nageleefd.", None),
            ),
            start=1,
        )
    ),
)

CHECKLISTS = (CRITERIA, RISKS, ADVICE)

# --------------------------------------------------------------------------- forms

_PARTIES = Field(
    "betrokken_partijen",
    "Betrokken partijen",
    FieldType.REPEAT,
    min_items=1,
    fields=(
        Field("organisatie", "Organisatie", required=True),
        Field("contactpersoon", "Contactpersoon", required=True),
        Field(
            "rol",
            "Rol",
            FieldType.CHOICE,
            choices=(
                ("zorgcoordinator", "Zorgcoördinator"),
                ("lpa", "Leerplichtambtenaar"),
                ("oka", "Ouder- en kindadviseur"),
                ("jeugdarts", "Jeugdarts"),
                ("onderwijsadviseur", "Onderwijsadviseur SWV"),
                ("gezinsmanager", "Gezinsmanager"),
                ("anders", "Anders"),
            ),
        ),
        Field("telefoon", "Telefoon", FieldType.PHONE),
        Field("email", "E-mail", FieldType.EMAIL),
    ),
)

FORMS: tuple[FormDef, ...] = (
    duo_melding_form(
        R,
        stage_ids=("ams-4-melden-duo", "ams-5-aanhoudend", "ams-6-thuiszitter"),
        source=f"{SRC}, situaties 4–6; seed 003 §2.5",
    ),
    FormDef(
        id="ams-doorstroomoverleg",
        region_id=R,
        name="Aanmelding doorstroomoverleg thuiszitters",
        version="1",
        description="Registratie voor het doorstroomoverleg: welke criteria gelden, wie er "
        "betrokken zijn en wat er al is geprobeerd.",
        stage_ids=("ams-doorstroomoverleg",),
        source=f"{SRC}, doorstroomoverleg thuiszitters",
        fields=(
            Field("leerling", "Naam leerling", required=True, prefill="pupil.full_name"),
            Field(
                "geboortedatum",
                "Geboortedatum",
                FieldType.DATE,
                required=True,
                prefill="pupil.birth_date",
            ),
            Field("bsn", "BSN", FieldType.BSN, prefill="pupil.bsn"),
            Field("postcode", "Postcode", FieldType.POSTCODE, prefill="pupil.postcode"),
            Field("school", "School", required=True, prefill="school.name"),
            Field(
                "eerste_verzuimdag",
                "Eerste verzuimdag",
                FieldType.DATE,
                prefill="case.first_absence_on",
            ),
            Field("categorie", "Inspectiecategorie", prefill="case.inspectie_category"),
            Field(
                "criteria",
                "Criteria",
                FieldType.MULTICHOICE,
                required=True,
                choices=(
                    (
                        "A",
                        "A. Zorgmelding, proces-verbaal of uitvoerdersoverleg zonder "
                        "gewenst effect",
                    ),
                    ("B", "B. Ketenhulpverlening gestagneerd en aangekaart"),
                    ("C", "C. Stagnatie (wachtlijsten, visieverschil)"),
                ),
            ),
            Field(
                "toelichting_criteria",
                "Toelichting op de criteria",
                FieldType.MULTILINE,
                required=True,
            ),
            Field(
                "geprobeerd",
                "Wat is er al geprobeerd?",
                FieldType.MULTILINE,
                required=True,
                help="Gesprekken, OT/UVO, plan van aanpak (PDCA), M@ZL, zorgmelding, ...",
            ),
            _PARTIES,
            Field(
                "voorgelegd_aan",
                "Situatie voorgelegd aan",
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("onderwijsadviseur", "Onderwijsadviseur SWV (020 811 99 21)"),
                    (
                        "thuiszitterscoordinator",
                        "Thuiszitterscoördinator Leerplicht (leerplicht@amsterdam.nl)",
                    ),
                ),
            ),
            Field(
                "in_regie",
                "In regie",
                FieldType.CHOICE,
                required=True,
                choices=(("lpa", "Leerplichtambtenaar"), ("gezinsmanager", "Gezinsmanager")),
            ),
            Field(
                "ouders_ingestemd",
                "Ouder en leerling zijn betrokken en stemmen in",
                FieldType.BOOLEAN,
                required=True,
            ),
            Field("lesweken_thuis", "Aantal lesweken thuis", FieldType.NUMBER),
            Field("aanmelder", "Aangemeld door", prefill="desk.user"),
            Field("datum", "Datum aanmelding", FieldType.DATE, prefill="desk.today"),
        ),
    ),
    FormDef(
        id="ams-verzuimgesprek",
        region_id=R,
        name="Verslag verzuimgesprek",
        version="1",
        description="Verzuimdossier van de mentor: het gesprek met leerling en ouders en de "
        "afspraken.",
        stage_ids=("ams-2-verzuimgesprek", "ams-3-mazl"),
        source=f"{SRC}, situatie 2",
        fields=(
            Field("leerling", "Naam leerling", required=True, prefill="pupil.full_name"),
            Field("datum", "Datum gesprek", FieldType.DATE, required=True, prefill="desk.today"),
            Field(
                "aanwezig",
                "Aanwezig",
                FieldType.MULTICHOICE,
                required=True,
                choices=(
                    ("leerling", "Leerling"),
                    ("ouders", "Ouder(s)"),
                    ("mentor", "Mentor"),
                    ("zorgcoordinator", "Zorgcoördinator"),
                ),
            ),
            Field("wat_is_er", "Wat is er aan de hand?", FieldType.MULTILINE, required=True),
            Field(
                "afspraken", "Afspraken met ouders en leerling", FieldType.MULTILINE, required=True
            ),
            Field(
                "advies_onderwijsadviseur", "Advies onderwijsadviseur ingewonnen", FieldType.BOOLEAN
            ),
            Field("oka_betrokken", "Ouder- en kindadviseur betrokken", FieldType.BOOLEAN),
            Field("ouders_email", "E-mail ouders", FieldType.EMAIL, prefill="pupil.parent_email"),
            Field(
                "ouders_telefoon", "Telefoon ouders", FieldType.PHONE, prefill="pupil.parent_phone"
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- deadlines

#: Seed 002 situation 2: "De mentor zoekt zo snel mogelijk contact" — the desk reads
#: "zo snel mogelijk" as the next schooldag.
ZO_SNEL_MOGELIJK_SCHOOLDAGEN = 1

DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id="ams-verzuimgesprek-mentor",
        region_id=R,
        what="Mentor zoekt contact met de leerling en voert het verzuimgesprek",
        role_id="mentor",
        schooldays=ZO_SNEL_MOGELIJK_SCHOOLDAGEN,
        anchor="signal:verzuimgesprek",
        source=f"{SRC}, situatie 2",
    ),
    DeadlineRule(
        id="ams-lisa-advies",
        region_id=R,
        what="Advies vragen aan de onderwijsadviseur van het SWV via LISA",
        role_id="zorgcoordinator",
        days=0,
        anchor="signal:duo-lrv",
        source=f"{SRC}, situatie 6 (dit kan ook eerder)",
    ),
)

_OVERLEG_ZOCO_LPA = DeadlineRule(
    "ams-overleg-zoco-lpa",
    R,
    "Overleg zorgcoördinator en leerplichtambtenaar",
    "zorgcoordinator",
    days=14,
    recurring_days=14,
    source=f"{SRC}, advies (2-3 wekelijks overleg)",
)

# --------------------------------------------------------------------------- ladder

DOORSTROOM = "ams-doorstroomoverleg"
SCHOOLGANG = Outcome(
    "reguliere-schoolgang",
    "Reguliere schoolgang",
    "School komt met leerling en ouders tot reguliere schoolgang; geen verdere hulp nodig.",
)


STAGES: tuple[Stage, ...] = (
    Stage(
        id="ams-1-op-school",
        number="1",
        name="Leerling is op school",
        band="op-school",
        in_regie="mentor",
        description="Geen verzuim. Betrek bij iedere stap de ouder en leerling.",
        actions=(
            ChecklistItem(
                "ams1-contact",
                "Vanaf de eerste dag positief en regelmatig contact met leerling en ouders",
                "mentor",
            ),
            ChecklistItem(
                "ams1-betrekken", "Leerling en ouders betrekken bij besprekingen", "mentor"
            ),
            ChecklistItem(
                "ams1-protocol",
                "Mentor, leerling en ouders zijn op de hoogte van het verzuimprotocol",
                "mentor",
            ),
        ),
        checklists=("ams-risicofactoren", "ams-advies"),
        next_stages=("ams-2-verzuimgesprek", "ams-3-mazl", "ams-4-melden-duo", DOORSTROOM),
        outcomes=(SCHOOLGANG,),
        final=True,
        source=f"{SRC}, situatie 1",
    ),
    Stage(
        id="ams-2-verzuimgesprek",
        number="2",
        name="Verzuimgesprek",
        band="verzuim",
        in_regie="zorgcoordinator",
        involved=("mentor", "onderwijsadviseur", "oka"),
        description="6 tot 16 uur verzuim in 4 weken.",
        entry_triggers=(
            Trigger(TriggerKind.SIGNAL, "verzuimgesprek", reason="6 tot 16 uur verzuim in 4 weken"),
            Trigger(
                TriggerKind.SIGNAL,
                "te-laat-spreekuur",
                reason="6 keer te laat: preventief verzuimspreekuur met leerling, ouder(s) en "
                "leerplichtambtenaar",
            ),
        ),
        actions=(
            ChecklistItem(
                "ams2-contact",
                "Zo snel mogelijk contact met de leerling over het verzuim: wat "
                "is er aan de hand, wat kan de mentor betekenen?",
                "mentor",
            ),
            ChecklistItem(
                "ams2-ouders",
                "Ouders op de hoogte brengen en afspraken maken met ouders en leerling",
                "mentor",
            ),
            ChecklistItem(
                "ams2-dossier",
                "Verzuimdossier opbouwen en preventief een verzuimgesprek voeren",
                "mentor",
            ),
            ChecklistItem(
                "ams2-onderwijsadviseur",
                "Bij vragen over onderwijs: via de zorgcoördinator "
                "advies van de onderwijsadviseur van het SWV",
                "zorgcoordinator",
                required=False,
            ),
            ChecklistItem(
                "ams2-oka",
                "Bij vragen over opgroeien, opvoeden of veiligheid: in overleg de "
                "ouder- en kindadviseur betrekken via de zorgcoördinator",
                "zorgcoordinator",
                required=False,
            ),
        ),
        checklists=("ams-risicofactoren", "ams-advies", "ams-doorstroom-criteria"),
        forms=("ams-verzuimgesprek",),
        next_stages=("ams-1-op-school", "ams-3-mazl", "ams-4-melden-duo", DOORSTROOM),
        outcomes=(SCHOOLGANG,),
        source=f"{SRC}, situatie 2",
    ),
    Stage(
        id="ams-3-mazl",
        number="3",
        name="M@ZL (ziekteverzuim)",
        band="verzuim",
        in_regie="zorgcoordinator",
        involved=("mentor", "jeugdarts"),
        partners=("ggd",),
        description="7 dagen aaneen ziekteverzuim of 4e ziekmelding in 12 schoolweken.",
        entry_triggers=(
            Trigger(TriggerKind.SIGNAL, "sick-7-days"),
            Trigger(TriggerKind.SIGNAL, "sick-4-in-12"),
        ),
        actions=(
            ChecklistItem(
                "ams3-gesprek", "Gesprek met ouder en leerling over het ziekteverzuim", "mentor"
            ),
            ChecklistItem(
                "ams3-consult",
                "Na overleg met de ouders een consult aanvragen bij de jeugdarts",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "ams3-pva",
                "Jeugdarts stelt met ouders en leerling een plan van aanpak op volgens M@ZL",
                "jeugdarts",
            ),
            ChecklistItem(
                "ams3-opschalen-ot",
                "Komt de leerling minder dan in het plan staat? Opschalen "
                "naar het ondersteuningsteam",
                "zorgcoordinator",
                required=False,
            ),
        ),
        checklists=("ams-risicofactoren", "ams-advies", "ams-doorstroom-criteria"),
        forms=("ams-verzuimgesprek",),
        next_stages=("ams-1-op-school", "ams-4-melden-duo", "ams-5-aanhoudend", DOORSTROOM),
        outcomes=(SCHOOLGANG,),
        source=f"{SRC}, situatie 3",
    ),
    Stage(
        id="ams-4-melden-duo",
        number="4",
        name="Melden in DUO",
        band="verzuim",
        in_regie="lpa",
        involved=("verzuimcoordinator", "oka"),
        partners=("duo",),
        description="Vanaf 16 uur ongeoorloofd verzuim.",
        entry_triggers=(
            Trigger(TriggerKind.SIGNAL, "duo-16h", reason="16 uur ongeoorloofd verzuim"),
        ),
        actions=(
            ChecklistItem("ams4-melding", "Verzuimmelding doen in DUO", "verzuimcoordinator"),
            ChecklistItem("ams4-gesprek", "Gesprek met leerling en ouders", "lpa"),
            ChecklistItem(
                "ams4-oka",
                "Zorgen om de situatie? De ouder- en kindadviseur betrekken",
                "lpa",
                required=False,
            ),
        ),
        deadlines=(_OVERLEG_ZOCO_LPA,),
        checklists=("ams-risicofactoren", "ams-advies", "ams-doorstroom-criteria"),
        forms=("duo-melding",),
        next_stages=("ams-1-op-school", "ams-5-aanhoudend", "ams-6-thuiszitter", DOORSTROOM),
        outcomes=(SCHOOLGANG,),
        source=f"{SRC}, situatie 4",
    ),
    Stage(
        id="ams-5-aanhoudend",
        number="5",
        name="Aanhoudend verzuim melden in DUO",
        band="verzuim",
        in_regie="lpa",
        involved=("verzuimcoordinator", "zorgcoordinator", "oka", "jeugdarts"),
        partners=("ot", "uvo", "duo"),
        description="Aanhoudend verzuim tot 4 weken: elke 16 uur een melding in DUO; de "
        "OT-partners stellen een plan van aanpak op volgens PDCA met als doel terugkeer naar "
        "school.",
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL,
                "duo-16h",
                count=2,
                reason="Het verzuim houdt aan: opnieuw 16 uur",
            ),
        ),
        actions=(
            ChecklistItem(
                "ams5-melding", "Elke 16 uur een melding doen in DUO", "verzuimcoordinator"
            ),
            ChecklistItem(
                "ams5-aanmelden-ot",
                "Indien nodig de leerling aanmelden voor het ondersteuningsteam of UVO",
                "lpa",
                required=False,
            ),
            ChecklistItem(
                "ams5-pva",
                "OT-partners stellen een plan van aanpak op volgens PDCA "
                "(doel: terugkeer naar school)",
                "zorgcoordinator",
            ),
        ),
        deadlines=(
            DeadlineRule(
                "ams-pva-evaluatie",
                R,
                "Plan van aanpak (PDCA) evalueren in het OT",
                "zorgcoordinator",
                days=7,
                recurring_days=7,
                source="rules.md §9 (wekelijks evalueren); " + SRC + ", situatie 5",
            ),
            DeadlineRule(
                "ams-overleg-zoco-lpa-5",
                R,
                "Overleg zorgcoördinator en leerplichtambtenaar",
                "zorgcoordinator",
                days=14,
                recurring_days=14,
                source=f"{SRC}, advies (2-3 wekelijks overleg)",
            ),
        ),
        checklists=("ams-risicofactoren", "ams-advies", "ams-doorstroom-criteria"),
        forms=("duo-melding",),
        next_stages=("ams-1-op-school", "ams-6-thuiszitter", DOORSTROOM),
        outcomes=(SCHOOLGANG,),
        source=f"{SRC}, situatie 5",
    ),
    Stage(
        id="ams-6-thuiszitter",
        number="6",
        name="Thuiszitter melden",
        band="thuiszitter",
        in_regie="zorgcoordinator",
        involved=("verzuimcoordinator", "lpa", "onderwijsadviseur"),
        partners=("duo", "lisa", "swv"),
        description="Langer dan 4 weken aaneengesloten verzuim.",
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL, "duo-lrv", reason="Langer dan 4 weken aaneengesloten verzuim"
            ),
            Trigger(TriggerKind.SIGNAL, "thuiszitter-b2a"),
        ),
        actions=(
            ChecklistItem("ams6-lrv", "LRV-melding doen in DUO", "verzuimcoordinator"),
            ChecklistItem("ams6-registreren", "Leerling registreren als thuiszitter", "lpa"),
            ChecklistItem(
                "ams6-lisa",
                "Advies vragen aan de onderwijsadviseur van het SWV via LISA (dit kan ook eerder)",
                "zorgcoordinator",
            ),
        ),
        checklists=("ams-risicofactoren", "ams-advies", "ams-doorstroom-criteria"),
        forms=("duo-melding",),
        next_stages=("ams-1-op-school", "ams-5-aanhoudend", DOORSTROOM),
        outcomes=(SCHOOLGANG,),
        source=f"{SRC}, situatie 6",
    ),
    Stage(
        id=DOORSTROOM,
        number="D",
        name="Doorstroomoverleg thuiszitters",
        band="thuiszitter",
        in_regie="lpa",
        regie_options=("gezinsmanager",),
        involved=("onderwijsadviseur", "thuiszitterscoordinator", "zorgcoordinator"),
        partners=("doorstroomoverleg", "swv", "leerplicht"),
        description="Vanuit elke situatie kun je opschalen naar het doorstroomoverleg, waarin de "
        "samenwerkingsverbanden en leerplicht gezamenlijk met ouders/leerling en hulpverlening "
        "de blokkade in de schoolgang proberen te doorbreken. In regie: leerplichtambtenaar of "
        "gezinsmanager.",
        entry_triggers=(Trigger(TriggerKind.CRITERION, "ams-doorstroom-criteria"),),
        actions=(
            ChecklistItem(
                "amsd-voorleggen",
                "Situatie voorleggen aan een onderwijsadviseur van het SWV of "
                "de Thuiszitterscoördinator Leerplicht",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "amsd-aanmelden",
                "Aanmelding doorstroomoverleg invullen (criteria, partijen, wat is geprobeerd)",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "amsd-regie",
                "Vastleggen wie in regie is: leerplichtambtenaar of gezinsmanager",
                "lpa",
            ),
            ChecklistItem(
                "amsd-blokkade",
                "Met ouders/leerling en hulpverlening de blokkade in de schoolgang doorbreken",
                "lpa",
            ),
        ),
        checklists=("ams-doorstroom-criteria", "ams-risicofactoren"),
        forms=("ams-doorstroomoverleg",),
        next_stages=("ams-1-op-school", "ams-5-aanhoudend", "ams-6-thuiszitter"),
        outcomes=(SCHOOLGANG,),
        source=f"{SRC}, doorstroomoverleg thuiszitters",
    ),
)

LADDER = Ladder(
    region_id=R,
    stages=STAGES,
    start_stage="ams-1-op-school",
    name="Stappenplan Verzuim",
    description="Zes situaties, elk met wie in regie is; opschalen naar het doorstroomoverleg.",
    source=SRC,
)

REPORT_FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(
        id="ams-kwartaalanalyse",
        region_id=R,
        name="Kwartaalanalyse verzuim",
        description="Geoorloofd en ongeoorloofd verzuim per kwartaal, om trends te ontdekken.",
        columns=(
            "school",
            "klas",
            "geoorloofd uren",
            "ongeoorloofd uren",
            "ziekmeldingen",
            "verzuimgesprekken",
            "DUO-meldingen",
        ),
        source=f"{SRC}, advies",
    ),
    ReportFormat(
        id="ams-thuiszitters",
        region_id=R,
        name="Thuiszitters en doorstroomoverleg",
        description="Thuiszitters per situatie, met wie in regie is en of de criteria A/B/C "
        "gelden.",
        columns=("leerling", "school", "situatie", "in regie", "lesweken", "criteria"),
        source=SRC,
    ),
)


#: Amsterdam's own signal: a verzuimgesprek at 6 counted hours in 4 lesweken.
VERZUIMGESPREK = RegionalSignal(
    code=signals.CODE,
    region_id=R,
    name="Verzuimgesprek (6 tot 16 uur verzuim in 4 weken)",
    compute=signals.compute_verzuimgesprek,
    description="Eerste schooldag waarop de getelde uren voor de 16-uursmelding 6 "
    "bereiken; één keer per telperiode (tot de volgende DUO-melding).",
    source=f"{SRC}, situatie 2; rules.md §8",
)

#: Amsterdam's advice turned signal: a preventief verzuimspreekuur at the 6th late arrival.
TE_LAAT_SPREEKUUR = RegionalSignal(
    code=signals.TE_LAAT_CODE,
    region_id=R,
    name="Preventief verzuimspreekuur (6 keer te laat)",
    compute=signals.compute_te_laat_spreekuur,
    description="Schooldag van de 6e keer te laat in een schooljaar; één keer per schooljaar. "
    "Houd een preventief verzuimspreekuur met de leerling, ouder(s) en leerplichtambtenaar.",
    source=f"{SRC}, adviezen aan de school",
)

#: The whole region as one value; :mod:`.plugin` registers it.
REGION_DATA = RegionData(
    region=REGION,
    ladder=LADDER,
    roles=tuple(ROLES),
    partners=tuple(PARTNERS),
    timeline_bands=tuple(BANDS),
    checklists=tuple(CHECKLISTS),
    forms=tuple(FORMS),
    deadline_rules=tuple(DEADLINE_RULES),
    signals=(VERZUIMGESPREK, TE_LAAT_SPREEKUUR),
    report_formats=tuple(REPORT_FORMATS),
)

"""Den Haag, Leidschendam-Voorburg and Rijswijk (VO, SWVZHW): the whole route as data.

Source: *Routeboek verzuim en thuiszitters, Voortgezet Onderwijs Den Haag,
Leidschendam-Voorburg en Rijswijk* (februari 2022), seed 000. Step numbers follow
the routeboek; ``source`` fields cite the step.
"""

from __future__ import annotations

from verzuimdesk.plugins.api import (
    API_VERSION,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    DeadlineRule,
    Decision,
    Field,
    FieldType,
    FormDef,
    Ladder,
    LetterTemplate,
    Outcome,
    Partner,
    PartnerKind,
    PhaseBand,
    Region,
    RegionData,
    ReportFormat,
    Role,
    Sector,
    Stage,
    StageVariant,
    Trigger,
    TriggerKind,
    duo_melding_form,
    inspectie_field,
    pupil_fields,
)

R = "den_haag"
SRC = "Routeboek verzuim en thuiszitters VO Den Haag e.o. (2022)"

RIJSWIJK = "Rijswijk"
LV = "Leidschendam-Voorburg"

REGION = Region(
    id=R,
    name="Den Haag, Leidschendam-Voorburg en Rijswijk",
    api_version=API_VERSION,
    municipalities=("Den Haag", LV, RIJSWIJK),
    vacation_region="midden",
    sectors=(Sector.VO,),
    description=(
        "Routeboek verzuim en thuiszitters van het Samenwerkingsverband Zuid-Holland West "
        "(SWVZHW): preventie, verzuim (week 1–4), thuiszittersproces (week 5–12) en "
        "doorbraakproces (vanaf week 13), in twaalf stappen."
    ),
    source=SRC,
    variants=(
        (
            RIJSWIJK,
            "Het gesprek met leerling en ouders (stap 3) voert Leerplicht; "
            "Jeugdteam/JGZ in plaats van CJG/JGZ; directeur Sociaal Domein aan de "
            "Doorbraaktafel.",
        ),
        (
            LV,
            "Het gesprek met leerling en ouders (stap 3) voert Leerplicht; "
            "Jeugdconsulent/JGZ in plaats van CJG/JGZ; directeur Sociaal Domein aan de "
            "Doorbraaktafel.",
        ),
    ),
)

# --------------------------------------------------------------------------- roles


def _role(id: str, name: str, organisation: str, short: str = "", description: str = "") -> Role:
    return Role(
        id=id,
        region_id=R,
        name=name,
        organisation=organisation,
        short=short,
        description=description,
        source=f"{SRC}, stap 1",
    )


ROLES: tuple[Role, ...] = (
    _role(
        "zorgcoordinator",
        "Zorgcoördinator",
        "School",
        "zoco",
        "Brengt het verzuim van de leerling in en voert namens de school de regie.",
    ),
    _role("copa", "Coördinator Passend Onderwijs", "SWVZHW", "COPA", "Lid van het JES."),
    _role(
        "consulent",
        "Schoolondersteuner/consulent SWVZHW",
        "SWVZHW",
        "consulent",
        "Lid van het JES; vraagt het maatwerkadviestraject (MWTA) aan.",
    ),
    _role(
        "lp",
        "Leerplichtambtenaar",
        "Leerplicht (gemeente)",
        "LP",
        "Lid van het JES; voert in Rijswijk en Leidschendam-Voorburg het gesprek van stap 3.",
    ),
    _role(
        "smw",
        "Schoolmaatschappelijk werker",
        "Schoolmaatschappelijk werk",
        "SMW",
        "Lid van het JES; helpt bij het gesprek met leerling en ouders.",
    ),
    _role("cjg_jgz", "CJG/Jeugdgezondheidszorg", "CJG Den Haag", "CJG/JG", "Lid van het JES."),
    _role(
        "jeugdteam_jgz",
        "Jeugdteam/JGZ",
        "Gemeente Rijswijk",
        "Jeugdteam",
        "In Rijswijk in plaats van CJG/JGZ.",
    ),
    _role(
        "jeugdconsulent_jgz",
        "Jeugdconsulent/JGZ",
        "Gemeente Leidschendam-Voorburg",
        "Jeugdconsulent",
        "In Leidschendam-Voorburg in plaats van CJG/JGZ.",
    ),
    _role(
        "jeugdarts",
        "Jeugdarts",
        "Jeugdgezondheidszorg (JGZ)",
        "JA",
        "Adviseert bij zorgwekkend (ziekte)verzuim (stap 6).",
    ),
    _role(
        "regisseur_jmo",
        "Regisseur JMO",
        "Gemeente Den Haag (Jeugd)",
        "JMO",
        "Meldt aan bij de Expertisetafel Complexe Zorg en de Analysetafel Jeugdhulp; in de "
        "regiogemeenten een vergelijkbare functionaris.",
    ),
    _role(
        "sma_arts",
        "SMA-arts",
        "Sociaal-medische advisering",
        "SMA",
        "Bepaalt of een jongere op medische grond vrijstelling van onderwijs krijgt.",
    ),
    _role(
        "directeur_jeugd",
        "Directeur Jeugd (portefeuille JMO)",
        "Gemeente Den Haag",
        "dir. Jeugd",
        "Besluit aan de Doorbraaktafel (of een gemandateerde vertegenwoordiger).",
    ),
    _role(
        "directeur_sociaal_domein",
        "Directeur Sociaal Domein",
        "Gemeente Rijswijk / Leidschendam-Voorburg",
        "dir. Sociaal Domein",
        "Besluit in Rijswijk en Leidschendam-Voorburg aan de Doorbraaktafel.",
    ),
    _role(
        "directeur_swvzhw",
        "Directeur SWVZHW",
        "SWVZHW",
        "dir. SWVZHW",
        "Besluit aan de Doorbraaktafel, in collegiaal overleg met de gemeente.",
    ),
)

#: The JES members (seed 000 stap 1) and their municipality variants.
JES = ("copa", "consulent", "lp", "smw", "cjg_jgz")
JES_RIJSWIJK = ("copa", "consulent", "lp", "smw", "jeugdteam_jgz")
JES_LV = ("copa", "consulent", "lp", "smw", "jeugdconsulent_jgz")


def jes_variants(
    extra: tuple[str, ...] = (), in_regie: str | None = None
) -> tuple[StageVariant, ...]:
    """The Rijswijk and Leidschendam-Voorburg variants of a stage involving the JES."""
    return (
        StageVariant(
            (RIJSWIJK,),
            in_regie=in_regie,
            involved=JES_RIJSWIJK + extra,
            note="Rijswijk: Jeugdteam/JGZ in plaats van CJG/JGZ.",
        ),
        StageVariant(
            (LV,),
            in_regie=in_regie,
            involved=JES_LV + extra,
            note="Leidschendam-Voorburg: Jeugdconsulent/JGZ in plaats van CJG/JGZ.",
        ),
    )


# --------------------------------------------------------------------------- partners


def _partner(
    id: str,
    name: str,
    kind: PartnerKind,
    description: str,
    roles: tuple[str, ...] = (),
    step: str = "1",
) -> Partner:
    return Partner(
        id=id,
        region_id=R,
        name=name,
        kind=kind,
        description=description,
        role_ids=roles,
        source=f"{SRC}, stap {step}",
    )


PARTNERS: tuple[Partner, ...] = (
    _partner(
        "jes",
        "JES (Jeugd en School)",
        PartnerKind.OVERLEG,
        "Brengt de situatie in beeld, analyseert de oorzaken van het verzuim en maakt een "
        "plan van aanpak in het OPP.",
        ("zorgcoordinator", *JES),
        "1, 5",
    ),
    _partner(
        "swvzhw",
        "Samenwerkingsverband Zuid-Holland West (SWVZHW)",
        PartnerKind.ORGANISATIE,
        "Samenwerkingsverband passend onderwijs VO.",
        ("copa", "consulent", "directeur_swvzhw"),
    ),
    _partner(
        "leerplicht",
        "Leerplicht",
        PartnerKind.ORGANISATIE,
        "Leerplicht van de woongemeente.",
        ("lp",),
    ),
    _partner("smw", "Schoolmaatschappelijk werk", PartnerKind.ORGANISATIE, "", ("smw",)),
    _partner(
        "cjg",
        "CJG/Jeugdgezondheidszorg",
        PartnerKind.ORGANISATIE,
        "Den Haag: CJG/JGZ; Rijswijk: Jeugdteam/JGZ; Leidschendam-Voorburg: Jeugdconsulent/JGZ.",
        ("cjg_jgz", "jeugdteam_jgz", "jeugdconsulent_jgz", "jeugdarts"),
    ),
    _partner(
        "duo",
        "Verzuimregister DUO",
        PartnerKind.LOKET,
        "Elk verzuim komt in het leerlingadministratiesysteem van de school, gekoppeld aan "
        "het Verzuimregister van DUO.",
        (),
        "3",
    ),
    _partner(
        "expertisetafel",
        "Expertisetafel Complexe Zorg",
        PartnerKind.OVERLEG,
        "Adviseert het JES als onduidelijk is welke jeugdhulp passend is; bij stagnerende "
        "jeugdhulp via de Regisseur JMO (Expertiseteam Complexe Zorg).",
        ("regisseur_jmo",),
        "7, 10a",
    ),
    _partner(
        "mwta",
        "Maatwerkadviestraject (MWTA) SWVZHW",
        PartnerKind.ORGANISATIE,
        "Advies op verzoek van het JES: verwijzing naar het OPDC, naar het VSO of een "
        "andere oplossing.",
        ("consulent",),
        "10b",
    ),
    _partner(
        "opdc", "OPDC", PartnerKind.ORGANISATIE, "Orthopedagogisch-didactisch centrum.", (), "10b"
    ),
    _partner("vso", "VSO", PartnerKind.ORGANISATIE, "Voortgezet speciaal onderwijs.", (), "10b"),
    _partner(
        "analysetafel",
        "Analysetafel Jeugdhulp",
        PartnerKind.OVERLEG,
        "Heeft het mandaat niet-ingekochte jeugdhulp voor individuele gevallen en zonder "
        "precedentwerking in te kopen.",
        ("regisseur_jmo",),
        "11",
    ),
    _partner(
        "doorbraaktafel",
        "Doorbraaktafel",
        PartnerKind.OVERLEG,
        "Directeur Jeugd (Den Haag) of directeur Sociaal Domein (Rijswijk, "
        "Leidschendam-Voorburg) en de directeur SWVZHW besluiten in collegiaal overleg: "
        "toe- of afwijzing met toelichting.",
        ("directeur_jeugd", "directeur_sociaal_domein", "directeur_swvzhw"),
        "12",
    ),
)

# --------------------------------------------------------------------------- bands

BANDS: tuple[PhaseBand, ...] = (
    PhaseBand("preventie", R, "Preventie", 0, 0, "#e3efe3", 0),
    PhaseBand("verzuim", R, "Verzuim (week 1–4)", 1, 4, "#fdf1d6", 1),
    PhaseBand("thuiszittersproces", R, "Thuiszittersproces (week 5–12)", 5, 12, "#fbe0c8", 2),
    PhaseBand("doorbraakproces", R, "Doorbraakproces (vanaf week 13)", 13, None, "#f6cccc", 3),
)

# --------------------------------------------------------------------------- checklists

CHECKLISTS: tuple[Checklist, ...] = (
    Checklist(
        id="dh-signalen-verzuim",
        region_id=R,
        name="Verzuim: wat moet de school doen? (stap 2)",
        kind=ChecklistKind.ADVIES,
        stage_ids=("dh-02-verzuim",),
        source=f"{SRC}, stap 2",
        items=(
            ChecklistItem(
                "dh-sig-minder-16",
                "Minder dan 16 uur in 4 weken: school is alert en moet maatregelen treffen.",
            ),
            ChecklistItem(
                "dh-sig-meer-16", "Ten minste 16 uur in 4 weken: wettelijke meldplicht (DUO)."
            ),
            ChecklistItem(
                "dh-sig-luxe",
                "Vakantie buiten de schoolvakanties: luxe verzuim, school doet een DUO-melding.",
            ),
            ChecklistItem(
                "dh-sig-ziek",
                "Vier keer ziek in 12 schoolweken of vanaf de 7e "
                "schooldag aaneengesloten ziek: zorgwekkend ziekteverzuim.",
            ),
        ),
    ),
    Checklist(
        id="dh-casus-loopt-vast",
        region_id=R,
        name="Casus loopt vast (stap 9)",
        kind=ChecklistKind.CRITERIA,
        min_ticked=2,
        stage_ids=(
            "dh-05-jes",
            "dh-06-advies-jgz",
            "dh-07-advies-expertisetafel",
            "dh-09-casus-loopt-vast",
        ),
        source=f"{SRC}, stap 9",
        items=(
            ChecklistItem(
                "dh-vast-niet-terug",
                "Het lukt niet om de leerling binnen de "
                "afgesproken periode terug naar school te laten gaan of tot een "
                "passend aanbod te komen.",
            ),
            ChecklistItem(
                "dh-vast-meerdere-jes",
                "Er zijn meerdere bijeenkomsten van het JES overheen gegaan.",
            ),
            ChecklistItem(
                "dh-vast-advies-eigen-org",
                "De betrokkenen in het JES hebben binnen "
                "hun eigen organisatie al om advies gevraagd.",
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- forms

_PARTIES = Field(
    "betrokken_partijen",
    "Betrokken partijen",
    FieldType.REPEAT,
    help="Organisatie, contactpersoon en gegevens; voeg een rij toe per partij.",
    fields=(
        Field("organisatie", "Organisatie", required=True),
        Field("contactpersoon", "Contactpersoon"),
        Field("telefoon", "Telefoon", FieldType.PHONE),
        Field("email", "E-mail", FieldType.EMAIL),
    ),
)

_PUPIL = pupil_fields()

FORMS: tuple[FormDef, ...] = (
    duo_melding_form(
        R, stage_ids=("dh-02-verzuim", "dh-03-gesprek"), source=f"{SRC}, stap 2 en 3; seed 003 §2.5"
    ),
    FormDef(
        id="dh-aanmelding-jes",
        region_id=R,
        name="Aanmelding JES",
        version="1",
        description="Aanmelding van een leerling voor bespreking in het JES (Jeugd en School).",
        stage_ids=("dh-05-jes",),
        source=f"{SRC}, stap 5",
        fields=(
            *_PUPIL,
            Field(
                "zorgcoordinator", "Zorgcoördinator (aanmelder)", required=True, prefill="desk.user"
            ),
            Field(
                "telefoon_school",
                "Telefoon school",
                FieldType.PHONE,
                prefill="school.contact_phone",
            ),
            Field("email_school", "E-mail school", FieldType.EMAIL, prefill="school.contact_email"),
            Field(
                "eerste_verzuimdag",
                "Eerste verzuimdag",
                FieldType.DATE,
                required=True,
                prefill="case.first_absence_on",
            ),
            inspectie_field(),
            Field("lesweken_thuis", "Aantal lesweken (gedeeltelijk) thuis", FieldType.NUMBER),
            Field(
                "gesprek_gevoerd",
                "Gesprek met leerling en ouders gevoerd (stap 3)",
                FieldType.BOOLEAN,
                required=True,
            ),
            Field("situatie", "Situatie en hulpvraag", FieldType.MULTILINE, required=True),
            Field(
                "al_gedaan", "Wat heeft de school al gedaan?", FieldType.MULTILINE, required=True
            ),
            Field(
                "gevraagd_advies",
                "Gevraagd advies",
                FieldType.MULTICHOICE,
                choices=(
                    ("jgz", "Advies JGZ (stap 6)"),
                    ("expertisetafel", "Advies Expertisetafel Complexe Zorg (stap 7)"),
                    ("opp", "Plan van aanpak in het OPP"),
                ),
            ),
            _PARTIES,
            Field(
                "toestemming_ouders",
                "Ouders zijn geïnformeerd en stemmen in met bespreking",
                FieldType.BOOLEAN,
                required=True,
            ),
        ),
    ),
    FormDef(
        id="dh-aanmelding-expertisetafel",
        region_id=R,
        name="Aanmelding Expertisetafel Complexe Zorg",
        version="1",
        description="Adviesvraag van het JES (stap 7) of aanmelding via de Regisseur JMO "
        "bij stagnerende jeugdhulp (stap 10a).",
        stage_ids=("dh-07-advies-expertisetafel", "dh-10a-expertisetafel"),
        source=f"{SRC}, stap 7 en 10a",
        fields=(
            *_PUPIL,
            Field(
                "route",
                "Route",
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("advies", "Adviesvraag van het JES (stap 7)"),
                    ("stagnatie", "Stagnerende jeugdhulp, via Regisseur JMO (stap 10a)"),
                ),
            ),
            Field(
                "vraag",
                "Vraag aan de Expertisetafel",
                FieldType.MULTILINE,
                required=True,
                help="Bijvoorbeeld: welke jeugdhulp is passend?",
            ),
            Field("problematiek", "Problematiek en complexiteit", FieldType.MULTILINE),
            Field(
                "jeugdhulp_tot_nu",
                "Ingezette jeugdhulp tot nu toe",
                FieldType.REPEAT,
                fields=(
                    Field("aanbieder", "Aanbieder", required=True),
                    Field("vorm", "Vorm van hulp"),
                    Field("van", "Van", FieldType.DATE),
                    Field("tot", "Tot", FieldType.DATE),
                ),
            ),
            Field("regisseur", "Regisseur JMO / vergelijkbare functionaris"),
            _PARTIES,
        ),
    ),
    FormDef(
        id="dh-doorbraaktafel",
        region_id=R,
        name="Casus Doorbraaktafel",
        version="1",
        description="Ingediende casus voor de Doorbraaktafel, met het besluit (toe- of "
        "afwijzing met toelichting).",
        stage_ids=("dh-12-doorbraaktafel",),
        source=f"{SRC}, stap 12",
        fields=(
            *_PUPIL,
            Field(
                "eerste_verzuimdag",
                "Eerste verzuimdag",
                FieldType.DATE,
                prefill="case.first_absence_on",
            ),
            Field(
                "gemeente",
                "Gemeente",
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("den-haag", "Den Haag"),
                    ("rijswijk", "Rijswijk"),
                    ("leidschendam-voorburg", "Leidschendam-Voorburg"),
                ),
            ),
            Field("samenvatting", "Samenvatting van de casus", FieldType.MULTILINE, required=True),
            Field(
                "doorlopen_stappen",
                "Doorlopen stappen",
                FieldType.MULTICHOICE,
                choices=(
                    ("5", "5 JES"),
                    ("6", "6 Advies JGZ"),
                    ("7", "7 Advies Expertisetafel"),
                    ("9", "9 Casus loopt vast"),
                    ("10a", "10a Expertisetafel Complexe Zorg"),
                    ("10b", "10b Maatwerkadviestraject"),
                    ("11", "11 Analysetafel Jeugdhulp"),
                ),
            ),
            Field("gevraagde_doorbraak", "Gevraagde doorbraak", FieldType.MULTILINE, required=True),
            _PARTIES,
            Field("datum_overleg", "Datum Doorbraaktafel", FieldType.DATE),
            Field(
                "besluit",
                "Besluit",
                FieldType.CHOICE,
                choices=(("toegekend", "Toegekend"), ("afgewezen", "Afgewezen")),
            ),
            Field(
                "toelichting",
                "Toelichting op het besluit",
                FieldType.MULTILINE,
                help="Het besluit beperkt zich tot toe- of afwijzing met toelichting.",
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- deadlines

#: Region-wide follow-ups of national signals (national report deadlines come with
#: the signals themselves).
DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id="dh-thuiszitter-swv",
        region_id=R,
        what="Thuiszitter melden bij het SWVZHW en bespreken in het JES",
        role_id="zorgcoordinator",
        days=0,
        anchor="signal:duo-lrv",
        source="rules.md §9 (uiterlijk na 4 weken thuis); " + SRC + ", stap 5",
    ),
)

# --------------------------------------------------------------------------- ladder


def _sig(code: str, reason: str = "") -> Trigger:
    return Trigger(TriggerKind.SIGNAL, code, reason=reason)


STAGES: tuple[Stage, ...] = (
    Stage(
        id="dh-01-school",
        number="1",
        name="School: preventief verzuimbeleid",
        band="preventie",
        in_regie="zorgcoordinator",
        involved=JES,
        partners=("jes",),
        variants=jes_variants(),
        description="Elke school heeft een preventief verzuimbeleid om vroegtijdig signalen van "
        "(dreigend) verzuim op te pakken en werkt samen met de partners in het JES.",
        actions=(
            ChecklistItem(
                "dh1-signalen",
                "Signalen van (dreigend) verzuim vroegtijdig oppakken",
                "zorgcoordinator",
            ),
            ChecklistItem("dh1-onderzoek", "Onderzoeken wat er aan de hand is", "zorgcoordinator"),
            ChecklistItem(
                "dh1-naar-school", "Zorgen dat de leerling naar school gaat", "zorgcoordinator"
            ),
        ),
        next_stages=("dh-02-verzuim",),
        source=f"{SRC}, stap 1",
    ),
    Stage(
        id="dh-02-verzuim",
        number="2",
        name="Verzuim",
        band="verzuim",
        in_regie="zorgcoordinator",
        involved=("lp",),
        partners=("duo",),
        description="Minder dan 16 uur in 4 weken: alert zijn en maatregelen treffen; ten "
        "minste 16 uur: wettelijke meldplicht; luxe verzuim: DUO-melding; vier keer ziek in 12 "
        "schoolweken of vanaf de 7e dag aaneengesloten ziek: zorgwekkend ziekteverzuim.",
        entry_triggers=(
            _sig("duo-16h", "Ten minste 16 uur in 4 weken: wettelijke meldplicht"),
            _sig("duo-luxe", "Luxe verzuim: school moet een DUO-melding doen"),
            _sig("sick-4-in-12", "Vier keer ziek in 12 schoolweken: zorgwekkend ziekteverzuim"),
            _sig(
                "sick-7-days",
                "Vanaf de 7e schooldag aaneengesloten ziek: zorgwekkend ziekteverzuim",
            ),
            Trigger(TriggerKind.LESWEKEN, weeks=1, reason="Het verzuim is begonnen (week 1)"),
        ),
        actions=(
            ChecklistItem(
                "dh2-maatregelen",
                "Bij minder dan 16 uur in 4 weken: alert zijn en maatregelen treffen",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "dh2-duo-melding",
                "Bij ten minste 16 uur in 4 weken of luxe verzuim: melding in "
                "het Verzuimregister van DUO",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "dh2-ziekteverzuim",
                "Zorgwekkend ziekteverzuim herkennen (4 keer ziek in 12 "
                "schoolweken, of 7 schooldagen aaneengesloten)",
                "zorgcoordinator",
                required=False,
            ),
        ),
        checklists=("dh-signalen-verzuim",),
        forms=("duo-melding",),
        next_stages=("dh-03-gesprek",),
        source=f"{SRC}, stap 2",
    ),
    Stage(
        id="dh-03-gesprek",
        number="3",
        name="In gesprek met leerling en ouders",
        band="verzuim",
        in_regie="zorgcoordinator",
        involved=("smw",),
        partners=("smw", "duo"),
        variants=(
            StageVariant(
                (RIJSWIJK, LV),
                in_regie="lp",
                involved=("zorgcoordinator", "smw"),
                note="In Rijswijk en Leidschendam-Voorburg voert Leerplicht dit gesprek.",
            ),
        ),
        description="Bij twijfels of zorgen gaat de school in gesprek met ouders en leerling, "
        "al dan niet met hulp van SMW. Hoe beter de verzuimmelding is gevuld, hoe beter "
        "Leerplicht/SMW de leerling kan helpen.",
        entry_triggers=(
            _sig("duo-16h", "Ten minste 16 uur in 4 weken: gesprek met leerling en ouders"),
            _sig("sick-4-in-12"),
            _sig("sick-7-days"),
            _sig("duo-luxe"),
        ),
        actions=(
            ChecklistItem(
                "dh3-gesprek", "Gesprek met leerling en ouders voeren (al dan niet met SMW)"
            ),
            ChecklistItem(
                "dh3-registratie",
                "Verzuim vastleggen in de leerlingadministratie (gekoppeld "
                "aan het Verzuimregister van DUO), de melding zo volledig mogelijk",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "dh3-afspraken",
                "Uitkomst en afspraken vastleggen in het leerlingvolgsysteem",
                "zorgcoordinator",
            ),
        ),
        decisions=(
            Decision("verzuim-gestopt", "Verzuim gestopt", next_stages=("dh-04-verzuim-stopt",)),
            Decision(
                "verzuim-houdt-aan",
                "Verzuim houdt aan",
                next_stages=("dh-05-jes", "dh-06-advies-jgz"),
            ),
        ),
        next_stages=("dh-04-verzuim-stopt", "dh-05-jes", "dh-06-advies-jgz"),
        source=f"{SRC}, stap 3",
    ),
    Stage(
        id="dh-04-verzuim-stopt",
        number="4",
        name="Verzuim stopt",
        band="verzuim",
        in_regie="zorgcoordinator",
        description="Het verzuim stopt en de leerling keert terug in de groep: geen verdere "
        "actie nodig.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "verzuim-gestopt",
                reason="Na het gesprek is het verzuim gestopt",
            ),
        ),
        actions=(
            ChecklistItem(
                "dh4-vastleggen",
                "Uitkomst van het gesprek en de afspraken vastleggen in het leerlingvolgsysteem",
                "zorgcoordinator",
            ),
        ),
        outcomes=(
            Outcome(
                "verzuim-gestopt",
                "Verzuim gestopt",
                "De leerling is weer in de groep teruggekeerd.",
            ),
        ),
        final=True,
        source=f"{SRC}, stap 4",
    ),
    Stage(
        id="dh-05-jes",
        number="5",
        name="JES",
        band="thuiszittersproces",
        in_regie="zorgcoordinator",
        involved=JES,
        partners=("jes",),
        variants=jes_variants(),
        description="Lukt het ondanks gesprekken en ondersteuning in de school niet, dan wordt "
        "de casus besproken in het JES: situatie in beeld, oorzaken analyseren, plan van "
        "aanpak in het OPP.",
        entry_triggers=(
            Trigger(TriggerKind.LESWEKEN, weeks=5, reason="Week 5: het thuiszittersproces begint"),
            _sig("duo-lrv", "Vier lesweken aaneengesloten verzuim"),
            _sig("thuiszitter-b2a"),
            Trigger(
                TriggerKind.DECISION,
                "verzuim-houdt-aan",
                reason="Ondanks gesprekken houdt het verzuim aan",
            ),
        ),
        actions=(
            ChecklistItem("dh5-aanmelden", "Casus aanmelden bij het JES", "zorgcoordinator"),
            ChecklistItem("dh5-in-beeld", "Situatie in beeld brengen"),
            ChecklistItem("dh5-analyse", "Oorzaken van het verzuim analyseren"),
            ChecklistItem("dh5-opp", "Plan van aanpak opstellen in het OPP", "zorgcoordinator"),
        ),
        deadlines=(
            DeadlineRule(
                "dh-pva-evaluatie",
                R,
                "Plan van aanpak (OPP) evalueren",
                "zorgcoordinator",
                days=7,
                recurring_days=7,
                source="rules.md §9 (wekelijks evalueren); " + SRC + ", stap 5",
            ),
        ),
        checklists=("dh-casus-loopt-vast",),
        forms=("dh-aanmelding-jes",),
        # Stap 5: the JES decides how the plan goes on; stap 6 (jeugdarts), 7 (advies van
        # de Expertisetafel when it is unclear which jeugdhulp fits), 8 (passend aanbod)
        # or 9 (the casus loopt vast).
        decisions=(
            Decision(
                "advies-jgz",
                "Zorgwekkend (ziekte)verzuim: advies van de jeugdarts",
                next_stages=("dh-06-advies-jgz",),
            ),
            Decision(
                "jeugdhulp-onduidelijk",
                "Onduidelijk welke jeugdhulp passend is: advies Expertisetafel",
                next_stages=("dh-07-advies-expertisetafel",),
            ),
            Decision(
                "passend-aanbod",
                "Passend aanbod gevonden",
                next_stages=("dh-08-passend-aanbod",),
            ),
            Decision(
                "casus-loopt-vast",
                "Casus loopt vast: opschalen",
                next_stages=("dh-09-casus-loopt-vast",),
                description="Meerdere JES-bijeenkomsten gaven geen oplossing (stap 9).",
            ),
        ),
        next_stages=(
            "dh-06-advies-jgz",
            "dh-07-advies-expertisetafel",
            "dh-08-passend-aanbod",
            "dh-09-casus-loopt-vast",
        ),
        source=f"{SRC}, stap 5",
    ),
    Stage(
        id="dh-06-advies-jgz",
        number="6",
        name="Advies JGZ",
        band="thuiszittersproces",
        in_regie="zorgcoordinator",
        involved=("jeugdarts", "cjg_jgz"),
        partners=("cjg",),
        variants=(
            StageVariant((RIJSWIJK,), involved=("jeugdarts", "jeugdteam_jgz")),
            StageVariant((LV,), involved=("jeugdarts", "jeugdconsulent_jgz")),
        ),
        description="Blijkt het om zorgwekkend (ziekte)verzuim te gaan, dan kan de school de "
        "leerling aanmelden bij de jeugdarts.",
        entry_triggers=(
            _sig("sick-7-days", "Zorgwekkend ziekteverzuim: aanmelden bij de jeugdarts"),
            _sig("sick-4-in-12", "Zorgwekkend ziekteverzuim: aanmelden bij de jeugdarts"),
        ),
        actions=(
            ChecklistItem(
                "dh6-aanmelden", "Leerling aanmelden bij de jeugdarts", "zorgcoordinator"
            ),
            ChecklistItem(
                "dh6-advies", "Advies van de jeugdarts ontvangen en bespreken", "jeugdarts"
            ),
        ),
        checklists=("dh-casus-loopt-vast",),
        next_stages=("dh-05-jes", "dh-08-passend-aanbod", "dh-09-casus-loopt-vast"),
        source=f"{SRC}, stap 6",
    ),
    Stage(
        id="dh-07-advies-expertisetafel",
        number="7",
        name="Advies Expertisetafel Complexe Zorg",
        band="thuiszittersproces",
        in_regie="zorgcoordinator",
        involved=JES,
        partners=("jes", "expertisetafel"),
        variants=jes_variants(),
        description="Het JES kan advies vragen aan de Expertisetafel Complexe Zorg als er "
        "onduidelijkheid is over welke jeugdhulp passend is.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "jeugdhulp-onduidelijk",
                reason="Het JES weet niet welke jeugdhulp passend is",
            ),
        ),
        actions=(
            ChecklistItem("dh7-vraag", "Adviesvraag van het JES formuleren", "zorgcoordinator"),
            ChecklistItem("dh7-advies", "Advies van de Expertisetafel bespreken in het JES"),
        ),
        forms=("dh-aanmelding-expertisetafel",),
        checklists=("dh-casus-loopt-vast",),
        next_stages=("dh-05-jes", "dh-08-passend-aanbod", "dh-09-casus-loopt-vast"),
        source=f"{SRC}, stap 7",
    ),
    Stage(
        id="dh-08-passend-aanbod",
        number="8",
        name="Passend aanbod",
        band="thuiszittersproces",
        in_regie="zorgcoordinator",
        involved=("copa", "consulent", "lp"),
        partners=("swvzhw",),
        description="Doel is steeds om de leerling passend aanbod te bieden, in vier varianten.",
        actions=(
            ChecklistItem(
                "dh8-afspraken",
                "Passend aanbod vastleggen (OPP) en de start afspreken",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "dh8-sma",
                "Bij vrijstelling: oordeel van de SMA-arts vastleggen",
                "sma_arts",
                required=False,
            ),
        ),
        outcomes=(
            Outcome(
                "volledig-onderwijs",
                "Volledig onderwijsaanbod",
                "Regulier waar mogelijk en speciaal waar nodig; op de eigen school, eventueel "
                "met extra ondersteuning, of op een andere school.",
            ),
            Outcome(
                "onderwijs-behandeling",
                "Onderwijs in combinatie met behandeling",
                "Een jeugdhulp-arrangement waarbij de leerling in een schoolse setting verblijft.",
            ),
            Outcome(
                "jeugdhulp-onderwijs",
                "Combinatie van jeugdhulp en onderwijs",
                "De leerling wordt opgenomen in een jeugdzorginstelling in combinatie met "
                "onderwijs.",
            ),
            Outcome(
                "vrijstelling",
                "Vrijstelling van onderwijs",
                "Een SMA-arts bepaalt dat de jongere op medische grond niet in staat is "
                "onderwijs te volgen: vrijstelling op grond van de Leerplichtwet.",
            ),
        ),
        final=True,
        source=f"{SRC}, stap 8",
    ),
    Stage(
        id="dh-09-casus-loopt-vast",
        number="9",
        name="Casus loopt vast",
        band="doorbraakproces",
        in_regie="zorgcoordinator",
        involved=JES,
        partners=("jes",),
        variants=jes_variants(),
        description="Het lukt niet de leerling binnen de afgesproken periode terug naar school "
        "te laten gaan of tot passend aanbod te komen. Opschalen naar de Expertisetafel "
        "Complexe Zorg (jeugdhulp dominant) of het Maatwerkadviestraject (onderwijsvraag "
        "dominant).",
        entry_triggers=(
            Trigger(TriggerKind.LESWEKEN, weeks=13, reason="Week 13: het doorbraakproces begint"),
            Trigger(TriggerKind.CRITERION, "dh-casus-loopt-vast"),
            Trigger(
                TriggerKind.DECISION,
                "casus-loopt-vast",
                reason="Het JES stelt vast dat de casus vastloopt",
            ),
        ),
        actions=(
            ChecklistItem(
                "dh9-vaststellen", "Vaststellen dat meerdere JES-bijeenkomsten geen oplossing gaven"
            ),
            ChecklistItem(
                "dh9-dominant",
                "Bepalen: is jeugdhulp of de onderwijsvraag dominant?",
                "zorgcoordinator",
            ),
        ),
        decisions=(
            Decision(
                "jeugdhulp-dominant",
                "Jeugdhulp dominant",
                next_stages=("dh-10a-expertisetafel",),
                description="Opschalen naar de Expertisetafel Complexe Zorg.",
            ),
            Decision(
                "onderwijsvraag-dominant",
                "Onderwijsvraag dominant",
                next_stages=("dh-10b-maatwerkadvies",),
                description="Opschalen naar het Maatwerkadviestraject.",
            ),
        ),
        checklists=("dh-casus-loopt-vast",),
        next_stages=("dh-10a-expertisetafel", "dh-10b-maatwerkadvies"),
        source=f"{SRC}, stap 9",
    ),
    Stage(
        id="dh-10a-expertisetafel",
        number="10a",
        name="Expertisetafel Complexe Zorg",
        band="doorbraakproces",
        in_regie="regisseur_jmo",
        involved=("zorgcoordinator", "copa", "consulent"),
        partners=("expertisetafel", "jes"),
        variants=(
            StageVariant(
                (RIJSWIJK, LV),
                note="In de regiogemeenten meldt het JES aan bij een functionaris "
                "vergelijkbaar met de Regisseur JMO.",
            ),
        ),
        description="Bij stagnerende jeugdhulp meldt het JES de casus aan bij de Regisseur JMO; "
        "is onduidelijk welke jeugdhulp nodig is, dan verwijst die naar het Expertiseteam "
        "Complexe Zorg.",
        entry_triggers=(
            Trigger(TriggerKind.DECISION, "jeugdhulp-dominant", reason="Jeugdhulp is dominant"),
        ),
        actions=(
            ChecklistItem(
                "dh10a-aanmelden", "JES meldt de casus aan bij de Regisseur JMO", "zorgcoordinator"
            ),
            ChecklistItem(
                "dh10a-verwijzen",
                "Regisseur JMO verwijst zo nodig naar het Expertiseteam Complexe Zorg",
                "regisseur_jmo",
                required=False,
            ),
        ),
        forms=("dh-aanmelding-expertisetafel",),
        # Stap 10a leads to passend aanbod (stap 8), to the Analysetafel when the jeugdhulp
        # that is needed is not bought in (stap 11), or to the Doorbraaktafel (stap 12).
        decisions=(
            Decision(
                "jeugdhulp-passend",
                "Passende jeugdhulp gevonden",
                next_stages=("dh-08-passend-aanbod",),
            ),
            Decision(
                "jeugdhulp-niet-ingekocht",
                "Benodigde jeugdhulp is niet ingekocht: Analysetafel",
                next_stages=("dh-11-analysetafel",),
            ),
            Decision(
                "naar-doorbraaktafel",
                "Geen doorbraak: naar de Doorbraaktafel",
                next_stages=("dh-12-doorbraaktafel",),
            ),
        ),
        next_stages=("dh-08-passend-aanbod", "dh-11-analysetafel", "dh-12-doorbraaktafel"),
        source=f"{SRC}, stap 10a",
    ),
    Stage(
        id="dh-10b-maatwerkadvies",
        number="10b",
        name="Maatwerkadviestraject (MWTA)",
        band="doorbraakproces",
        in_regie="consulent",
        involved=("zorgcoordinator", "copa"),
        partners=("mwta", "opdc", "vso"),
        description="Voor leerlingen met een ondersteuning die passend is voor het reguliere "
        "onderwijs: op verzoek van het JES een maatwerkadvies van het SWVZHW — verwijzing naar "
        "het OPDC, naar het VSO, of een andere oplossing.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "onderwijsvraag-dominant",
                reason="De onderwijsvraag is dominant",
            ),
        ),
        actions=(
            ChecklistItem(
                "dh10b-verzoek", "JES vraagt het maatwerkadvies aan bij het SWVZHW", "consulent"
            ),
            ChecklistItem("dh10b-advies", "Maatwerkadvies vastleggen", "consulent"),
        ),
        decisions=(
            Decision(
                "advies-opdc",
                "Advies: verwijzing naar het OPDC",
                next_stages=("dh-08-passend-aanbod",),
            ),
            Decision(
                "advies-vso",
                "Advies: verwijzing naar het VSO",
                next_stages=("dh-08-passend-aanbod",),
            ),
            Decision(
                "advies-anders",
                "Advies: een andere oplossing",
                next_stages=("dh-08-passend-aanbod",),
            ),
            Decision(
                "geen-oplossing",
                "Geen oplossing: naar de Doorbraaktafel",
                next_stages=("dh-12-doorbraaktafel",),
                note_required=True,
            ),
        ),
        next_stages=("dh-08-passend-aanbod", "dh-12-doorbraaktafel"),
        source=f"{SRC}, stap 10b",
    ),
    Stage(
        id="dh-11-analysetafel",
        number="11",
        name="Analysetafel Jeugdhulp",
        band="doorbraakproces",
        in_regie="regisseur_jmo",
        involved=("zorgcoordinator",),
        partners=("analysetafel",),
        description="Is er jeugdhulp nodig die niet is ingekocht, dan legt de Regisseur JMO de "
        "casus voor aan de Analysetafel Jeugdhulp, die deze hulp voor het individuele geval "
        "en zonder precedentwerking mag inkopen.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "jeugdhulp-niet-ingekocht",
                reason="De benodigde jeugdhulp is niet ingekocht",
            ),
        ),
        actions=(
            ChecklistItem(
                "dh11-voorleggen",
                "Regisseur JMO legt de casus voor aan de Analysetafel",
                "regisseur_jmo",
            ),
            ChecklistItem(
                "dh11-besluit", "Besluit over inkoop van de jeugdhulp vastleggen", "regisseur_jmo"
            ),
        ),
        # Stap 11: the Analysetafel buys the jeugdhulp in for this case (stap 8) or does
        # not, and the casus goes on to the Doorbraaktafel (stap 12).
        decisions=(
            Decision(
                "jeugdhulp-ingekocht",
                "Jeugdhulp ingekocht",
                next_stages=("dh-08-passend-aanbod",),
            ),
            Decision(
                "naar-doorbraaktafel",
                "Niet ingekocht: naar de Doorbraaktafel",
                next_stages=("dh-12-doorbraaktafel",),
            ),
        ),
        next_stages=("dh-08-passend-aanbod", "dh-12-doorbraaktafel"),
        source=f"{SRC}, stap 11",
    ),
    Stage(
        id="dh-12-doorbraaktafel",
        number="12",
        name="Doorbraaktafel",
        band="doorbraakproces",
        in_regie="directeur_jeugd",
        involved=("directeur_swvzhw", "regisseur_jmo", "zorgcoordinator"),
        partners=("doorbraaktafel",),
        variants=(
            StageVariant(
                (RIJSWIJK, LV),
                in_regie="directeur_sociaal_domein",
                note="In Rijswijk en Leidschendam-Voorburg besluit de directeur Sociaal Domein.",
            ),
        ),
        description="De directeur Jeugd (of een gemandateerde vertegenwoordiger) en de "
        "directeur SWVZHW besluiten in collegiaal overleg over een ingediende casus, na "
        "raadpleging van de betrokken partijen: toe- of afwijzing met toelichting.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "naar-doorbraaktafel",
                reason="Opschaling naar de Doorbraaktafel is besloten",
            ),
            Trigger(
                TriggerKind.DECISION,
                "geen-oplossing",
                reason="Het maatwerkadvies gaf geen oplossing",
            ),
        ),
        actions=(
            ChecklistItem("dh12-casus", "Casus indienen bij de Doorbraaktafel", "regisseur_jmo"),
            ChecklistItem("dh12-raadplegen", "Betrokken partijen raadplegen", "directeur_jeugd"),
            ChecklistItem(
                "dh12-besluit",
                "Besluit (toe- of afwijzing) met toelichting vastleggen",
                "directeur_jeugd",
            ),
        ),
        decisions=(
            Decision(
                "toegekend", "Toegekend", next_stages=("dh-08-passend-aanbod",), note_required=True
            ),
            Decision(
                "afgewezen",
                "Afgewezen",
                next_stages=("dh-05-jes",),
                note_required=True,
                description="De casus gaat terug naar het JES.",
            ),
        ),
        forms=("dh-doorbraaktafel",),
        next_stages=("dh-08-passend-aanbod", "dh-05-jes"),
        source=f"{SRC}, stap 12",
    ),
)

LADDER = Ladder(
    region_id=R,
    stages=STAGES,
    start_stage="dh-01-school",
    name="Routeboek verzuim en thuiszitters",
    description="Stappen 1–12 van het routeboek, met de vertakking 10a/10b.",
    source=SRC,
)

REPORT_FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(
        id="dh-thuiszitters-per-fase",
        region_id=R,
        name="Thuiszitters per fase",
        description="Open casussen per fase (verzuim, thuiszittersproces, doorbraakproces) en "
        "per stap, per school en gemeente.",
        columns=("school", "gemeente", "leerling", "stap", "fase", "lesweek", "in regie"),
        source=SRC,
    ),
    ReportFormat(
        id="dh-doorbraaktafel-besluiten",
        region_id=R,
        name="Besluiten Doorbraaktafel",
        description="Ingediende casussen met datum, besluit en toelichting.",
        columns=("casus", "gemeente", "datum", "besluit", "toelichting"),
        source=f"{SRC}, stap 12",
    ),
)


#: The whole region as one value; :mod:`.plugin` registers it.
# ---------------------------------------------------------------------------
# Letters of its own, next to the national ones (register_letter_templates)
# ---------------------------------------------------------------------------

LETTER_TEMPLATES = [
    LetterTemplate(
        id="dh-uitnodiging-jes",
        region_id=R,
        name="Uitnodiging JES-overleg",
        description="Nodigt ouders uit voor het JES-overleg (stap 5 van de route).",
        source=f"{SRC}, stap 5",
        # One line per paragraph: the letter wraps to the page when printed.
        text=(
            "Aan {ouder.naam}\n{leerling.adres}\n{leerling.postcode} {leerling.woonplaats}\n\n"
            "Den Haag, {vandaag}\n\n"
            "Betreft: uitnodiging JES-overleg over {leerling.naam}\n"
            "Ons kenmerk: {casus.nummer}\n\n"
            "Geachte {ouder.naam},\n\n"
            "{leerling.voornaam} gaat al een tijd niet of weinig naar {school.naam}. Daarom "
            "bespreken wij de situatie in het JES (Jeugd en School): een overleg van de school, "
            "leerplicht, schoolmaatschappelijk werk en het Centrum voor Jeugd en Gezin. Samen "
            "zoeken wij naar wat {leerling.voornaam} nodig heeft om weer naar school te gaan. "
            "Uw inbreng is daarbij heel belangrijk. Daarom nodigen wij u en "
            "{leerling.voornaam} van harte uit om erbij te zijn.\n\n"
            "    Datum: …\n    Tijd: …\n    Plaats: …\n\n"
            "Kunt u niet op dit moment, laat het ons dan zo snel mogelijk weten.\n\n"
            "Met vriendelijke groet,\n\n{afzender.naam}\n{regie.naam}\n"
        ),
    ),
]


REGION_DATA = RegionData(
    region=REGION,
    ladder=LADDER,
    roles=tuple(ROLES),
    partners=tuple(PARTNERS),
    timeline_bands=tuple(BANDS),
    checklists=tuple(CHECKLISTS),
    forms=tuple(FORMS),
    deadline_rules=tuple(DEADLINE_RULES),
    signals=(),
    report_formats=tuple(REPORT_FORMATS),
    letter_templates=tuple(LETTER_TEMPLATES),
)

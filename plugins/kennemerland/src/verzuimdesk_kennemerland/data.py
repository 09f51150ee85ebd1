"""Zuid-Kennemerland en IJmond (PO and VO): the *Handreiking schoolverzuim* as data.

Source: seed 003. The route follows the Methodische Aanpak Schoolverzuim (MAS):
registration and signalling at school, the mentor's talk, the leerplichtambtenaar's
preventive consultation (VO/MBO), worrying sickness absence with different PO and VO
thresholds and the jeugdarts, the DUO report and the leerplichtambtenaar's
investigation with its options (CJG, Beschermingstafel, HALT from 12 once,
proces-verbaal), and long absence (> 4 weeks): report to leerplicht and SWV and an
MDO with regiehouder, goals and timeline.
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
    inspectie_field,
)
from verzuimdesk_kennemerland import signals

R = "kennemerland"
SRC = "Handreiking schoolverzuim Zuid-Kennemerland en IJmond"

PO = (Sector.PO,)
VO = (Sector.VO, Sector.MBO)

REGION = Region(
    id=R,
    name="Zuid-Kennemerland en IJmond",
    api_version=API_VERSION,
    municipalities=(
        "Haarlem",
        "Zandvoort",
        "Bloemendaal",
        "Heemstede",
        "Velsen",
        "Beverwijk",
        "Heemskerk",
    ),
    vacation_region="noord",
    sectors=(Sector.PO, Sector.VO, Sector.MBO),
    description=(
        "Handreiking schoolverzuim: de Methodische Aanpak Schoolverzuim (MAS) voor PO en VO, "
        "met het preventief spreekuur, zorgwekkend ziekteverzuim, het onderzoek van de "
        "leerplichtambtenaar en het MDO bij langdurig verzuim."
    ),
    source=SRC,
)


def _role(
    id: str, name: str, organisation: str, short: str, description: str, section: str
) -> Role:
    return Role(id, R, name, organisation, description, short, f"{SRC}, {section}")


ROLES: tuple[Role, ...] = (
    _role(
        "verzuimcoordinator",
        "Verzuimcoördinator",
        "School",
        "vc",
        "Registreert het verzuim, belt ouders, informeert de mentor wekelijks, doet de "
        "DUO-melding en de melding bij de jeugdarts bij een patroon van ziekte.",
        "§3.1.2",
    ),
    _role(
        "mentor",
        "Mentor",
        "School",
        "mentor",
        "Preventie en tijdig ingrijpen: bespreekt verzuim en te laat komen (tot 9x) met "
        "leerling en ouders.",
        "§3.1.2",
    ),
    _role(
        "zorgcoordinator",
        "Zorgcoördinator/ondersteuningscoördinator",
        "School",
        "zoco",
        "Verbinding tussen interne en externe partijen; consulteert de jeugdarts, organiseert "
        "het MDO.",
        "§3.1.2",
    ),
    _role(
        "lpa",
        "Leerplichtambtenaar",
        "Gemeente / Leerplein",
        "LPA",
        "Houdt het preventief spreekuur, onderzoekt DUO-meldingen, verwijst door (CJG, "
        "Beschermingstafel, HALT) of maakt proces-verbaal op.",
        "§3.2.1",
    ),
    _role(
        "cjg_coach",
        "CJG-coach (VO-coach)",
        "CJG Kennemerland",
        "CJG",
        "Vrijwillig coachingstraject van gemiddeld vijf gesprekken; kan de hulpvraag "
        "overdragen aan de gezinsteams.",
        "§3.2.2",
    ),
    _role(
        "jeugdarts",
        "Jeugdarts",
        "GGD Kennemerland (JGZ)",
        "JA",
        "Adviserende, geen controlerende rol: sociaal-medische analyse, advies op maat, "
        "re-integratieplan.",
        "§3.3",
    ),
    _role(
        "consulent",
        "Consulent passend onderwijs",
        "Samenwerkingsverband",
        "consulent",
        "Schuift aan op uitnodiging van de zorgcoördinator of teamleider; zoekt mee naar een "
        "passend onderwijsaanbod en sluit af zodra de schoolgang is genormaliseerd.",
        "§3.4",
    ),
    _role(
        "teamleider",
        "Teamleider",
        "School",
        "TL",
        "Kan in plaats van de zorgcoördinator de consulent uitnodigen en het spreekuur regelen.",
        "§3.1.2, §3.4",
    ),
    _role(
        "schooldirecteur",
        "Directeur (PO)",
        "School",
        "dir",
        "Hoofd van de school: meldt verzuim (PO) en verleent verlof tot tien schooldagen.",
        "§2, §2.2.1",
    ),
)

PARTNERS: tuple[Partner, ...] = (
    Partner(
        "duo",
        R,
        "DUO Verzuimloket",
        PartnerKind.LOKET,
        "Meldingen: 16 uur in 4 weken, langdurig relatief verzuim, luxe verzuim, overig "
        "verzuim; komen bij de leerplichtambtenaar van de woongemeente.",
        role_ids=("verzuimcoordinator",),
        source=f"{SRC}, §2.5",
    ),
    Partner(
        "leerplein",
        R,
        "Leerplein Zuid-Kennemerland en IJmond",
        PartnerKind.ORGANISATIE,
        "Leerplicht en RMC.",
        role_ids=("lpa",),
        source=f"{SRC}, voorwoord",
    ),
    Partner(
        "ggd",
        R,
        "GGD Kennemerland, Jeugdgezondheidszorg",
        PartnerKind.ORGANISATIE,
        "Jeugdarts, verpleegkundig specialist en jeugdverpleegkundige.",
        role_ids=("jeugdarts",),
        source=f"{SRC}, §3.3",
    ),
    Partner(
        "cjg",
        R,
        "CJG Kennemerland",
        PartnerKind.ORGANISATIE,
        "VO-coaches op school; in de IJmond samen met Socius schoolmaatschappelijk werk.",
        role_ids=("cjg_coach",),
        source=f"{SRC}, §3.2.2",
    ),
    Partner(
        "swv_po",
        R,
        "Samenwerkingsverband PO Zuid-Kennemerland",
        PartnerKind.ORGANISATIE,
        "Verzuimkaart PO (bijlage I).",
        role_ids=("consulent",),
        source=f"{SRC}, §3.4",
    ),
    Partner(
        "swv_vo",
        R,
        "Samenwerkingsverband VO Zuid-Kennemerland",
        PartnerKind.ORGANISATIE,
        "Consulenten passend onderwijs.",
        role_ids=("consulent",),
        source=f"{SRC}, §3.4",
    ),
    Partner(
        "mdo",
        R,
        "Multidisciplinair overleg (MDO)",
        PartnerKind.OVERLEG,
        "Leerling, ouders, school, samenwerkingsverband, jeugdarts en andere hulpverlening: "
        "afspraken over regiehouder, doelen, tijdpad en vervolg.",
        role_ids=("zorgcoordinator", "lpa", "jeugdarts", "cjg_coach", "consulent"),
        source=f"{SRC}, §2.2.3, §3.1.2",
    ),
    Partner(
        "beschermingstafel",
        R,
        "Beschermingstafel",
        PartnerKind.OVERLEG,
        "Als hulpverlening in het vrijwillig kader niet lukt.",
        role_ids=("lpa",),
        source=f"{SRC}, §3.2.1",
    ),
    Partner(
        "halt",
        R,
        "Bureau HALT",
        PartnerKind.ORGANISATIE,
        "Taak-/leerstraf voor leerlingen van 12 jaar en ouder (eenmalig).",
        role_ids=("lpa",),
        source=f"{SRC}, §3.2.1",
    ),
    Partner(
        "om",
        R,
        "Openbaar Ministerie",
        PartnerKind.ORGANISATIE,
        "Ontvangt het proces-verbaal; de rechter kan een boete of taakstraf opleggen.",
        source=f"{SRC}, §3.2.1",
    ),
    Partner(
        "verwijsindex",
        R,
        "Verwijsindex",
        PartnerKind.LOKET,
        "Melding bij zorgen over de ontwikkeling van de leerling.",
        role_ids=("lpa",),
        source=f"{SRC}, §3.2.1",
    ),
)

BANDS: tuple[PhaseBand, ...] = (
    PhaseBand("preventie", R, "Preventie", 0, 0, "#e3efe3", 0),
    PhaseBand("verzuim", R, "Verzuim (week 1–4)", 1, 4, "#fdf1d6", 1),
    PhaseBand("langdurig", R, "Langdurig verzuim (langer dan 4 weken)", 5, None, "#f6cccc", 2),
)

CHECKLISTS: tuple[Checklist, ...] = (
    Checklist(
        id="ken-zorgwekkend-ziekteverzuim",
        region_id=R,
        name="Zorgwekkend ziekteverzuim (M@ZL 2022)",
        kind=ChecklistKind.ADVIES,
        description="NB: bij zorgen gaat school altijd eerder in gesprek met leerling en "
        "ouders/verzorgers.",
        stage_ids=("ken-04-ziekteverzuim", "ken-05-jeugdarts"),
        source=f"{SRC}, §2.2.3",
        items=(
            ChecklistItem(
                "ken-ziek-po",
                "Primair onderwijs: 5 of meer ziekmeldingen per "
                "schooljaar, of 10 of meer schooldagen ziekteverzuim per schooljaar.",
            ),
            ChecklistItem(
                "ken-ziek-vo",
                "Voortgezet onderwijs: 4e ziekmelding in 12 weken, of "
                "vanaf de 7e dag aaneengesloten ziek.",
            ),
            ChecklistItem(
                "ken-ziek-avg",
                "Ziekteverzuim is geoorloofd: niet melden bij de "
                "leerplichtambtenaar (AVG); wel de jeugdarts consulteren.",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "ken-ziek-terugkoppeling",
                "Vooraf aan ouders en leerling gemeld dat "
                "niet verschijnen bij de jeugdarts aan school wordt teruggekoppeld.",
                "zorgcoordinator",
            ),
        ),
    ),
    Checklist(
        id="ken-mdo-afspraken",
        region_id=R,
        name="Afspraken in het MDO",
        kind=ChecklistKind.CRITERIA,
        min_ticked=4,
        stage_ids=("ken-07-mdo",),
        source=f"{SRC}, §2.2.3, §3.1.2",
        items=(
            ChecklistItem("ken-mdo-regiehouder", "Er is afgesproken wie regiehouder is."),
            ChecklistItem("ken-mdo-doelen", "De te halen doelen zijn vastgelegd."),
            ChecklistItem(
                "ken-mdo-tijdpad", "Er is een tijdpad met concrete afspraken over voortgang."
            ),
            ChecklistItem("ken-mdo-vervolg", "Vervolgafspraken zijn gemaakt."),
        ),
    ),
    Checklist(
        id="ken-lpa-opschalen",
        region_id=R,
        name="Leerplichtambtenaar inschakelen",
        kind=ChecklistKind.CRITERIA,
        stage_ids=("ken-07-mdo", "ken-08-thuiszitter", "ken-05-jeugdarts"),
        source=f"{SRC}, §2.2.3, §3.1.2, §3.3",
        items=(
            ChecklistItem("ken-lpa-geen-mdo", "Ouders en leerling zien af van een MDO."),
            ChecklistItem(
                "ken-lpa-afspraken",
                "Afspraken worden niet nagekomen of het lukt niet om tot afspraken te komen.",
            ),
            ChecklistItem(
                "ken-lpa-niet-ziek",
                "De jeugdarts stelt vast dat de leerling niet ziek "
                "is en het verzuim verbetert niet.",
            ),
        ),
    ),
)

_PARTIES = Field(
    "aanwezigen",
    "Aanwezigen en betrokken partijen",
    FieldType.REPEAT,
    min_items=1,
    fields=(
        Field("naam", "Naam", required=True),
        Field("organisatie", "Organisatie", required=True),
        Field(
            "functie",
            "Functie",
            FieldType.CHOICE,
            choices=(
                ("leerling", "Leerling"),
                ("ouder", "Ouder/verzorger"),
                ("mentor", "Mentor"),
                ("zorgcoordinator", "Zorgcoördinator"),
                ("lpa", "Leerplichtambtenaar"),
                ("jeugdarts", "Jeugdarts"),
                ("cjg_coach", "CJG-coach"),
                ("consulent", "Consulent passend onderwijs"),
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
        stage_ids=("ken-03-spreekuur", "ken-06-lpa-onderzoek", "ken-08-thuiszitter"),
        source=f"{SRC}, §2.5",
    ),
    FormDef(
        id="ken-mdo-verslag",
        region_id=R,
        name="Verslag MDO",
        version="1",
        description="Multidisciplinair overleg: stand van zaken, wat de leerling nodig heeft, "
        "wie regiehouder is, de doelen, het tijdpad en de vervolgafspraken.",
        stage_ids=("ken-07-mdo",),
        source=f"{SRC}, §2.2.3, §3.1.2",
        fields=(
            Field("leerling", "Naam leerling", required=True, prefill="pupil.full_name"),
            Field("geboortedatum", "Geboortedatum", FieldType.DATE, prefill="pupil.birth_date"),
            Field("school", "School", required=True, prefill="school.name"),
            Field("datum", "Datum MDO", FieldType.DATE, required=True, prefill="desk.today"),
            _PARTIES,
            Field("stand_van_zaken", "Stand van zaken", FieldType.MULTILINE, required=True),
            Field(
                "wat_nodig",
                "Wat heeft de leerling nodig, welke mogelijkheden zijn er?",
                FieldType.MULTILINE,
                required=True,
            ),
            Field(
                "regiehouder",
                "Regiehouder",
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("zorgcoordinator", "Zorgcoördinator"),
                    ("lpa", "Leerplichtambtenaar"),
                    ("jeugdarts", "Jeugdarts"),
                    ("cjg_coach", "CJG-coach"),
                    ("consulent", "Consulent passend onderwijs"),
                ),
            ),
            Field("doelen", "Doelen", FieldType.MULTILINE, required=True),
            Field(
                "tijdpad", "Tijdpad en afspraken over voortgang", FieldType.MULTILINE, required=True
            ),
            Field("evaluatie_op", "Eerste evaluatie op", FieldType.DATE, required=True),
            Field("vervolg", "Vervolgafspraken", FieldType.MULTILINE, required=True),
            Field(
                "ondersteuning",
                "Afgesproken ondersteuning",
                FieldType.MULTICHOICE,
                choices=(
                    ("binnen-school", "Ondersteuning binnen school"),
                    ("jeugdarts", "Re-integratieplan jeugdarts"),
                    ("cjg", "CJG-coach / jeugdhulp"),
                    ("passend-aanbod", "Passend onderwijsaanbod (consulent)"),
                ),
            ),
            Field(
                "ouders_akkoord", "Ouders en leerling akkoord met de afspraken", FieldType.BOOLEAN
            ),
        ),
    ),
    FormDef(
        id="ken-thuiszitter-melding",
        region_id=R,
        name="Melding thuiszitter aan leerplicht en samenwerkingsverband",
        version="1",
        description="Langer dan 4 weken verzuim: de school meldt de leerling als thuiszitter "
        "bij leerplicht en het samenwerkingsverband.",
        stage_ids=("ken-08-thuiszitter",),
        source=f"{SRC}, §2.2.3",
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
            Field("adres", "Adres", prefill="pupil.street"),
            Field("postcode", "Postcode", FieldType.POSTCODE, prefill="pupil.postcode"),
            Field("woonplaats", "Woonplaats", prefill="pupil.city"),
            Field("ouders", "Ouder/verzorger", prefill="pupil.parent_name"),
            Field(
                "ouders_telefoon", "Telefoon ouder", FieldType.PHONE, prefill="pupil.parent_phone"
            ),
            Field("ouders_email", "E-mail ouder", FieldType.EMAIL, prefill="pupil.parent_email"),
            Field("school", "School", required=True, prefill="school.name"),
            Field("contactpersoon", "Contactpersoon school", prefill="school.contact_name"),
            Field(
                "contact_telefoon",
                "Telefoon contactpersoon",
                FieldType.PHONE,
                prefill="school.contact_phone",
            ),
            Field(
                "contact_email",
                "E-mail contactpersoon",
                FieldType.EMAIL,
                prefill="school.contact_email",
            ),
            Field(
                "eerste_verzuimdag",
                "Eerste verzuimdag",
                FieldType.DATE,
                required=True,
                prefill="case.first_absence_on",
            ),
            inspectie_field(
                label="Soort thuiszitter",
                codes=("A1", "B2a", "B2b", "B3", "C"),
                labels={"B2a": "B2a 4 weken tot 3 maanden", "B2b": "B2b langer dan 3 maanden"},
            ),
            Field(
                "gemeld_aan",
                "Gemeld aan",
                FieldType.MULTICHOICE,
                required=True,
                choices=(("leerplicht", "Leerplicht"), ("swv", "Samenwerkingsverband")),
            ),
            Field("reden", "Reden van het verzuim", FieldType.MULTILINE, required=True),
            Field("mdo_gepland", "MDO gepland", FieldType.BOOLEAN),
            Field("mdo_datum", "Datum MDO", FieldType.DATE),
            Field(
                "betrokken",
                "Betrokken partijen",
                FieldType.REPEAT,
                fields=(
                    Field("organisatie", "Organisatie", required=True),
                    Field("contactpersoon", "Contactpersoon"),
                    Field("telefoon", "Telefoon", FieldType.PHONE),
                    Field("email", "E-mail", FieldType.EMAIL),
                ),
            ),
            Field("lesweken", "Aantal lesweken verzuim", FieldType.NUMBER),
        ),
    ),
)

DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id="ken-spreekuur-duo-overig",
        region_id=R,
        what="Leerling uitnodigen voor het preventief spreekuur en DUO-melding ‘overig "
        "verzuim’ doen",
        role_id="verzuimcoordinator",
        schooldays=1,
        anchor="signal:preventief-spreekuur",
        source=f"{SRC}, §3.2.1 (termijn als de DUO-melding, rules.md §9)",
    ),
    DeadlineRule(
        id="ken-thuiszitter-melden",
        region_id=R,
        what="Thuiszitter melden bij leerplicht en samenwerkingsverband",
        role_id="zorgcoordinator",
        days=0,
        anchor="signal:duo-lrv",
        source=f"{SRC}, §2.2.3; rules.md §9",
    ),
)


HERSTELD = "ken-12-schoolgang-hersteld"

STAGES: tuple[Stage, ...] = (
    Stage(
        id="ken-01-signalering",
        number="1",
        name="Registratie en signalering op school",
        band="preventie",
        in_regie="verzuimcoordinator",
        involved=("mentor", "zorgcoordinator"),
        description="Goede signalering begint met adequate registratie van aan- en afwezigheid; "
        "let op patronen in het verzuim.",
        actions=(
            ChecklistItem(
                "ken1-registreren", "Verzuim nauwkeurig registreren", "verzuimcoordinator"
            ),
            ChecklistItem(
                "ken1-ouders-bellen",
                "Ouders bellen als de leerling zonder geldige reden afwezig is",
                "verzuimcoordinator",
            ),
            ChecklistItem(
                "ken1-mentor",
                "Mentor wekelijks informeren met een gespecificeerde verzuimstaat",
                "verzuimcoordinator",
            ),
        ),
        deadlines=(
            DeadlineRule(
                "ken-verzuimstaat-mentor",
                R,
                "Verzuimstaat naar de mentor",
                "verzuimcoordinator",
                days=7,
                recurring_days=7,
                source=f"{SRC}, §3.1.2",
            ),
        ),
        next_stages=(
            "ken-02-mentorgesprek",
            "ken-03-spreekuur",
            "ken-04-ziekteverzuim",
            "ken-06-lpa-onderzoek",
            "ken-08-thuiszitter",
        ),
        source=f"{SRC}, §3.1",
    ),
    Stage(
        id="ken-02-mentorgesprek",
        number="2",
        name="Gesprek mentor met leerling en ouders",
        band="verzuim",
        in_regie="mentor",
        involved=("zorgcoordinator",),
        description="Bij frequent te laat komen (tot 9x) of ongeoorloofd verzuim bespreekt de "
        "mentor met leerling en ouders of er een hulpvraag is; ook welbevinden, thuissituatie "
        "en patronen in het verzuim.",
        entry_triggers=(Trigger(TriggerKind.LESWEKEN, weeks=1, reason="Er is verzuim (week 1)"),),
        actions=(
            ChecklistItem(
                "ken2-gesprek", "Gesprek met leerling en ouders: is er een hulpvraag?", "mentor"
            ),
            ChecklistItem(
                "ken2-patroon", "Patronen, achterstanden en toetsvermijding bespreken", "mentor"
            ),
            ChecklistItem(
                "ken2-zoco",
                "Bij zorgen of vragen overleggen met de zorgcoördinator",
                "mentor",
                required=False,
            ),
        ),
        next_stages=("ken-03-spreekuur", "ken-04-ziekteverzuim", "ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §3.1.2 (mentor)",
    ),
    Stage(
        id="ken-03-spreekuur",
        number="3",
        name="Preventief spreekuur leerplichtambtenaar",
        band="verzuim",
        in_regie="lpa",
        involved=("zorgcoordinator", "verzuimcoordinator", "mentor"),
        partners=("duo",),
        sectors=VO,
        description="Voor leerlingen die verzuimen maar de meldgrens nog niet bereiken: een "
        "kort gesprek (max. 15 minuten) met de leerplichtambtenaar die aan de school verbonden "
        "is, vanaf 8 of 9 uur verzuim of 8 of 9 keer te laat (VO en MBO).",
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL,
                "preventief-spreekuur",
                sectors=VO,
                reason="8 uur ongeoorloofd verzuim of 8 keer te laat dit schooljaar",
            ),
        ),
        actions=(
            ChecklistItem(
                "ken3-uitnodigen",
                "Leerling (en soms ouders) uitnodigen voor het spreekuur",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "ken3-duo-overig",
                "DUO-melding ‘overig verzuim’ doen voor het preventief spreekuur",
                "verzuimcoordinator",
            ),
            ChecklistItem("ken3-gesprek", "Kort gesprek (max. 15 minuten) met de leerling", "lpa"),
        ),
        forms=("duo-melding",),
        next_stages=("ken-02-mentorgesprek", "ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §2.5, §3.2.1",
    ),
    Stage(
        id="ken-04-ziekteverzuim",
        number="4",
        name="Zorgwekkend ziekteverzuim",
        band="verzuim",
        in_regie="zorgcoordinator",
        involved=("mentor", "jeugdarts"),
        description="Ziekte is geoorloofd verzuim en wordt niet gemeld bij de "
        "leerplichtambtenaar; bij zorgwekkend ziekteverzuim gaat de school in gesprek en "
        "consulteert zo nodig de jeugdarts. PO: 5 ziekmeldingen of 10 ziektedagen per "
        "schooljaar; VO: 4e ziekmelding in 12 weken of vanaf de 7e dag aaneengesloten.",
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL,
                "sick-po-5-reports",
                sectors=PO,
                reason="PO: 5e ziekmelding dit schooljaar",
            ),
            Trigger(
                TriggerKind.SIGNAL,
                "sick-po-10-days",
                sectors=PO,
                reason="PO: 10e schooldag ziek dit schooljaar",
            ),
            Trigger(
                TriggerKind.SIGNAL,
                "sick-7-days",
                sectors=VO,
                reason="VO: vanaf de 7e dag aaneengesloten ziek",
            ),
            Trigger(
                TriggerKind.SIGNAL,
                "sick-4-in-12",
                sectors=VO,
                reason="VO: 4e ziekmelding in 12 weken",
            ),
        ),
        actions=(
            ChecklistItem(
                "ken4-gesprek",
                "Verzuimgesprek met leerling en ouders: zijn er aan school "
                "gerelateerde oorzaken, hoe kan school ondersteunen?",
                "mentor",
            ),
            ChecklistItem(
                "ken4-informeren",
                "Ouders vooraf melden dat niet verschijnen bij de jeugdarts "
                "aan school wordt teruggekoppeld",
                "zorgcoordinator",
            ),
            ChecklistItem(
                "ken4-jeugdarts",
                "Jeugdarts informeren over de hulpvraag en om advies of consult vragen",
                "zorgcoordinator",
            ),
        ),
        checklists=("ken-zorgwekkend-ziekteverzuim",),
        next_stages=("ken-05-jeugdarts", "ken-07-mdo", "ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §2.2.3, §2.3",
    ),
    Stage(
        id="ken-05-jeugdarts",
        number="5",
        name="Consult jeugdarts",
        band="verzuim",
        in_regie="jeugdarts",
        involved=("zorgcoordinator",),
        partners=("ggd",),
        description="De jeugdarts maakt een sociaal-medische analyse, adviseert op maat, "
        "bespreekt die met leerling en ouders en koppelt alleen in samenspraak terug aan "
        "school; waar nodig een re-integratieplan.",
        entry_triggers=(
            Trigger(TriggerKind.SIGNAL, "sick-po-5-reports", sectors=PO),
            Trigger(TriggerKind.SIGNAL, "sick-po-10-days", sectors=PO),
            Trigger(TriggerKind.SIGNAL, "sick-7-days", sectors=VO),
            Trigger(TriggerKind.SIGNAL, "sick-4-in-12", sectors=VO),
        ),
        actions=(
            ChecklistItem(
                "ken5-analyse", "Sociaal-medische analyse en advies op maat", "jeugdarts"
            ),
            ChecklistItem(
                "ken5-terugkoppeling",
                "Analyse bespreken met leerling en ouders en in "
                "samenspraak terugkoppelen aan school",
                "jeugdarts",
            ),
            ChecklistItem(
                "ken5-reintegratie",
                "Re-integratieplan opstellen met leerling, ouders en school",
                "jeugdarts",
                required=False,
            ),
        ),
        checklists=("ken-zorgwekkend-ziekteverzuim", "ken-lpa-opschalen"),
        next_stages=("ken-07-mdo", "ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §3.3",
    ),
    Stage(
        id="ken-06-lpa-onderzoek",
        number="6",
        name="DUO-melding en onderzoek leerplichtambtenaar",
        band="verzuim",
        in_regie="lpa",
        involved=("verzuimcoordinator", "zorgcoordinator"),
        partners=("duo", "leerplein", "verwijsindex"),
        description="Na een melding via DUO onderzoekt de leerplichtambtenaar of het verzuim "
        "ongeoorloofd is: informatie en verzuimstaat van school, gesprek met ouders en "
        "jongere, zo nodig andere partijen, een MDO in zorgelijke situaties.",
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL,
                "duo-16h",
                reason="16 uur ongeoorloofd verzuim in 4 lesweken: melden via DUO",
            ),
            Trigger(TriggerKind.SIGNAL, "duo-luxe", reason="Luxe verzuim: melden via DUO"),
            Trigger(TriggerKind.CRITERION, "ken-lpa-opschalen"),
        ),
        actions=(
            ChecklistItem("ken6-melding", "DUO-melding doen", "verzuimcoordinator"),
            ChecklistItem(
                "ken6-informatie", "Informatie en verzuimstaat opvragen bij school", "lpa"
            ),
            ChecklistItem(
                "ken6-gesprek",
                "Gesprek met ouders en/of jongere: oorzaak en afspraken over het "
                "stoppen van het verzuim",
                "lpa",
            ),
            ChecklistItem(
                "ken6-partijen",
                "Zo nodig contact met andere betrokken partijen",
                "lpa",
                required=False,
            ),
            ChecklistItem(
                "ken6-verwijsindex",
                "Bij zorgen over de ontwikkeling: melding in de verwijsindex",
                "lpa",
                required=False,
            ),
            ChecklistItem("ken6-terugkoppelen", "Afspraken terugkoppelen aan school", "lpa"),
        ),
        forms=("duo-melding",),
        # §3.2.1: after the investigation the leerplichtambtenaar decides what follows:
        # an MDO in a worrying situation, the thuiszitter report (§2.2.3), the CJG in the
        # vrijwillig kader, the Beschermingstafel when that kader does not work, HALT
        # when the absence continues, proces-verbaal when pupil or parents are to blame,
        # or nothing more because the absence stopped (§3.4).
        decisions=(
            Decision("mdo-organiseren", "Zorgelijke situatie: MDO organiseren", ("ken-07-mdo",)),
            Decision(
                "thuiszitter-melden",
                "Langer dan 4 weken verzuim: thuiszitter melden",
                ("ken-08-thuiszitter",),
            ),
            Decision(
                "hulp-vrijwillig-kader",
                "Hulp in het vrijwillig kader: doorverwijzen naar het CJG",
                ("ken-09-cjg",),
            ),
            Decision(
                "vrijwillig-kader-lukt-niet",
                "Vrijwillig kader lukt niet: inbrengen bij de Beschermingstafel",
                ("ken-10-beschermingstafel",),
            ),
            Decision(
                "verzuim-houdt-aan",
                "Verzuim houdt aan: aanmelden bij HALT",
                ("ken-11-halt",),
            ),
            Decision(
                "verwijtbaar",
                "Leerling of ouders verwijtbaar: proces-verbaal",
                ("ken-13-proces-verbaal",),
            ),
            Decision("verzuim-gestopt", "Verzuim gestopt", (HERSTELD,)),
        ),
        next_stages=(
            "ken-07-mdo",
            "ken-08-thuiszitter",
            "ken-09-cjg",
            "ken-10-beschermingstafel",
            "ken-11-halt",
            "ken-13-proces-verbaal",
            HERSTELD,
        ),
        source=f"{SRC}, §2.5, §3.2.1",
    ),
    Stage(
        id="ken-07-mdo",
        number="7",
        name="Multidisciplinair overleg (MDO)",
        band="langdurig",
        in_regie="zorgcoordinator",
        regie_options=("lpa", "jeugdarts", "cjg_coach", "consulent"),
        involved=("lpa", "jeugdarts", "cjg_coach", "consulent", "mentor"),
        partners=("mdo",),
        description="Met leerling en ouders, school, samenwerkingsverband, jeugdarts en andere "
        "hulpverlening: stand van zaken, wat is er nodig, wie is regiehouder, doelen, tijdpad "
        "en vervolgafspraken.",
        # Seed §2.2.3 "langer dan 4 weken verzuimt": four lesweken of continuous absence
        # (the LRV), not four lesweken since the case's first absence day — a pupil with
        # a sick day now and then is no long-term absentee.
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL,
                "duo-lrv",
                reason="Langer dan 4 weken aaneengesloten verzuim: MDO organiseren",
            ),
            Trigger(TriggerKind.SIGNAL, "thuiszitter-b2a"),
        ),
        actions=(
            ChecklistItem(
                "ken7-uitnodigen", "MDO organiseren en partijen uitnodigen", "zorgcoordinator"
            ),
            ChecklistItem("ken7-regiehouder", "Afspreken wie regiehouder is", "zorgcoordinator"),
            ChecklistItem(
                "ken7-doelen", "Doelen, tijdpad en vervolgafspraken vastleggen", "zorgcoordinator"
            ),
        ),
        deadlines=(
            DeadlineRule(
                "ken-mdo-voortgang",
                R,
                "Voortgang van de MDO-afspraken evalueren",
                "zorgcoordinator",
                days=7,
                recurring_days=7,
                source="rules.md §9 (wekelijks evalueren); " + SRC + ", §2.2.3",
            ),
        ),
        checklists=("ken-mdo-afspraken", "ken-lpa-opschalen"),
        forms=("ken-mdo-verslag",),
        next_stages=("ken-06-lpa-onderzoek", "ken-09-cjg", HERSTELD),
        source=f"{SRC}, §2.2.3, §3.1.2",
    ),
    Stage(
        id="ken-08-thuiszitter",
        number="8",
        name="Langdurig verzuim: thuiszitter melden",
        band="langdurig",
        in_regie="zorgcoordinator",
        involved=("lpa", "consulent"),
        partners=("leerplein", "swv_po", "swv_vo", "duo"),
        description="Verzuimt een leerling langer dan 4 weken, dan meldt de school de leerling "
        "als thuiszitter bij leerplicht en samenwerkingsverband en organiseert zij bij "
        "voorkeur een MDO.",
        entry_triggers=(
            Trigger(TriggerKind.SIGNAL, "duo-lrv", reason="4 lesweken aaneengesloten verzuim"),
            Trigger(TriggerKind.SIGNAL, "thuiszitter-b2a"),
        ),
        actions=(
            ChecklistItem(
                "ken8-melden",
                "Thuiszitter melden bij leerplicht en samenwerkingsverband",
                "zorgcoordinator",
            ),
            ChecklistItem("ken8-lrv", "LRV-melding doen in DUO", "verzuimcoordinator"),
            ChecklistItem("ken8-mdo", "MDO organiseren", "zorgcoordinator"),
        ),
        checklists=("ken-lpa-opschalen",),
        forms=("ken-thuiszitter-melding", "duo-melding"),
        next_stages=("ken-07-mdo", "ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §2.2.3",
    ),
    Stage(
        id="ken-09-cjg",
        number="9",
        name="Doorverwijzing CJG (vrijwillig kader)",
        band="langdurig",
        in_regie="cjg_coach",
        involved=("lpa", "zorgcoordinator"),
        partners=("cjg",),
        description="De leerplichtambtenaar verwijst zo nodig door naar het CJG voor "
        "hulpverlening in het vrijwillig kader; coachingstraject van gemiddeld vijf gesprekken.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "hulp-vrijwillig-kader",
                reason="Hulpverlening in het vrijwillig kader is nodig",
            ),
        ),
        actions=(
            ChecklistItem("ken9-verwijzen", "Doorverwijzen naar het CJG", "lpa"),
            ChecklistItem(
                "ken9-coaching", "Coachingstraject (gemiddeld vijf gesprekken)", "cjg_coach"
            ),
            ChecklistItem(
                "ken9-gezinsteam",
                "Bij oplopende problematiek: overdragen aan het gezinsteam",
                "cjg_coach",
                required=False,
            ),
        ),
        # §3.2.1: when help in the vrijwillig kader cannot be started, the
        # leerplichtambtenaar takes the pupil to the Beschermingstafel.
        decisions=(
            Decision(
                "vrijwillig-kader-lukt-niet",
                "Vrijwillig kader lukt niet: inbrengen bij de Beschermingstafel",
                ("ken-10-beschermingstafel",),
            ),
            Decision(
                "terug-naar-leerplicht",
                "Terug naar de leerplichtambtenaar",
                ("ken-06-lpa-onderzoek",),
            ),
            Decision("verzuim-gestopt", "Verzuim gestopt", (HERSTELD,)),
        ),
        next_stages=("ken-10-beschermingstafel", "ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §3.2.1, §3.2.2",
    ),
    Stage(
        id="ken-10-beschermingstafel",
        number="10",
        name="Beschermingstafel",
        band="langdurig",
        in_regie="lpa",
        involved=("zorgcoordinator",),
        partners=("beschermingstafel",),
        description="Lukt het niet hulpverlening in het vrijwillig kader op te starten, dan "
        "kan de leerplichtambtenaar de leerling inbrengen bij de Beschermingstafel.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "vrijwillig-kader-lukt-niet",
                reason="Hulpverlening in het vrijwillig kader lukt niet",
            ),
        ),
        actions=(
            ChecklistItem("ken10-inbrengen", "Leerling inbrengen bij de Beschermingstafel", "lpa"),
        ),
        next_stages=("ken-06-lpa-onderzoek", HERSTELD),
        source=f"{SRC}, §3.2.1",
    ),
    Stage(
        id="ken-11-halt",
        number="11",
        name="Aanmelding HALT",
        band="langdurig",
        in_regie="lpa",
        partners=("halt",),
        min_age=12,
        max_visits=1,
        description="Houdt het verzuim aan en is de leerling 12 jaar of ouder, dan kan de "
        "leerplichtambtenaar de leerling eenmalig aanmelden bij HALT (taak-/leerstraf). Bij "
        "een negatieve afdoening volgt proces-verbaal.",
        entry_triggers=(
            Trigger(
                TriggerKind.DECISION,
                "verzuim-houdt-aan",
                reason="Het verzuim houdt aan na de gesprekken",
            ),
        ),
        actions=(
            ChecklistItem("ken11-aanmelden", "Leerling aanmelden bij HALT", "lpa"),
            ChecklistItem("ken11-afdoening", "Afdoening van HALT vastleggen", "lpa"),
        ),
        decisions=(
            Decision(
                "halt-positief", "Positief afgedaan", next_stages=("ken-06-lpa-onderzoek", HERSTELD)
            ),
            Decision(
                "halt-negatief",
                "Negatief afgedaan: terug naar de leerplichtambtenaar",
                next_stages=("ken-13-proces-verbaal",),
            ),
        ),
        next_stages=("ken-06-lpa-onderzoek", "ken-13-proces-verbaal", HERSTELD),
        source=f"{SRC}, §3.2.1",
    ),
    Stage(
        id=HERSTELD,
        number="12",
        name="Schoolgang hersteld",
        band="verzuim",
        in_regie="zorgcoordinator",
        involved=("consulent",),
        description="Het verzuim is gestopt; de consulent passend onderwijs sluit het traject "
        "af zodra de schoolgang is genormaliseerd.",
        entry_triggers=(
            Trigger(TriggerKind.DECISION, "verzuim-gestopt", reason="Het verzuim is gestopt"),
        ),
        actions=(
            ChecklistItem(
                "ken12-afsluiten", "Traject afsluiten en afspraken vastleggen", "zorgcoordinator"
            ),
        ),
        outcomes=(
            Outcome("schoolgang-hersteld", "Schoolgang hersteld"),
            Outcome(
                "passend-aanbod",
                "Passend onderwijsaanbod gevonden",
                "Met hulp van de consulent passend onderwijs.",
            ),
        ),
        final=True,
        source=f"{SRC}, §3.4",
    ),
    Stage(
        id="ken-13-proces-verbaal",
        number="13",
        name="Proces-verbaal",
        band="langdurig",
        in_regie="lpa",
        partners=("om",),
        description="Leiden herhaalde gesprekken niet tot beter schoolbezoek en zijn leerling "
        "of ouders verwijtbaar (of is HALT negatief afgedaan), dan maakt de "
        "leerplichtambtenaar proces-verbaal op en zendt de bevindingen naar het Openbaar "
        "Ministerie.",
        entry_triggers=(
            Trigger(TriggerKind.DECISION, "halt-negatief", reason="HALT negatief afgedaan"),
            Trigger(
                TriggerKind.DECISION, "verwijtbaar", reason="Leerling of ouders zijn verwijtbaar"
            ),
        ),
        actions=(
            ChecklistItem("ken13-pv", "Proces-verbaal opmaken en insturen naar het OM", "lpa"),
        ),
        outcomes=(Outcome("proces-verbaal", "Proces-verbaal opgemaakt"),),
        final=True,
        source=f"{SRC}, §3.2.1",
    ),
)

LADDER = Ladder(
    region_id=R,
    stages=STAGES,
    start_stage="ken-01-signalering",
    name="Methodische Aanpak Schoolverzuim (MAS)",
    description="Signalering, gesprekken, spreekuur, ziekteverzuim, onderzoek LPA en "
    "interventies, MDO.",
    source=SRC,
)

REPORT_FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(
        id="ken-verzuimoverzicht",
        region_id=R,
        name="Verzuimoverzicht per school",
        description="Meldingen per soort (16 uur, LRV, luxe, overig), spreekuren en "
        "zorgwekkend ziekteverzuim (PO en VO apart).",
        columns=(
            "school",
            "sector",
            "16 uur",
            "LRV",
            "luxe",
            "overig",
            "spreekuren",
            "ziekteverzuim",
        ),
        source=f"{SRC}, §2.5",
    ),
    ReportFormat(
        id="ken-thuiszitters",
        region_id=R,
        name="Thuiszitters en MDO's",
        description="Langdurig verzuimers met regiehouder, doelen en tijdpad uit het MDO.",
        columns=("leerling", "school", "lesweken", "regiehouder", "volgende evaluatie"),
        source=f"{SRC}, §2.2.3",
    ),
)


#: Kennemerland's own signal: the preventief spreekuur at 8 hours or 8 times late.
PREVENTIEF_SPREEKUUR = RegionalSignal(
    code=signals.CODE,
    region_id=R,
    name="Preventief spreekuur (8 uur verzuim of 8 keer te laat)",
    compute=signals.compute_preventief_spreekuur,
    description="Eerste schooldag van een schooljaar waarop het ongeoorloofd verzuim "
    "8 uur of het aantal keer te laat 8 bereikt; één keer per schooljaar.",
    source=f"{SRC}, §2.5, §3.2.1; rules.md §8",
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
    signals=(PREVENTIEF_SPREEKUUR,),
    report_formats=tuple(REPORT_FORMATS),
)

"""Amstelland en de Meerlanden (PO and VO): the *Interventiemodel langdurig verzuim en
thuiszitten* as data.

Source: seed 004, the SWVAM web page on verzuim. Schools report long absence (a month or
more, of any kind) at the Regioloket or through TOP-dossier; a report is *beperkt*
(monitoring only, the school keeps regie) or *uitgebreid* (the Regioloket investigates,
organises an MDO or a doorbraakoverleg, helps with a TLV). The SWV always works with the
*medeweten en instemming* of parents and/or pupil. The doorbraakaanpak: the casemanager
phones everyone involved, a doorbraakoverleg with one mandated person per organisation,
and agreements that lead to direct actions.

Route per sector: the web page is the VO samenwerkingsverband's (SWVAM) and its Regioloket;
the interventiemodel is shared with the two PO samenwerkingsverbanden (Passend Onderwijs
Haarlemmermeer, Amstelronde). A PO case therefore starts with the report at the pupil's PO
samenwerkingsverband, a VO case at the Regioloket; both continue on the shared steps. The
quarterly phone calls of the orthopedagogen use the desk's quarterly round.
"""

from __future__ import annotations

from verzuimdesk.plugins.api import (
    API_VERSION,
    ChecklistItem,
    DeadlineRule,
    Decision,
    Ladder,
    Outcome,
    Partner,
    PartnerKind,
    PhaseBand,
    Precondition,
    PreconditionKind,
    Region,
    RegionData,
    Role,
    Sector,
    Stage,
    StageVariant,
    Trigger,
    TriggerKind,
    answer_ref,
    duo_melding_form,
    field_anchor,
    national_round_with,
    signal_anchor,
)
from verzuimdesk_amstelland import signals
from verzuimdesk_amstelland.forms import DOORBRAAK, FORMS, MELDING
from verzuimdesk_amstelland.forms import SRC as FORM_SRC

R = "amstelland"
SRC = FORM_SRC
MUNICIPALITIES = ("Haarlemmermeer", "Aalsmeer", "Amstelveen", "Uithoorn", "Ouder-Amstel")

REGION = Region(
    id=R,
    name="Amstelland en de Meerlanden",
    api_version=API_VERSION,
    municipalities=MUNICIPALITIES,
    vacation_region="noord",
    sectors=(Sector.PO, Sector.VO),
    description=(
        "Interventiemodel langdurig verzuim en thuiszitten PO en VO: melding bij het "
        "Regioloket (beperkt of uitgebreid), onderzoek, MDO, doorbraakaanpak en hulp bij een "
        "TLV, altijd met medeweten en instemming van ouders en/of leerling."
    ),
    source=f"{SRC}; Interventiemodel (najaar 2020)",
    # "Het gaat niet alleen om ongeoorloofd verzuim": the bands' weeks count every kind of
    # absence, as the region's own signal does (a late arrival is no absence).
    week_absence_kinds=tuple(sorted(signals.ABSENCE_KINDS)),
)

ROLES: tuple[Role, ...] = (
    Role(
        "school",
        R,
        "School",
        "School",
        "Meldt langdurig verzuim doorlopend; houdt bij een "
        "beperkte melding de regie; meldt aan voor de doorbraakaanpak.",
        "school",
        SRC,
    ),
    Role(
        "ouders",
        R,
        "Ouders/leerling",
        "Gezin",
        "Het SWV werkt met hun medeweten en instemming.",
        "ouders",
        SRC,
    ),
    Role(
        "regioloket",
        R,
        "Regioloket SWV",
        "SWV Amstelland en de Meerlanden",
        "Onderzoekt "
        "bij een uitgebreide melding de situatie en de lopende interventies, organiseert "
        "zo nodig een MDO of doorbraakoverleg, helpt bij een TLV.",
        "Regioloket",
        SRC,
    ),
    Role(
        "casemanager",
        R,
        "Casemanager SWV",
        "SWV",
        "Belt in de doorbraakaanpak alle "
        "betrokkenen, weegt af wat nodig is, organiseert het doorbraakoverleg.",
        "casemanager",
        SRC,
    ),
    Role(
        "orthopedagoog",
        R,
        "Orthopedagoog SWV",
        "SWV",
        "Belt ieder kwartaal de scholen over de leerlingen met langdurig verzuim.",
        "orthopedagoog",
        SRC,
    ),
    Role(
        "lpa",
        R,
        "Leerplichtambtenaar",
        "Gemeente",
        "Gemandateerde van leerplicht in het doorbraakoverleg.",
        "LPA",
        SRC,
    ),
    Role(
        "ggd",
        R,
        "Jeugdarts GGD",
        "GGD",
        "Gemandateerde van de GGD in het doorbraakoverleg.",
        "GGD",
        SRC,
    ),
    Role(
        "hulpverlening",
        R,
        "Hulpverleningsinstantie",
        "Jeugdhulp",
        "Gemandateerde van de hulpverlening in het doorbraakoverleg.",
        "hulpverlening",
        SRC,
    ),
)

PARTNERS: tuple[Partner, ...] = (
    Partner(
        "regioloket",
        R,
        "Regioloket SWV Amstelland en de Meerlanden",
        PartnerKind.LOKET,
        "Meldpunt voor langdurig verzuim (beperkt of uitgebreid).",
        role_ids=("regioloket",),
        source=SRC,
    ),
    Partner(
        "top_dossier",
        R,
        "TOP-dossier",
        PartnerKind.LOKET,
        "Langdurig verzuim kan ook via TOP-dossier worden gemeld.",
        role_ids=("school",),
        source=SRC,
    ),
    Partner(
        "swvam",
        R,
        "VO Samenwerkingsverband Amstelland en de Meerlanden",
        PartnerKind.ORGANISATIE,
        role_ids=("regioloket", "casemanager", "orthopedagoog"),
        source=SRC,
    ),
    Partner(
        "swv_po_haarlemmermeer",
        R,
        "PO Samenwerkingsverband Passend Onderwijs Haarlemmermeer",
        PartnerKind.ORGANISATIE,
        source=SRC,
    ),
    Partner(
        "swv_amstelronde",
        R,
        "PO Samenwerkingsverband Amstelronde",
        PartnerKind.ORGANISATIE,
        source=SRC,
    ),
    Partner(
        "leerplicht",
        R,
        "Leerplicht (gemeenten Haarlemmermeer, Aalsmeer, Amstelveen, Uithoorn, Ouder-Amstel)",
        PartnerKind.ORGANISATIE,
        role_ids=("lpa",),
        source=SRC,
    ),
    Partner(
        "mdo",
        R,
        "Multidisciplinair overleg (MDO)",
        PartnerKind.OVERLEG,
        role_ids=("regioloket", "school", "ouders"),
        source=SRC,
    ),
    Partner(
        "doorbraakoverleg",
        R,
        "Doorbraakoverleg",
        PartnerKind.OVERLEG,
        "Met alle betrokkenen; per instantie een gemandateerde met doorzettingsmacht.",
        role_ids=("casemanager", "lpa", "ggd", "hulpverlening", "school", "ouders"),
        source=SRC,
    ),
)

BANDS: tuple[PhaseBand, ...] = (
    PhaseBand("preventie", R, "Preventie", 0, 0, color="#e3efe3", order=0),
    PhaseBand("verzuim", R, "Verzuim (week 1–4)", 1, 4, color="#fdf1d6", order=1),
    PhaseBand(
        "langdurig", R, "Langdurig verzuim (een maand of langer)", 5, None, color="#f6dcdc", order=2
    ),
)

SOORT = answer_ref(MELDING, "soort")
#: Seed 004: "We werken altijd met medeweten en instemming van de ouders en/of de leerling."
CONSENT = Precondition(
    PreconditionKind.ANSWER,
    answer_ref(MELDING, "instemming"),
    ("ja",),
    reason="Het samenwerkingsverband werkt alleen met medeweten en instemming van de ouders "
    "en/of de leerling: leg de instemming eerst vast in de melding (uitgebreid).",
)
UITGEBREID = Precondition(
    PreconditionKind.ANSWER,
    SOORT,
    ("uitgebreid",),
    reason="Het Regioloket onderneemt alleen actie bij een uitgebreide melding; de melding "
    "is (nog) niet uitgebreid.",
)
BEPERKT = Precondition(
    PreconditionKind.ANSWER,
    SOORT,
    ("beperkt",),
    reason="Monitoring past bij een beperkte melding; vul eerst de melding in (soort: beperkt).",
)

_REPORT_ACTIONS = (
    ("melden", "Langdurig verzuim melden (beperkt of uitgebreid)"),
    ("instemming", "Ouders en/of leerling informeren en om instemming vragen"),
)


def _report_stage(
    sector: Sector,
    name: str,
    partners: tuple[str, ...],
    description: str,
    source: str,
    variants: tuple[StageVariant, ...] = (),
) -> Stage:
    """Step 1 of a sector's route: the school reports at its samenwerkingsverband."""
    key = sector.value.lower()
    return Stage(
        id=f"am-1-{key}",
        number=f"1{'a' if sector is Sector.PO else 'b'}",
        name=name,
        band="langdurig",
        in_regie="school",
        involved=("ouders",),
        partners=partners,
        sectors=(sector,),
        description=description,
        source=source,
        variants=variants,
        actions=tuple(ChecklistItem(f"am1{key}-{i}", t, "school") for i, t in _REPORT_ACTIONS),
        forms=(MELDING,),
        next_stages=("am-2-beperkt", "am-3-regioloket"),
    )


STAGES: tuple[Stage, ...] = (
    _report_stage(
        Sector.PO,
        "Melding bij het PO-SWV",
        ("swv_po_haarlemmermeer", "swv_amstelronde"),
        description="De PO-school meldt het langdurig verzuim bij haar samenwerkingsverband, "
        "beperkt of uitgebreid.",
        variants=(
            StageVariant(
                ("Haarlemmermeer",),
                note="Haarlemmermeer: Samenwerkingsverband Passend Onderwijs Haarlemmermeer.",
            ),
            StageVariant(
                ("Aalsmeer", "Amstelveen", "Uithoorn", "Ouder-Amstel"),
                note="Samenwerkingsverband Amstelronde.",
            ),
        ),
        source=f"{SRC}; Interventiemodel PO en VO",
    ),
    _report_stage(
        Sector.VO,
        "Melding bij het Regioloket",
        ("regioloket", "top_dossier"),
        description="De VO-school meldt het langdurig verzuim doorlopend bij het Regioloket "
        "(of via TOP-dossier), beperkt of uitgebreid.",
        source=f"{SRC}, Melding van verzuim",
    ),
    Stage(
        id="am-2-beperkt",
        number="2",
        name="Beperkte melding: monitoring",
        band="langdurig",
        in_regie="school",
        involved=("orthopedagoog",),
        partners=("regioloket",),
        description="Bij een beperkte melding onderneemt het Regioloket geen actie: de school "
        "houdt de regie; de orthopedagoog bespreekt de leerling in het kwartaalgesprek.",
        entry_triggers=(
            Trigger(
                TriggerKind.ANSWER,
                SOORT,
                answers=("beperkt",),
                reason="Melding: beperkt (alleen monitoring)",
            ),
        ),
        preconditions=(BEPERKT,),
        actions=(
            ChecklistItem("am2-regie", "School houdt regie en werkt aan terugkeer", "school"),
            ChecklistItem(
                "am2-kwartaal", "Leerling bespreken in het kwartaalgesprek", "orthopedagoog"
            ),
        ),
        next_stages=("am-3-regioloket", "am-8-hervat"),
        source=f"{SRC}, Wat doet het Regioloket",
    ),
    Stage(
        id="am-3-regioloket",
        number="3",
        name="Regioloket onderzoekt",
        band="langdurig",
        in_regie="regioloket",
        involved=("school", "ouders"),
        partners=("regioloket",),
        description="Het Regioloket onderzoekt hoe de situatie is en welke interventies er "
        "lopen; zo nodig een MDO of doorbraakoverleg, hulp bij een TLV, meedenken over het "
        "hervatten van de schoolgang.",
        entry_triggers=(
            Trigger(
                TriggerKind.ANSWER,
                SOORT,
                answers=("uitgebreid",),
                reason="Melding: uitgebreid (het Regioloket onderzoekt)",
            ),
        ),
        preconditions=(UITGEBREID, CONSENT),
        actions=(
            ChecklistItem(
                "am3-onderzoek", "Situatie en lopende interventies in kaart brengen", "regioloket"
            ),
            ChecklistItem(
                "am3-meedenken", "Meedenken over hervatten van de schoolgang", "regioloket"
            ),
        ),
        decisions=(
            Decision("am-mdo", "MDO organiseren", next_stages=("am-4-mdo",)),
            Decision(
                "am-doorbraak",
                "Doorbraakaanpak nodig",
                next_stages=("am-5-doorbraakaanpak",),
                note_required=True,
            ),
            Decision("am-tlv", "Hulp bij aanvraag TLV", next_stages=("am-7-tlv",)),
            Decision("am-hervat", "Schoolgang hervat", next_stages=("am-8-hervat",)),
        ),
        next_stages=("am-4-mdo", "am-5-doorbraakaanpak", "am-7-tlv", "am-8-hervat"),
        source=f"{SRC}, Wat doet het Regioloket",
    ),
    Stage(
        id="am-4-mdo",
        number="4",
        name="Multidisciplinair overleg",
        band="langdurig",
        in_regie="regioloket",
        involved=("school", "ouders"),
        partners=("mdo",),
        entry_triggers=(Trigger(TriggerKind.DECISION, "am-mdo"),),
        preconditions=(CONSENT,),
        actions=(
            ChecklistItem("am4-mdo", "MDO organiseren en afspraken vastleggen", "regioloket"),
        ),
        next_stages=("am-5-doorbraakaanpak", "am-7-tlv", "am-8-hervat"),
        source=f"{SRC}, Wat doet het Regioloket",
    ),
    Stage(
        id="am-5-doorbraakaanpak",
        number="5",
        name="Doorbraakaanpak",
        band="langdurig",
        in_regie="casemanager",
        involved=("school", "ouders"),
        partners=("swvam",),
        description="De school meldt de jongere aan bij het SWV; de casemanager belt met alle "
        "betrokkenen om de stand van zaken in kaart te brengen en weegt af wat nodig is om het "
        "gestagneerde proces weer in gang te zetten.",
        entry_triggers=(Trigger(TriggerKind.DECISION, "am-doorbraak"),),
        preconditions=(CONSENT,),
        actions=(
            ChecklistItem("am5-aanmelden", "Jongere aanmelden bij het SWV", "school"),
            ChecklistItem("am5-bellen", "Alle betrokkenen bellen: stand van zaken", "casemanager"),
            ChecklistItem("am5-afwegen", "Afwegen wat nodig is", "casemanager"),
        ),
        decisions=(
            Decision(
                "am-overleg", "Doorbraakoverleg nodig", next_stages=("am-6-doorbraakoverleg",)
            ),
            Decision("am-in-gang", "Proces weer in gang", next_stages=("am-8-hervat",)),
        ),
        next_stages=("am-6-doorbraakoverleg", "am-8-hervat"),
        source=f"{SRC}, Doorbraakoverleg en -aanpak",
    ),
    Stage(
        id="am-6-doorbraakoverleg",
        number="6",
        name="Doorbraakoverleg",
        band="langdurig",
        in_regie="casemanager",
        involved=("lpa", "ggd", "hulpverlening", "school", "ouders"),
        partners=("doorbraakoverleg", "leerplicht"),
        description="Binnen Leerplicht, GGD, SWV en hulpverlening wordt een gemandateerde met "
        "doorzettingsmacht aangewezen; na het overleg afspraken die leiden tot directe acties "
        "(elk een termijn met een eigenaar).",
        entry_triggers=(Trigger(TriggerKind.DECISION, "am-overleg"),),
        preconditions=(CONSENT,),
        actions=(
            ChecklistItem(
                "am6-mandaat", "Per instantie een gemandateerde aanwijzen", "casemanager"
            ),
            ChecklistItem(
                "am6-afspraken", "Afspraken met eigenaar en datum vastleggen", "casemanager"
            ),
        ),
        forms=(DOORBRAAK,),
        next_stages=("am-7-tlv", "am-8-hervat"),
        source=f"{SRC}, Doorbraakoverleg en -aanpak",
    ),
    Stage(
        id="am-7-tlv",
        number="7",
        name="Hulp bij aanvraag TLV",
        band="langdurig",
        in_regie="regioloket",
        involved=("school", "ouders"),
        entry_triggers=(Trigger(TriggerKind.DECISION, "am-tlv"),),
        preconditions=(CONSENT,),
        actions=(
            ChecklistItem(
                "am7-tlv", "Aanvraag toelaatbaarheidsverklaring ondersteunen", "regioloket"
            ),
        ),
        next_stages=("am-8-hervat",),
        source=f"{SRC}, Wat doet het Regioloket",
    ),
    Stage(
        id="am-8-hervat",
        number="8",
        name="Schoolgang hervat",
        band="verzuim",
        in_regie="school",
        final=True,
        outcomes=(
            Outcome("am-eigen-school", "Terug op de eigen school"),
            Outcome("am-passende-plek", "Passende plek op een andere school"),
            Outcome("am-speciaal", "Geplaatst met een TLV"),
            Outcome("am-anders", "Anders (zie toelichting)"),
        ),
        source=SRC,
    ),
)

LADDER = Ladder(
    region_id=R,
    stages=STAGES,
    start_stage="am-1-vo",
    sector_starts=((Sector.PO, "am-1-po"), (Sector.VO, "am-1-vo")),
    name="Interventiemodel langdurig verzuim en thuiszitten",
    description="Melding (PO-SWV of Regioloket) → beperkt: monitoring, of uitgebreid: "
    "onderzoek → MDO / doorbraakaanpak / TLV.",
    source=SRC,
)

RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "am-melden",
        R,
        "Langdurig verzuim melden bij het Regioloket (of het PO-samenwerkingsverband)",
        "school",
        days=0,
        anchor=signal_anchor(signals.CODE),
        source=f"{SRC}, Melding van verzuim",
    ),
    DeadlineRule(
        "am-afspraak",
        R,
        "Afspraak doorbraakoverleg",
        "casemanager",
        days=0,
        anchor=field_anchor(DOORBRAAK, "afspraken", "uiterlijk"),
        owner_field="eigenaar",
        what_field="actie",
        source=f"{SRC}, Doorbraakoverleg en -aanpak",
    ),
)

REGION_DATA = RegionData(
    region=REGION,
    ladder=LADDER,
    roles=ROLES,
    partners=PARTNERS,
    timeline_bands=BANDS,
    forms=(*FORMS, duo_melding_form(R)),
    deadline_rules=RULES,
    signals=(signals.SIGNAL,),
    # The orthopedagogen phone every school each quarter (seed 004): the national round,
    # with the region's own signal — a month or more of absence of any kind — putting a
    # pupil on it too, and *terug op school* moving the case to the step where schoolgang
    # is resumed.
    round_settings=(
        national_round_with(
            R,
            signals.SIGNAL,
            return_stages=("am-8-hervat",),
            description="Kwartaalgesprekken van de orthopedagogen van het SWV met de scholen.",
            source=f"{SRC}, Kwartaalgesprekken",
        ),
    ),
)

"""Lelystad en Dronten (SWV, mainly PO, also VO): *Thuiszitten is geen optie* as data.

Source: seed 001, *De aanpak thuiszitters*. The route: the school is casuscoördinator
and makes a plan van aanpak in its OT/BT; a thuiszitter is reported through Digidoor to
the meldpunt thuiszitters of the SWV (at the latest after four weeks); the SWV checks
the zorgplicht and advises; when the solution stalls, *doorzettingskracht* (an overleg of
at least parents, school, leerplicht and SWV that does not end without concrete
agreements) and, when that fails, *doorzettingsmacht* of the director of the SWV. The
scenario model of §1.2 replaces fixed meeting tables: its twelve questions are a form.
The action lists of §2.4–2.5 are deadlines; the quarterly ones (fixed calendar dates)
belong to the desk's quarterly round and are not registered here.
"""

from __future__ import annotations

from verzuimdesk.plugins.api import (
    API_VERSION,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    DeadlineRule,
    Decision,
    Ladder,
    MonitoringGroup,
    MonitoringList,
    Outcome,
    PhaseBand,
    Precondition,
    PreconditionKind,
    Region,
    RegionData,
    ReportFormat,
    Sector,
    Stage,
    Trigger,
    TriggerKind,
    duo_melding_form,
    field_anchor,
    national_round_with,
    signal_anchor,
)
from verzuimdesk_lelystad import signals
from verzuimdesk_lelystad.forms import FORMS, KRACHT, MELDING, TLV
from verzuimdesk_lelystad.people import PARTNERS, ROLES

R = "lelystad"
SRC = "De aanpak thuiszitters, SWV Lelystad/Dronten"

REGION = Region(
    id=R,
    name="Lelystad en Dronten",
    api_version=API_VERSION,
    municipalities=("Lelystad", "Dronten"),
    vacation_region="noord",
    sectors=(Sector.PO, Sector.VO),
    description=(
        "Thuiszitten is geen optie: de school is casuscoördinator en stelt in het OT/BT een "
        "plan van aanpak op; thuiszitters worden via Digidoor gemeld bij het meldpunt van het "
        "SWV, dat de zorgplicht controleert en adviseert. Stagneert het, dan volgen "
        "doorzettingskracht en doorzettingsmacht. Werken met scenario's in plaats van "
        "overlegtafels."
    ),
    source=SRC,
)

BANDS: tuple[PhaseBand, ...] = (
    PhaseBand("preventie", R, "Preventie", 0, 0, color="#e3efe3", order=0),
    PhaseBand("verzuim", R, "Verzuim (week 1–4)", 1, 4, color="#fdf1d6", order=1),
    PhaseBand("thuiszitter", R, "Thuiszitter (vanaf week 5)", 5, None, color="#f6dcdc", order=2),
)

SCENARIO_ADVIES = Checklist(
    id="ll-ziekte-advies",
    region_id=R,
    name="Ziekte: wel of geen thuiszitter",
    kind=ChecklistKind.ADVIES,
    source=f"{SRC}, §1.1",
    items=(
        ChecklistItem(
            "ll-adv-ziek-geen-thuiszitter",
            "Een ziekgemelde leerling is geoorloofd afwezig en telt, ongeacht de duur, "
            "niet als thuiszitter; de school blijft verantwoordelijk voor onderwijs.",
        ),
        ChecklistItem(
            "ll-adv-jeugdarts",
            "Werken ouders onvoldoende mee, is de belastbaarheid onduidelijk of is er "
            "twijfel over de ziekte: schakel de jeugdarts in.",
            "school",
        ),
        ChecklistItem(
            "ll-adv-ongeoorloofd",
            "Kan de leerling volgens de jeugdarts (deels) naar school maar blijft hij "
            "weg, dan is het verzuim ongeoorloofd en na 4 weken thuiszitten.",
            "lpa",
        ),
        ChecklistItem(
            "ll-adv-wachten",
            "Thuis in afwachting van een passende plek is langdurig relatief verzuim: "
            "school/leerplicht informeren SWV en inspectie.",
            "school",
        ),
    ),
)


def _weekly_parents(step: str) -> DeadlineRule:
    """§2.1 "De school onderhoudt wekelijks het contact met de ouders", at step ``step``."""
    return DeadlineRule(
        f"ll-contact-ouders-{step}",
        R,
        "Wekelijks contact met de ouders",
        "school",
        days=7,
        anchor="stage",
        recurring_days=7,
        source=f"{SRC}, §2.1",
    )


STAGES: tuple[Stage, ...] = (
    Stage(
        id="ll-1-school",
        number="1",
        name="Signaleren op school",
        band="preventie",
        in_regie="school",
        involved=("ouders",),
        partners=("duo",),
        description="De school registreert het verzuim, spreekt de ouders en meldt "
        "ongeoorloofd verzuim binnen vijf werkdagen bij leerplicht.",
        actions=(
            ChecklistItem("ll1-registratie", "Verzuim registreren", "school"),
            ChecklistItem(
                "ll1-gesprek", "Gesprek met ouders om het verzuim terug te dringen", "school"
            ),
            ChecklistItem(
                "ll1-leerplicht",
                "Ongeoorloofd verzuim melden bij leerplicht (bij twijfel ook ziekteverzuim)",
                "school",
            ),
        ),
        deadlines=(
            DeadlineRule(
                "ll-melden-leerplicht",
                R,
                "Ongeoorloofd verzuim melden bij leerplicht (binnen vijf werkdagen)",
                "school",
                schooldays=5,
                source=f"{SRC}, §1.4",
            ),
        ),
        next_stages=("ll-2-otbt", "ll-3-digidoor", "ll-8-afgerond"),
        source=f"{SRC}, §1.4, §2.1",
    ),
    Stage(
        id="ll-2-otbt",
        number="2",
        name="Plan van aanpak in het OT/BT",
        band="verzuim",
        in_regie="school",
        involved=("otbt", "lpa", "jeugdarts", "ouders", "begeleider_po"),
        partners=("otbt_overleg", "ggd"),
        description="De leerling wordt besproken in het OT/BT (ouders uitgenodigd); het plan "
        "van aanpak heeft terugkeer naar de huidige school als doel en wordt wekelijks "
        "geëvalueerd. Werk met het scenariomodel.",
        entry_triggers=(
            Trigger(TriggerKind.SIGNAL, "duo-16h", reason="16 uur ongeoorloofd verzuim"),
            Trigger(
                TriggerKind.SIGNAL,
                signals.CODE,
                reason="Dreigende thuiszitter: bespreken in het OT/BT en melden bij de "
                "begeleider passend onderwijs",
            ),
            Trigger(TriggerKind.LESWEKEN, weeks=2),
        ),
        actions=(
            ChecklistItem(
                "ll2-bespreken", "Leerling bespreken in het OT/BT (ouders uitgenodigd)", "school"
            ),
            ChecklistItem("ll2-pva", "Integraal plan van aanpak opstellen", "otbt"),
            ChecklistItem(
                "ll2-scenario", "Scenario's uitwerken (12 vragen)", "otbt", required=False
            ),
            ChecklistItem(
                "ll2-jeugdarts",
                "Jeugdarts inschakelen bij twijfel over ziekte",
                "school",
                required=False,
            ),
            ChecklistItem(
                "ll2-aangepast", "Aangepast onderwijsprogramma regelen", "school", required=False
            ),
        ),
        deadlines=(
            DeadlineRule(
                "ll-pva-evaluatie",
                R,
                "Plan van aanpak evalueren in het OT/BT",
                "otbt",
                days=7,
                recurring_days=7,
                source=f"{SRC}, §2.2",
            ),
            _weekly_parents("2"),
        ),
        checklists=("ll-ziekte-advies",),
        forms=("ll-scenario",),
        next_stages=("ll-3-digidoor", "ll-8-afgerond"),
        source=f"{SRC}, §2.1–2.2",
    ),
    Stage(
        id="ll-3-digidoor",
        number="3",
        name="Melding via Digidoor",
        band="thuiszitter",
        in_regie="school",
        involved=("regisseur", "begeleider_po", "lpa"),
        partners=("digidoor", "verwijsindex"),
        description="De school meldt de thuiszittende leerling uiterlijk na vier weken via "
        "Digidoor bij het meldpunt thuiszitters, met een korte beschrijving en de gepleegde "
        "interventies (Meldingsformulier thuiszitter).",
        entry_triggers=(
            Trigger(
                TriggerKind.SIGNAL,
                "thuiszitter-b2a",
                reason="Langer dan 4 weken ongeoorloofd afwezig (B2a)",
            ),
            Trigger(TriggerKind.LESWEKEN, weeks=5),
        ),
        actions=(
            ChecklistItem(
                "ll3-digidoor", "Meldingsformulier thuiszitter invullen in Digidoor", "school"
            ),
            ChecklistItem("ll3-verwijsindex", "Thuiszitten melden in de verwijsindex", "school"),
            ChecklistItem("ll3-leerplicht", "Melding doorgeven aan leerplicht", "regisseur"),
        ),
        deadlines=(
            DeadlineRule(
                "ll-digidoor",
                R,
                "Thuiszitter melden via Digidoor (uiterlijk na 4 weken thuiszitten)",
                "school",
                weeks=4,
                anchor="first_absence",
                source=f"{SRC}, §2.1, §2.5.1",
            ),
            DeadlineRule(
                "ll-registratie",
                R,
                "Document ‘thuiszitters registratie’ bijwerken "
                "en coördinator thuiszitters informeren",
                "secretariaat",
                weeks=4,
                anchor="first_absence",
                source=f"{SRC}, §2.5.1",
            ),
            DeadlineRule(
                "ll-b2b",
                R,
                "Drie maanden thuis: categorie B2b, registratie en inspectiebestand bijwerken",
                "secretariaat",
                months=3,
                anchor="first_absence",
                source=f"{SRC}, Bijlage 1 (B2a/B2b)",
            ),
            _weekly_parents("3"),
        ),
        forms=(MELDING,),
        next_stages=("ll-4-swv",),
        source=f"{SRC}, §2.1, Bijlage 2",
    ),
    Stage(
        id="ll-4-swv",
        number="4",
        name="SWV: zorgplicht en advies",
        band="thuiszitter",
        in_regie="begeleider_po",
        involved=("regisseur", "school", "lpa"),
        partners=("digidoor",),
        description="Na de melding zoekt het SWV contact met school en/of leerplicht, vraagt om "
        "het plan van aanpak, controleert of het schoolbestuur de zorgplicht nakomt en "
        "adviseert. De school blijft casuscoördinator.",
        preconditions=(
            Precondition(
                PreconditionKind.FORM,
                MELDING,
                reason="Het SWV komt in actie na de melding via Digidoor: vul eerst "
                "het Meldingsformulier thuiszitter in.",
            ),
        ),
        actions=(
            ChecklistItem(
                "ll4-contact",
                "Contact met school/leerplicht; plan van aanpak opvragen",
                "regisseur",
            ),
            ChecklistItem(
                "ll4-zorgplicht",
                "Controleren of school/bestuur de zorgplicht nakomt",
                "begeleider_po",
            ),
            ChecklistItem("ll4-advies", "Advies aan school", "begeleider_po"),
            ChecklistItem(
                "ll4-mediator",
                "Bij een vertrouwensbreuk: optreden als mediator",
                "begeleider_po",
                required=False,
            ),
        ),
        deadlines=(
            DeadlineRule(
                "ll-zorgplicht",
                R,
                "Zorgplicht controleren en advies geven (na de melding via Digidoor)",
                "begeleider_po",
                days=0,
                source=f"{SRC}, §2.5.1",
            ),
            _weekly_parents("4"),
        ),
        decisions=(
            Decision(
                "ll-opgelost", "Oplossing met plan van aanpak", next_stages=("ll-8-afgerond",)
            ),
            Decision("ll-tlv", "TLV aangevraagd/afgegeven", next_stages=("ll-7-tlv",)),
            Decision(
                "ll-stagneert",
                "Oplossing stagneert: doorzettingskracht",
                next_stages=("ll-5-kracht",),
                note_required=True,
            ),
        ),
        next_stages=("ll-5-kracht", "ll-7-tlv", "ll-8-afgerond"),
        source=f"{SRC}, §2.5, §2.5.1",
    ),
    Stage(
        id="ll-5-kracht",
        number="5",
        name="Doorzettingskracht",
        band="thuiszitter",
        in_regie="begeleider_po",
        involved=("ouders", "school", "lpa", "directeur_swv"),
        partners=("doorzettingskracht", "ketenpartners"),
        description="De begeleider meldt bij de directeur van het SWV; het SWV organiseert met "
        "het schoolbestuur een overleg van ten minste ouders, school, leerplichtambtenaar en "
        "SWV. Enige uitkomst: een plan om de leerling op korte termijn weer onderwijs te laten "
        "volgen of een onderwijs-zorgarrangement, met concrete afspraken.",
        entry_triggers=(Trigger(TriggerKind.DECISION, "ll-stagneert"),),
        actions=(
            ChecklistItem("ll5-directeur", "Melden bij de directeur van het SWV", "begeleider_po"),
            ChecklistItem(
                "ll5-bestuur", "Contact met het schoolbestuur; overleg organiseren", "begeleider_po"
            ),
            ChecklistItem(
                "ll5-afspraken", "Concrete afspraken vastleggen (verslag)", "begeleider_po"
            ),
        ),
        forms=(KRACHT, "ll-scenario"),
        decisions=(
            Decision(
                "ll-afspraken-nagekomen",
                "Afspraken uitgevoerd: leerling volgt onderwijs",
                next_stages=("ll-8-afgerond",),
            ),
            Decision("ll-tlv", "TLV aangevraagd/afgegeven", next_stages=("ll-7-tlv",)),
            Decision(
                "ll-kracht-faalt",
                "Oplossing niet binnen de termijn uitgevoerd",
                next_stages=("ll-6-macht",),
                note_required=True,
            ),
        ),
        next_stages=("ll-6-macht", "ll-7-tlv", "ll-8-afgerond"),
        source=f"{SRC}, §2.5, §2.5.1",
    ),
    Stage(
        id="ll-6-macht",
        number="6",
        name="Doorzettingsmacht (directeur)",
        band="thuiszitter",
        in_regie="directeur_swv",
        involved=("begeleider_po", "school"),
        description="De directeur van het SWV bepaalt binnen gestelde kaders welke school of "
        "instelling verplicht is de leerling een passende onderwijs-/zorgplek te bieden; ook "
        "voor kinderen die nog niet in Lelystad of Dronten zijn ingeschreven.",
        entry_triggers=(Trigger(TriggerKind.DECISION, "ll-kracht-faalt"),),
        preconditions=(
            Precondition(
                PreconditionKind.FORM,
                KRACHT,
                reason="Doorzettingsmacht komt pas aan de orde als de "
                "doorzettingskracht faalt: leg eerst het overleg doorzettingskracht "
                "en de afspraken vast.",
            ),
        ),
        actions=(
            ChecklistItem(
                "ll6-besluit", "Besluit: welke school/instelling biedt de plek", "directeur_swv"
            ),
        ),
        next_stages=("ll-7-tlv", "ll-8-afgerond"),
        source=f"{SRC}, §2.5.2",
    ),
    Stage(
        id="ll-7-tlv",
        number="7",
        name="Na TLV: plaatsing volgen",
        band="thuiszitter",
        in_regie="begeleider_po",
        involved=("secretariaat", "school"),
        description="De begeleider controleert na afgifte van de TLV of de leerling echt is "
        "geplaatst, en of de oude school tot dan onderwijs biedt (zorgplicht). Vul de datum "
        "van afgifte in: de acties van §2.4.2 volgen vier weken later.",
        entry_triggers=(Trigger(TriggerKind.DECISION, "ll-tlv"),),
        actions=(
            ChecklistItem(
                "ll7-oud", "Bellen oude school: geplaatst? datum plaatsing?", "begeleider_po"
            ),
            ChecklistItem(
                "ll7-nieuw", "Bellen nieuwe school: geplaatst? datum plaatsing?", "begeleider_po"
            ),
            ChecklistItem(
                "ll7-datum", "Datum plaatsing doorgeven aan het secretariaat", "begeleider_po"
            ),
            ChecklistItem(
                "ll7-invoeren", "Datum plaatsing invoeren in de administratie", "secretariaat"
            ),
        ),
        forms=(TLV,),
        next_stages=("ll-8-afgerond", "ll-3-digidoor"),
        source=f"{SRC}, §2.4.2",
    ),
    Stage(
        id="ll-8-afgerond",
        number="8",
        name="Leerling volgt weer onderwijs",
        band="verzuim",
        in_regie="school",
        final=True,
        outcomes=(
            Outcome("ll-terug-huidige-school", "Terug op de huidige school"),
            Outcome("ll-andere-school", "Passende plek op een andere school"),
            Outcome("ll-sbo-so", "Geplaatst op S(B)O na TLV"),
            Outcome("ll-arrangement", "Onderwijs-zorgarrangement"),
            Outcome("ll-vrijstelling", "Vrijstelling (A2), besproken met leerplicht"),
        ),
        source=f"{SRC}, §1.3, §2.5.1",
    ),
)

LADDER = Ladder(
    region_id=R,
    stages=STAGES,
    start_stage="ll-1-school",
    name="Thuiszitten is geen optie",
    description="School (OT/BT) → Digidoor → SWV (zorgplicht, advies) → doorzettingskracht "
    "→ doorzettingsmacht.",
    source=SRC,
)

RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "ll-dreigend-melden",
        R,
        "Dreigende thuiszitter melden bij de begeleider passend onderwijs (niet als "
        "thuiszitter bij leerplicht)",
        "school",
        days=0,
        anchor=signal_anchor(signals.CODE),
        source=f"{SRC}, §2.1",
    ),
    DeadlineRule(
        "ll-tlv-bellen-oud",
        R,
        "4 weken na afgifte TLV: oude school bellen, plaatsing en zorgplicht controleren",
        "begeleider_po",
        days=28,
        anchor=field_anchor(TLV, "afgegeven_op"),
        source=f"{SRC}, §2.4.2",
    ),
    DeadlineRule(
        "ll-tlv-bellen-nieuw",
        R,
        "4 weken na afgifte TLV: nieuwe school bellen, datum plaatsing controleren",
        "begeleider_po",
        days=28,
        anchor=field_anchor(TLV, "afgegeven_op"),
        source=f"{SRC}, §2.4.2",
    ),
    DeadlineRule(
        "ll-tlv-secretariaat",
        R,
        "4 weken na afgifte TLV: datum plaatsing invoeren",
        "secretariaat",
        days=28,
        anchor=field_anchor(TLV, "afgegeven_op"),
        source=f"{SRC}, §2.4.2",
    ),
    DeadlineRule(
        "ll-kracht-afspraak",
        R,
        "Afspraak doorzettingskracht",
        "begeleider_po",
        days=0,
        anchor=field_anchor(KRACHT, "afspraken", "uiterlijk"),
        owner_field="eigenaar",
        what_field="afspraak",
        source=f"{SRC}, §2.5.1",
    ),
    DeadlineRule(
        "ll-kracht-termijn",
        R,
        "Termijn oplossing doorzettingskracht: uitgevoerd? Zo niet: doorzettingsmacht",
        "begeleider_po",
        days=0,
        anchor=field_anchor(KRACHT, "termijn"),
        source=f"{SRC}, §2.5.1",
    ),
)

MONITORING: tuple[MonitoringList, ...] = (
    MonitoringList(
        "ll-kwartaallijst",
        R,
        "Kwartaallijst SWV: leerlingen zonder verzuimregistratie",
        groups=(
            MonitoringGroup.ABSOLUUT_VERZUIM,
            MonitoringGroup.VRIJSTELLING,
            MonitoringGroup.VIERJARIG_NIET_INGESCHREVEN,
        ),
        role_id="begeleider_po",
        description="Absoluut verzuimers (B3), vrijgestelden (A2) en 4-jarigen die niet op een "
        "school staan ingeschreven; per kwartaal besproken met leerplicht.",
        source=f"{SRC}, §1.1, §2.5 (overleg leerplicht per kwartaal)",
    ),
)

REPORTS: tuple[ReportFormat, ...] = (
    ReportFormat(
        "ll-groslijst",
        R,
        "Groslijst thuiszitters SWV",
        "Per kwartaal bijgewerkt door de regisseur en doorgegeven aan directeur, "
        "bestuur, PR en OPR.",
        columns=("leerling", "school", "categorie", "sinds", "stap", "casuscoördinator"),
        source=f"{SRC}, §2.5.1 Kwartaalrapportage",
    ),
    ReportFormat(
        "ll-inspectie",
        R,
        "Thuiszitters voor de inspectie",
        "Per kwartaal door het secretariaat via de site van de inspectie aangeleverd.",
        columns=(
            "leerling",
            "geboortedatum",
            "school",
            "categorie",
            "sinds",
            "weer naar school op",
        ),
        source=f"{SRC}, §2.5.1 Kwartaalrapportage",
    ),
)

REGION_DATA = RegionData(
    region=REGION,
    ladder=LADDER,
    roles=ROLES,
    partners=PARTNERS,
    timeline_bands=BANDS,
    checklists=(SCENARIO_ADVIES,),
    forms=(*FORMS, duo_melding_form(R)),
    deadline_rules=RULES,
    signals=(signals.SIGNAL,),
    # The SWV's quarterly contact with the schools and leerplicht (seed 001 §2.5.1) is the
    # national round; the region's dreigende thuiszitters (schorsing, long sickness) are on
    # it too, and *terug op school* closes the route at "afgerond".
    round_settings=(
        national_round_with(
            R,
            signals.SIGNAL,
            return_stages=("ll-8-afgerond",),
            description="Kwartaalcontact van het SWV met scholen en leerplicht.",
            source=f"{SRC}, §2.5.1 Kwartaalcontact",
        ),
    ),
    report_formats=REPORTS,
    monitoring_lists=MONITORING,
)

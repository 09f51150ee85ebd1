"""Lelystad/Dronten's roles (§1.4, §2) and partners (seed 001)."""

from __future__ import annotations

from verzuimdesk.plugins.api import Partner, PartnerKind, Role

R = "lelystad"
SRC = "De aanpak thuiszitters, SWV Lelystad/Dronten"


def _role(id: str, name: str, organisation: str, short: str, what: str, where: str) -> Role:
    return Role(id, R, name, organisation, what, short, f"{SRC}, {where}")


ROLES: tuple[Role, ...] = (
    _role(
        "ouders",
        "Ouder(s)/verzorger(s)",
        "Gezin",
        "ouders",
        "Melden verzuim, werken mee om het verzuim terug te dringen, werken samen met school, "
        "leerplicht en zo nodig OT/BT, jeugdarts en hulpverlening.",
        "§1.4",
    ),
    _role(
        "school",
        "School (casuscoördinator)",
        "School",
        "school",
        "Verzuimregistratie, gesprek met ouders en wekelijks contact, melding bij leerplicht "
        "binnen vijf werkdagen, plan van aanpak in het OT/BT, melding via Digidoor; blijft "
        "casuscoördinator.",
        "§1.4, §2.1",
    ),
    _role(
        "otbt",
        "Ondersteuningsteam/basisteam (OT/BT)",
        "School",
        "OT/BT",
        "Bespreekt de leerling (ouders uitgenodigd), stelt een integraal plan van aanpak op "
        "en controleert de uitvoering; evalueert het plan wekelijks.",
        "§2.2",
    ),
    _role(
        "lpa",
        "Leerplichtambtenaar",
        "Gemeente",
        "LPA",
        "Wettelijke taken, regie bij het plan van aanpak bij ongeoorloofd verzuim, "
        "handhaven; onderzoekt gewichtige omstandigheden (art. 11g).",
        "§1.4, §2.3",
    ),
    _role(
        "jeugdarts",
        "Jeugdarts GGD",
        "GGD",
        "JA",
        "Onderzoekt bij twijfel over ziekte de geoorloofdheid en de belastbaarheid; "
        "adviseert ouders.",
        "§1.1, §1.4",
    ),
    _role(
        "begeleider_po",
        "Begeleider passend onderwijs",
        "SWV",
        "BPO",
        "Kent en volgt de thuiszitters, adviseert school en ouders, controleert de "
        "zorgplicht, ontvangt meldingen van dreigende thuiszitters, volgt de plaatsing na "
        "een TLV.",
        "§1.4, §2.5",
    ),
    _role(
        "regisseur",
        "Regisseur meldpunt thuiszitters",
        "SWV",
        "regisseur",
        "Ontvangt meldingen van (dreigend) thuiszitten, geeft ze door aan leerplicht, zet zo "
        "nodig acties uit, houdt contact met de ketenpartners extra ondersteuning.",
        "§1.4, §2.5",
    ),
    _role(
        "coordinator",
        "Coördinator thuiszitters",
        "SWV",
        "coördinator",
        "Wordt door het secretariaat geïnformeerd over nieuwe thuiszitters.",
        "§2.5.1",
    ),
    _role(
        "secretariaat",
        "Secretariaat SWV",
        "SWV",
        "secretariaat",
        "Houdt het document ‘thuiszitters registratie’ bij en levert de lijst aan de inspectie.",
        "§2.5.1",
    ),
    _role(
        "directeur_swv",
        "Directeur SWV (doorzettingsmacht)",
        "SWV",
        "directeur",
        "Heeft de doorzettingsmacht: bepaalt binnen gestelde kaders welke school of "
        "instelling de leerling een passende onderwijs-/zorgplek biedt.",
        "§2.5.2",
    ),
)

PARTNERS: tuple[Partner, ...] = (
    Partner(
        "digidoor",
        R,
        "Digidoor-zorg (meldpunt thuiszitters SWV)",
        PartnerKind.LOKET,
        "De school meldt (dreigende) thuiszitters via Digidoor met een korte beschrijving "
        "en de gepleegde interventies (Bijlage 2).",
        role_ids=("school", "regisseur"),
        source=f"{SRC}, §2.1, Bijlage 2",
    ),
    Partner(
        "otbt_overleg",
        R,
        "Ondersteuningsteam/basisteam",
        PartnerKind.OVERLEG,
        "Interprofessioneel overleg op school; ouders zijn uitgenodigd.",
        role_ids=("school", "otbt", "lpa", "jeugdarts", "begeleider_po", "ouders"),
        source=f"{SRC}, §2.2",
    ),
    Partner(
        "doorzettingskracht",
        R,
        "Overleg doorzettingskracht",
        PartnerKind.OVERLEG,
        "Ten minste ouders, school, leerplichtambtenaar en SWV; zo nodig ketenpartners en "
        "deskundigen. Stopt niet voordat concrete afspraken zijn gemaakt.",
        role_ids=("ouders", "school", "lpa", "begeleider_po"),
        source=f"{SRC}, §2.5.1",
    ),
    Partner(
        "ggd",
        R,
        "GGD Flevoland, jeugdgezondheidszorg",
        PartnerKind.ORGANISATIE,
        role_ids=("jeugdarts",),
        source=f"{SRC}, §1.4",
    ),
    Partner(
        "ketenpartners",
        R,
        "Keten- en kernpartners extra ondersteuning",
        PartnerKind.ORGANISATIE,
        "Aanbieders zoals de Kleine Prins, De Twijn en zorgboerderijen; melden wanneer "
        "leerlingen van hun voorziening gebruikmaken én thuiszitten.",
        role_ids=("regisseur",),
        source=f"{SRC}, §2.4",
    ),
    Partner(
        "ijsselgroep",
        R,
        "IJsselgroep, begeleiding langdurig zieke kinderen",
        PartnerKind.ORGANISATIE,
        source=f"{SRC}, §1.1",
    ),
    Partner(
        "verwijsindex",
        R,
        "Verwijsindex",
        PartnerKind.LOKET,
        "De school meldt thuiszitten in de verwijsindex.",
        role_ids=("school",),
        source=f"{SRC}, §1.4",
    ),
    Partner(
        "inspectie",
        R,
        "Inspectie van het Onderwijs",
        PartnerKind.LOKET,
        "Het secretariaat levert per kwartaal het bestand thuiszitters aan.",
        role_ids=("secretariaat",),
        source=f"{SRC}, §2.5.1",
    ),
    Partner(
        "duo",
        R,
        "DUO Verzuimloket",
        PartnerKind.LOKET,
        "Melding van 16 uur ongeoorloofd verzuim in 4 weken (Leerplichtwet art. 21).",
        role_ids=("school",),
        source=f"{SRC}, §2.1",
    ),
)

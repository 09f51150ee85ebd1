"""The kinds of case events, with their Dutch names, and which a user may delete."""

from __future__ import annotations

#: Event kinds a user adds by hand, with their Dutch names.
USER_EVENT_KINDS: dict[str, str] = {
    "note": "Notitie",
    "contact": "Contact",
    "meeting": "Overleg",
    "decision": "Besluit",
}
#: Every event kind with its Dutch name (also the automatic ones).
EVENT_KIND_NAMES: dict[str, str] = {
    **USER_EVENT_KINDS,
    "stage_change": "Stap gewijzigd",
    "duo_report": "DUO-melding",
    "form": "Formulier",
    "outcome": "Afgesloten",
    "reopened": "Heropend",
    "opened": "Casus geopend",
    "regie": "Regie gewijzigd",
    "brief": "Brief",
    "belronde": "Belronde",
}
#: Event kinds a user may delete (soft, undoable): the hand-made ones and saved letters
#: (deleting a letter's event hides its PDF too).
DELETABLE_EVENT_KINDS: frozenset[str] = frozenset({*USER_EVENT_KINDS, "brief"})

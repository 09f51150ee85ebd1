"""A hand-built ladder display (Den Haag steps 5–12) for the stepper's widget tests."""

from __future__ import annotations

import datetime as dt

from verzuimdesk.gui.ladder_model import (
    LadderAction,
    LadderDecision,
    LadderDisplay,
    LadderOutcome,
    LadderStep,
    StepStatus,
)

TODAY = dt.date(2025, 2, 19)
S = StepStatus


def den_haag(current: str = "dh-09") -> LadderDisplay:
    """Den Haag steps 5–12 with the 10a/10b branch; the case on ``current``."""
    decisions = (
        LadderDecision("toegekend", "Toegekend", ("dh-08",), note_required=True),
        LadderDecision("afgewezen", "Afgewezen", ("dh-09",)),
    )
    statuses = {
        "dh-09": {
            "dh-05": S.DONE,
            "dh-08": S.OTHER,
            "dh-09": S.CURRENT,
            "dh-10a": S.SUGGESTED,
            "dh-10b": S.NEXT,
            "dh-12": S.OTHER,
        },
        "dh-12": {
            "dh-05": S.DONE,
            "dh-08": S.NEXT,
            "dh-09": S.NEXT,
            "dh-10a": S.DONE,
            "dh-10b": S.OTHER,
            "dh-12": S.CURRENT,
        },
    }[current]
    return LadderDisplay(
        steps=(
            LadderStep(
                "dh-05",
                "5",
                "JES",
                "Thuiszittersproces",
                statuses["dh-05"],
                entered_on=dt.date(2024, 12, 3),
            ),
            LadderStep(
                "dh-08",
                "8",
                "Passend aanbod",
                "Thuiszittersproces",
                statuses["dh-08"],
                final=True,
                outcomes=(LadderOutcome("vol", "Volledig onderwijsaanbod"),),
            ),
            LadderStep(
                "dh-09",
                "9",
                "Casus loopt vast",
                "Thuiszittersproces",
                statuses["dh-09"],
                regie="COPA",
                involved=("Leerplicht", "SMW"),
                actions=(
                    LadderAction("a1", "Casus opnieuw in het JES", True, "COPA"),
                    LadderAction("a2", "Dominante vraag bepaald", False),
                ),
                next_ids=("dh-10a", "dh-10b"),
                entered_on=dt.date(2025, 2, 4),
            ),
            LadderStep(
                "dh-10a",
                "10a",
                "Expertisetafel Complexe Zorg",
                "Doorbraakproces",
                statuses["dh-10a"],
                reason="signaal duo-lrv",
            ),
            LadderStep(
                "dh-10b", "10b", "Maatwerkadviestraject", "Doorbraakproces", statuses["dh-10b"]
            ),
            LadderStep(
                "dh-12",
                "12",
                "Doorbraaktafel",
                "Doorbraakproces",
                statuses["dh-12"],
                regie="Directeur Jeugd",
                next_ids=("dh-08", "dh-09"),
                decisions=decisions,
                entered_on=dt.date(2025, 2, 17),
            ),
        ),
        today=TODAY,
        title="Route Den Haag",
    )

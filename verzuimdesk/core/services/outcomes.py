"""The outcomes a case can be closed with: the region's, or the general ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["GENERAL_OUTCOMES", "outcome_name"]

#: General outcomes every region can close a case with.
GENERAL_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("verzuim-gestopt", "Verzuim gestopt, leerling weer naar school"),
    ("passend-aanbod", "Passend aanbod gevonden"),
    ("verhuisd", "Leerling verhuisd / uitgeschreven"),
    ("vrijstelling", "Vrijstelling verleend"),
    ("overig", "Overig"),
)


def outcome_name(desk: Desk, outcome: str | None) -> str:
    """The Dutch name of an outcome id of any stage of the region (or a general one)."""
    if not outcome:
        return ""
    for stage in desk.registry.ladder(desk.region_id).stages:
        for o in stage.outcomes:
            if o.id == outcome:
                return o.name
    return dict(GENERAL_OUTCOMES).get(outcome, outcome)

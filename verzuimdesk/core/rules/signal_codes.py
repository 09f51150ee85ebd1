"""The national signal codes and their Dutch names: the one place both are defined.

The rules engine emits these codes, the ladder suggests steps on them, the plugin manager
refuses a regional signal that reuses one, and the desk shows :attr:`SignalCode.label`.
"""

from __future__ import annotations

from verzuimdesk.core.rules.labelled_enum import LabelledStrEnum


class SignalCode(LabelledStrEnum):
    """A national signal (rules.md §3–§6). The value is the stable code stored in the case base."""

    DUO_16H = "duo-16h", "DUO-melding 16 uur ongeoorloofd verzuim in 4 lesweken"
    DUO_LRV = "duo-lrv", "DUO-melding langdurig relatief verzuim (4 lesweken aaneengesloten)"
    THUISZITTER_B2A = "thuiszitter-b2a", "Thuiszitter B2a (4 weken tot 3 maanden)"
    THUISZITTER_B2B = "thuiszitter-b2b", "Thuiszitter B2b (meer dan 3 maanden)"
    DUO_LUXE = "duo-luxe", "DUO-melding luxe verzuim"
    SICK_7_DAYS = "sick-7-days", "Zorgwekkend ziekteverzuim: 7 schooldagen aaneengesloten ziek"
    SICK_4_IN_12 = "sick-4-in-12", "Zorgwekkend ziekteverzuim: 4e ziekmelding in 12 lesweken"
    SICK_PO_5_REPORTS = (
        "sick-po-5-reports",
        "Zorgwekkend ziekteverzuim: 5e ziekmelding dit schooljaar",
    )
    SICK_PO_10_DAYS = "sick-po-10-days", "Zorgwekkend ziekteverzuim: 10 ziektedagen dit schooljaar"
    ABSOLUUT_VERZUIM = "absoluut-verzuim", "Absoluut verzuim: leerplichtig en niet ingeschreven"


#: Every national code, for membership tests on plain strings.
NATIONAL_SIGNAL_CODES: frozenset[str] = frozenset(code.value for code in SignalCode)


def signal_label(code: str) -> str:
    """The Dutch name of a national code, or the code itself for a regional one."""
    try:
        return SignalCode(code).label
    except ValueError:
        return code

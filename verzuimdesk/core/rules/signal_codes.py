"""The national signal codes and their Dutch names: the one place both are defined.

The rules engine emits these codes, the ladder suggests steps on them, the plugin manager
refuses a regional signal that reuses one, and the desk shows :attr:`SignalCode.label`.
"""

from __future__ import annotations

from enum import StrEnum


class SignalCode(StrEnum):
    """A national signal (rules.md §3–§6). The value is the stable code stored in the case base."""

    DUO_16H = "duo-16h"
    DUO_LRV = "duo-lrv"
    THUISZITTER_B2A = "thuiszitter-b2a"
    THUISZITTER_B2B = "thuiszitter-b2b"
    DUO_LUXE = "duo-luxe"
    SICK_7_DAYS = "sick-7-days"
    SICK_4_IN_12 = "sick-4-in-12"
    SICK_PO_5_REPORTS = "sick-po-5-reports"
    SICK_PO_10_DAYS = "sick-po-10-days"
    ABSOLUUT_VERZUIM = "absoluut-verzuim"

    @property
    def label(self) -> str:
        """The Dutch name shown in lists, suggestions and reports."""
        return _LABELS[self]


_LABELS: dict[SignalCode, str] = {
    SignalCode.DUO_16H: "DUO-melding 16 uur ongeoorloofd verzuim in 4 lesweken",
    SignalCode.DUO_LRV: "DUO-melding langdurig relatief verzuim (4 lesweken aaneengesloten)",
    SignalCode.THUISZITTER_B2A: "Thuiszitter B2a (4 weken tot 3 maanden)",
    SignalCode.THUISZITTER_B2B: "Thuiszitter B2b (meer dan 3 maanden)",
    SignalCode.DUO_LUXE: "DUO-melding luxe verzuim",
    SignalCode.SICK_7_DAYS: "Zorgwekkend ziekteverzuim: 7 schooldagen aaneengesloten ziek",
    SignalCode.SICK_4_IN_12: "Zorgwekkend ziekteverzuim: 4e ziekmelding in 12 lesweken",
    SignalCode.SICK_PO_5_REPORTS: "Zorgwekkend ziekteverzuim: 5e ziekmelding dit schooljaar",
    SignalCode.SICK_PO_10_DAYS: "Zorgwekkend ziekteverzuim: 10 ziektedagen dit schooljaar",
    SignalCode.ABSOLUUT_VERZUIM: "Absoluut verzuim: leerplichtig en niet ingeschreven",
}

#: Every national code, for membership tests on plain strings.
NATIONAL_SIGNAL_CODES: frozenset[str] = frozenset(code.value for code in SignalCode)


def signal_label(code: str) -> str:
    """The Dutch name of a national code, or the code itself for a regional one."""
    try:
        return SignalCode(code).label
    except ValueError:
        return code

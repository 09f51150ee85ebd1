"""Inspectie category of a case on a date (seed 001 Bijlage 1; rules.md §7, domain glossary).

Categories: A1 (sick), A2a/A2b/A2c (exemption art. 5a/5b/5c), B1 (relatief verzuim),
B2a (LRV 4 weeks–3 months), B2b (LRV > 3 months), B3 (absoluut verzuim), C (rest,
art. 11g). The precedence when several could apply is :data:`CATEGORY_PRECEDENCE`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.leerplicht import ExemptionKind, LeerplichtKind, is_compulsory
from verzuimdesk.core.rules.legal_record import (
    LegalRecord,
    enrolled_on,
    enrolment_exemption_on,
    in_excused_gap,
    leerplicht_on,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal

__all__ = [
    "B1_LOOKBACK_DAYS",
    "CATEGORY_PRECEDENCE",
    "InspectieCategory",
    "category_on",
    "inspectie_category",
    "open_lrv",
]


_EXEMPTION_CATEGORY = {
    ExemptionKind.ART_5A: InspectieCategory.A2A,
    ExemptionKind.ART_5B: InspectieCategory.A2B,
    ExemptionKind.ART_5C: InspectieCategory.A2C,
}

#: Our reading of the precedence when several categories could apply (highest first):
#: an exemption is a legal status and wins; an unenrolled compulsory pupil is B3; a
#: manual C (the leerplichtambtenaar's art. 11g judgement) overrides the computed
#: B categories; an open LRV (B2b before B2a) outranks sickness because the LRV is
#: computed from unauthorised days only; then A1 (sick-dominant), then B1.
CATEGORY_PRECEDENCE: tuple[str, ...] = ("A2", "B3", "C", "B2b", "B2a", "A1", "B1")

#: B1 (relatief verzuimer) from signals: a ``duo-16h`` or ``duo-luxe`` signal dated within
#: this many calendar days before the date (our reading: the last 4 weeks).
B1_LOOKBACK_DAYS = 28


def open_lrv(signals: Iterable[Signal], on: dt.date) -> Signal | None:
    """The ``duo-lrv`` signal that is open on *on* (due on or before, not closed before)."""
    found = None
    for s in signals:
        if (
            s.code == SignalCode.DUO_LRV
            and s.datum <= on
            and (s.eind is None or s.eind >= on)
            and (found is None or s.datum > found.datum)
        ):
            found = s
    return found


def inspectie_category(
    on: dt.date,
    *,
    enrolled: bool,
    leerplicht: LeerplichtKind | None = None,
    exemption: ExemptionKind | str | None = None,
    sick_dominant: bool = False,
    manual_c: bool = False,
    signals: Iterable[Signal] = (),
    relatief_verzuim: bool | None = None,
) -> InspectieCategory | None:
    """The inspectie category of a case on *on*, or None when none applies.

    :param enrolled: whether the pupil is enrolled at a school on *on*.
    :param leerplicht: the pupil's leerplicht status on *on* (None = assume compulsory).
    :param exemption: a valid art. 5a/5b/5c exemption on *on*.
    :param sick_dominant: the absence is mainly reported sickness (A1).
    :param manual_c: the leerplichtambtenaar placed the case in C (art. 11g).
    :param signals: the pupil's signals (national codes are read).
    :param relatief_verzuim: explicit B1 flag; None derives it from the signals
        (:data:`B1_LOOKBACK_DAYS`).
    """
    signals = list(signals)
    compulsory = leerplicht is None or is_compulsory(leerplicht)
    if exemption is not None or leerplicht is LeerplichtKind.VRIJGESTELD:
        # A2a–A2c only while the pupil is leerplichtig: an exemption recorded for a pupil
        # who is too young or no longer leerplichtig puts them in no category at all.
        if exemption is None or not (compulsory or leerplicht is LeerplichtKind.VRIJGESTELD):
            return None
        return _EXEMPTION_CATEGORY[ExemptionKind(exemption)]
    if not enrolled:
        return InspectieCategory.B3 if compulsory else None
    if manual_c:
        return InspectieCategory.C
    lrv = open_lrv(signals, on)
    if lrv is not None and compulsory:
        b2b = any(
            s.code == SignalCode.THUISZITTER_B2B and lrv.datum <= s.datum <= on for s in signals
        )
        return InspectieCategory.B2B if b2b else InspectieCategory.B2A
    if sick_dominant:
        return InspectieCategory.A1
    if relatief_verzuim is None:
        since = on - dt.timedelta(days=B1_LOOKBACK_DAYS)
        relatief_verzuim = any(
            s.code in (SignalCode.DUO_16H, SignalCode.DUO_LUXE) and since <= s.datum <= on
            for s in signals
        )
    if relatief_verzuim and compulsory:
        return InspectieCategory.B1
    return None


def category_on(
    record: LegalRecord,
    on: dt.date,
    *,
    calendar: SchoolCalendar | None = None,
    sick_dominant: bool = False,
    manual_c: bool = False,
    signals: Iterable[Signal] = (),
) -> InspectieCategory | None:
    """The inspectie category on *on* read from the pupil's legal record.

    Enrolled, exempted and leerplichtig are all taken *on that date*: B3 within a period
    without enrolment (unless it is marked as an administratieve onvolkomenheid), A2a–A2c
    only within an art. 5 exemption while the pupil is leerplichtig.
    """
    exemption = enrolment_exemption_on(record, on)
    return inspectie_category(
        on,
        enrolled=enrolled_on(record, on) or in_excused_gap(record, on),
        leerplicht=leerplicht_on(record, on, calendar).kind,
        exemption=None if exemption is None else exemption.kind,
        sick_dominant=sick_dominant,
        manual_c=manual_c,
        signals=signals,
    )

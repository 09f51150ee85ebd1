"""Leerplicht and kwalificatieplicht status of a pupil on a date (rules.md §7, seed 003 §1).

Seed 003 §1.1 is followed where it is more precise than rules.md: leerplicht starts
on the *first schooldag* of the month after the month of the fifth birthday (not
simply the first day of that month) — see :func:`leerplicht_start`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verzuimdesk.core.rules.calendar import school_year_end, school_year_of
from verzuimdesk.core.rules.labelled_enum import LabelledStrEnum

if TYPE_CHECKING:
    from verzuimdesk.core.rules.calendar import SchoolCalendar

__all__ = [
    "ENROLMENT_EXEMPTIONS",
    "LEERPLICHT_START_AGE",
    "LEERPLICHT_START_ON_FIRST_SCHOOLDAG",
    "QUALIFICATION_END_AGE",
    "VOLLEDIG_END_AGE",
    "ExemptionKind",
    "ExitCertificate",
    "LeerplichtKind",
    "LeerplichtStatus",
    "birthday",
    "is_compulsory",
    "leerplicht_start",
    "leerplicht_status",
    "status_text",
    "volledig_leerplicht_end",
]

#: Leerplicht starts in the month after the child turns 5 (rules.md §7).
LEERPLICHT_START_AGE = 5
#: Volledige leerplicht ends on 31 July of the school year in which the pupil turns 16.
VOLLEDIG_END_AGE = 16
#: Kwalificatieplicht ends on the 18th birthday (or a startkwalificatie).
QUALIFICATION_END_AGE = 18
#: Seed 003 §1.1: "op de eerste schooldag van de maand die volgt op de maand waarin het
#: kind vijf jaar geworden is" (rules.md: the first day of that month). We follow the
#: seed: with a calendar, the first schooldag on or after the 1st of that month (which
#: can lie in a later month when the month starts with a vacation); without a calendar,
#: the first Monday–Friday on or after the 1st.
LEERPLICHT_START_ON_FIRST_SCHOOLDAG = True


class LeerplichtKind(LabelledStrEnum):
    """Leerplicht status, with the Dutch label as value."""

    #: Umbrella term: volledig leerplichtig or kwalificatieplichtig (see :func:`is_compulsory`).
    LEERPLICHTIG = "leerplichtig"
    VOLLEDIG_LEERPLICHTIG = "volledig leerplichtig"
    KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
    VRIJGESTELD = "vrijgesteld"
    NIET_LEERPLICHTIG = "niet leerplichtig"


class ExemptionKind(LabelledStrEnum):
    """The exemptions and leave the desk records (Leerplichtwet art. 5, 15 and 11g)."""

    ART_5A = "5a", "art. 5 onder a: lichamelijk of psychisch niet in staat"
    ART_5B = "5b", "art. 5 onder b: bezwaar tegen de richting van het onderwijs"
    ART_5C = "5c", "art. 5 onder c: school in het buitenland"
    ART_15 = "15", "art. 15: vrijstelling van geregeld schoolbezoek"
    ART_11G = "11g", "art. 11g: verlof wegens gewichtige omstandigheden"


#: The exemptions *from enrolment* (art. 5): a pupil holding one is not an absolute
#: verzuimer and is counted in A2a–A2c. Art. 15 and art. 11g concern an enrolled pupil's
#: attendance, so they never excuse a missing enrolment.
ENROLMENT_EXEMPTIONS: frozenset[ExemptionKind] = frozenset(
    {ExemptionKind.ART_5A, ExemptionKind.ART_5B, ExemptionKind.ART_5C}
)


class ExitCertificate(LabelledStrEnum):
    """Certificates after which no kwalificatieplicht applies (seed 003 §1.3)."""

    PRAKTIJKONDERWIJS = "praktijkonderwijs", "getuigschrift praktijkonderwijs"
    VSO_ARBEID = "vso-arbeid", "VSO uitstroomprofiel arbeid"
    VSO_DAGBESTEDING = "vso-dagbesteding", "VSO uitstroomprofiel dagbesteding"


@dataclass(frozen=True, slots=True)
class LeerplichtStatus:
    """The status on a date and the period it holds (``end`` inclusive; None = open)."""

    kind: LeerplichtKind
    start: dt.date | None
    end: dt.date | None
    exemption: ExemptionKind | None = None

    @property
    def label(self) -> str:
        """Dutch label, with the exemption ground when vrijgesteld."""
        if self.kind is LeerplichtKind.VRIJGESTELD and self.exemption is not None:
            return f"vrijgesteld ({self.exemption.label})"
        return self.kind.value


def birthday(birth: dt.date, age: int) -> dt.date:
    """The date the person born on *birth* turns *age* (29 Feb -> 1 Mar in common years)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return dt.date(birth.year + age, 3, 1)


def leerplicht_start(birth: dt.date, calendar: SchoolCalendar | None = None) -> dt.date:
    """First day of leerplicht: the first schooldag of the month after the 5th birthday."""
    fifth = birthday(birth, LEERPLICHT_START_AGE)
    first = dt.date(fifth.year + (fifth.month == 12), fifth.month % 12 + 1, 1)
    if not LEERPLICHT_START_ON_FIRST_SCHOOLDAG:
        return first
    if calendar is not None:
        return calendar.schooldag_on_or_after(first)
    while first.weekday() >= 5:
        first += dt.timedelta(days=1)
    return first


def volledig_leerplicht_end(
    birth: dt.date, twelve_years_completed: dt.date | None = None
) -> dt.date:
    """Last day of volledige leerplicht: 31 July of the school year of the 16th birthday.

    Earlier when the pupil completed 12 full school years (*twelve_years_completed*,
    the last day of the 12th year).
    """
    end = school_year_end(school_year_of(birthday(birth, VOLLEDIG_END_AGE)))
    if twelve_years_completed is not None and twelve_years_completed < end:
        return twelve_years_completed
    return end


def is_compulsory(kind: LeerplichtKind) -> bool:
    """True for a status under which a pupil must be enrolled or qualify (B3 applies)."""
    return kind in (
        LeerplichtKind.LEERPLICHTIG,
        LeerplichtKind.VOLLEDIG_LEERPLICHTIG,
        LeerplichtKind.KWALIFICATIEPLICHTIG,
    )


def leerplicht_status(
    birth: dt.date,
    on: dt.date,
    *,
    exemption: ExemptionKind | str | None = None,
    exemption_from: dt.date | None = None,
    exemption_until: dt.date | None = None,
    startkwalificatie: dt.date | None = None,
    exit_certificate: ExitCertificate | str | None = None,
    exit_certificate_on: dt.date | None = None,
    twelve_years_completed: dt.date | None = None,
    calendar: SchoolCalendar | None = None,
) -> LeerplichtStatus:
    """Leerplicht status of a pupil born on *birth*, on date *on* (rules.md §7).

    :param exemption: art. 5a/5b/5c exemption, valid from *exemption_from* (default: always)
        up to and including *exemption_until* (default: open). While valid and the pupil is
        of compulsory age, the status is ``vrijgesteld``.
    :param startkwalificatie: date a havo/vwo/mbo-2 diploma was obtained; ends the
        kwalificatieplicht from that day.
    :param exit_certificate: praktijkonderwijs or VSO arbeid/dagbesteding; no
        kwalificatieplicht from *exit_certificate_on* (default: from the start).
    :param twelve_years_completed: last day of the 12th full school year, when recorded.
    :param calendar: the school calendar, for the first schooldag of leerplicht.
    """
    start = leerplicht_start(birth, calendar)
    vol_end = volledig_leerplicht_end(birth, twelve_years_completed)
    eighteen = birthday(birth, QUALIFICATION_END_AGE)
    kw_end = eighteen - dt.timedelta(days=1)
    if startkwalificatie is not None:
        kw_end = min(kw_end, startkwalificatie - dt.timedelta(days=1))
    if exit_certificate is not None:
        ExitCertificate(exit_certificate)  # validate
        ex_on = exit_certificate_on or start
        kw_end = min(kw_end, ex_on - dt.timedelta(days=1))
    kw_start = vol_end + dt.timedelta(days=1)

    if on < start:
        base = LeerplichtStatus(
            LeerplichtKind.NIET_LEERPLICHTIG, None, start - dt.timedelta(days=1)
        )
    elif on <= vol_end:
        base = LeerplichtStatus(LeerplichtKind.VOLLEDIG_LEERPLICHTIG, start, vol_end)
    elif on <= kw_end:
        base = LeerplichtStatus(LeerplichtKind.KWALIFICATIEPLICHTIG, kw_start, kw_end)
    else:
        base = LeerplichtStatus(
            LeerplichtKind.NIET_LEERPLICHTIG, max(kw_start, kw_end + dt.timedelta(days=1)), None
        )

    if exemption is not None and is_compulsory(base.kind):
        ex = ExemptionKind(exemption)
        if ex not in ENROLMENT_EXEMPTIONS:
            raise ValueError(f"art. {ex} is geen vrijstelling van inschrijving")
        ex_from = exemption_from or base.start
        ex_until = exemption_until
        if (ex_from is None or ex_from <= on) and (ex_until is None or on <= ex_until):
            s = max(d for d in (ex_from, base.start) if d is not None)
            ends = [d for d in (ex_until, base.end) if d is not None]
            return LeerplichtStatus(LeerplichtKind.VRIJGESTELD, s, min(ends) if ends else None, ex)
    return base


def _nl_date(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


def status_text(pupil: Any, on: dt.date, calendar: SchoolCalendar | None = None) -> str:
    """Short Dutch description of a pupil's leerplicht status on *on*, for the GUI.

    *pupil* is any object with ``birth_date`` and optionally ``exemption``,
    ``startkwalificatie_on``, ``exit_certificate`` and ``full_school_years_done_on``
    (the ``Pupil`` model); an empty string when the birth date is unknown.
    """
    birth = getattr(pupil, "birth_date", None)
    if birth is None:
        return ""
    exemption = getattr(pupil, "exemption", None) or None
    exit_certificate = getattr(pupil, "exit_certificate", None) or None
    try:
        status = leerplicht_status(
            birth,
            on,
            exemption=exemption,
            startkwalificatie=getattr(pupil, "startkwalificatie_on", None),
            exit_certificate=exit_certificate,
            twelve_years_completed=getattr(pupil, "full_school_years_done_on", None),
            calendar=calendar,
        )
    except ValueError:  # an unknown exemption or certificate code
        status = leerplicht_status(birth, on, calendar=calendar)
    kind = status.kind
    if kind is LeerplichtKind.NIET_LEERPLICHTIG:
        if status.start is None and status.end is not None:
            return f"nog niet leerplichtig (vanaf {_nl_date(status.end + dt.timedelta(days=1))})"
        return "niet meer leerplichtig"
    if kind is LeerplichtKind.VRIJGESTELD:
        return status.label
    if status.end is not None:
        return f"{kind.value} t/m {_nl_date(status.end)}"
    return kind.value

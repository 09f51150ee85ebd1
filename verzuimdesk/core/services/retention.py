"""Retention: personal data is kept only as long as the terms allow, then removed.

The terms (defaults from the VNG *Selectielijst gemeentelijke en regionale archieven*, the
SWV's own term configurable, all stored as case base settings):

* **leerplicht**: the pupil's leerplicht data until :data:`LEERPLICHT_YEARS` years after
  the date of birth;
* **kwalificatieplicht**: until :data:`KWALIFICATIEPLICHT_YEARS` years after it ended (the
  startkwalificatie, else the 18th birthday);
* **dossier**: a closed case file until the SWV's term (default :data:`CASE_YEARS` years)
  after closing; an open case is never due.

A pupil is due for removal when every term has passed. :func:`remove_pupil` deletes the
pupil and everything about them (cases, events, deadlines, forms, documents, absences,
enrolments, exemptions, signals) in one transaction, keeps one anonymous
:class:`~verzuimdesk.core.models_trust.RemovedPupilStat` row per case, and audits the
removal itself. The audit trail never held the personal values (they are masked when
written), so its entries keep only the fact of each change; the deletes of a removal are
recorded without before-image at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from verzuimdesk.core import audit
from verzuimdesk.core.models import Case, CaseBaseSetting, Pupil, School, StoredSignal
from verzuimdesk.core.models_trust import RemovedPupilStat
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.conflicts import on_stale
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Default terms in years (VNG selectielijst; the case-file term is the SWV's own choice).
LEERPLICHT_YEARS = 19
KWALIFICATIEPLICHT_YEARS = 2
CASE_YEARS = 5
#: Kwalificatieplicht ends at the latest on the 18th birthday.
KWALIFICATIEPLICHT_END_AGE = 18

_KEYS = {
    "leerplicht": "retention_leerplicht_years",
    "kwalificatieplicht": "retention_kwalificatieplicht_years",
    "dossier": "retention_case_years",
}
#: Dutch names of the terms.
TERM_NAMES = {
    "leerplicht": "leerplicht (na geboortedatum)",
    "kwalificatieplicht": "kwalificatieplicht (na het einde ervan)",
    "dossier": "casusdossier (na afsluiten)",
}


@dataclass(frozen=True)
class RetentionTerms:
    """The retention terms of a case base, in whole years."""

    leerplicht: int = LEERPLICHT_YEARS
    kwalificatieplicht: int = KWALIFICATIEPLICHT_YEARS
    dossier: int = CASE_YEARS


def terms(desk: Desk) -> RetentionTerms:
    """The case base's terms (the defaults where none were set)."""
    with desk.case_base.sessions() as session:
        stored = dict(
            session.execute(
                select(CaseBaseSetting.key, CaseBaseSetting.value).where(
                    CaseBaseSetting.key.in_(_KEYS.values())
                )
            ).all()
        )
    values = {
        name: int(stored[key]) for name, key in _KEYS.items() if str(stored.get(key, "")).isdigit()
    }
    return RetentionTerms(**values)


def set_terms(desk: Desk, new: RetentionTerms) -> None:
    """Store the terms (audited like every setting). Refuses terms below the legal minimum
    of the selection list for leerplicht and kwalificatieplicht, and negative ones."""
    errors = {}
    if new.leerplicht < 1 or new.kwalificatieplicht < 1 or new.dossier < 1:
        errors["terms"] = "Een bewaartermijn is minstens 1 jaar."
    if errors:
        raise ValidationError(errors)
    with desk.case_base.transaction(desk.user) as session:
        for name, key in _KEYS.items():
            value = str(getattr(new, name))
            row = session.get(CaseBaseSetting, key)
            if row is None:
                session.add(CaseBaseSetting(key=key, value=value))
            elif row.value != value:
                row.value = value
    changes.publish(desk, "all", case_ids=None)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class RemovalCandidate:
    """A pupil whose every retention term has passed."""

    pupil_id: int
    name: str
    birth_date: dt.date
    cases: int
    #: The last term to pass (``leerplicht``, ``kwalificatieplicht`` or ``dossier``).
    reason: str
    #: The day after which the data may go.
    due_on: dt.date


def keep_until(
    pupil: Pupil, cases: list[Case], rules: RetentionTerms
) -> tuple[dt.date, str] | None:
    """The day until which ``pupil``'s data must be kept, and which term sets it; None
    while a case is open."""
    if any(case.closed_on is None for case in cases):
        return None
    kwalificatieplicht_end = _add_years(pupil.birth_date, KWALIFICATIEPLICHT_END_AGE)
    if pupil.startkwalificatie_on and pupil.startkwalificatie_on < kwalificatieplicht_end:
        kwalificatieplicht_end = pupil.startkwalificatie_on
    candidates = [
        (_add_years(pupil.birth_date, rules.leerplicht), "leerplicht"),
        (_add_years(kwalificatieplicht_end, rules.kwalificatieplicht), "kwalificatieplicht"),
    ]
    candidates += [
        (_add_years(case.closed_on, rules.dossier), "dossier")
        for case in cases
        if case.closed_on is not None
    ]
    return max(candidates)


def due_for_removal(desk: Desk) -> list[RemovalCandidate]:
    """Every pupil past all terms on the desk's today, longest overdue first."""
    rules = terms(desk)
    now = today(desk)
    # Only pupils born long enough ago can be due: the earliest term is the shortest one.
    oldest = _add_years(now, -min(rules.leerplicht, KWALIFICATIEPLICHT_END_AGE))
    out = []
    with desk.case_base.sessions() as session:
        pupils = session.scalars(
            select(Pupil).where(Pupil.birth_date <= oldest).options(selectinload(Pupil.cases))
        )
        for pupil in pupils:
            kept = keep_until(pupil, list(pupil.cases), rules)
            if kept is not None and kept[0] < now:
                out.append(
                    RemovalCandidate(
                        pupil.id,
                        pupil.full_name,
                        pupil.birth_date,
                        len(pupil.cases),
                        kept[1],
                        kept[0],
                    )
                )
    return sorted(out, key=lambda c: c.due_on)


def _statistics(session: Session, pupil: Pupil, reason: str) -> list[RemovedPupilStat]:
    """The anonymous rows that stay: birth year, municipality, sector, case course."""
    sector = None
    if pupil.school_id is not None:
        sector = session.scalar(select(School.sector).where(School.id == pupil.school_id))
    base = {
        "birth_year": pupil.birth_date.year,
        "municipality": pupil.municipality,
        "school_sector": sector,
        "reason": reason,
    }
    if not pupil.cases:
        return [RemovedPupilStat(**base)]
    return [
        RemovedPupilStat(
            **base,
            case_opened_on=case.opened_on,
            case_closed_on=case.closed_on,
            last_stage_id=case.stage_id,
            outcome=case.outcome,
            inspectie_category=case.inspectie_category,
        )
        for case in pupil.cases
    ]


@on_stale("deze leerling")
def remove_pupil(desk: Desk, pupil_id: int) -> int:
    """Remove a pupil past every term: all personal data, one transaction; returns the
    number of statistics rows kept. Refuses a pupil not (yet) due."""
    rules = terms(desk)
    now = today(desk)
    with desk.case_base.transaction(desk.user) as session:
        session.info[audit.FACT_ONLY] = True
        pupil = session.get(Pupil, pupil_id, options=[selectinload(Pupil.cases)])
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        kept = keep_until(pupil, list(pupil.cases), rules)
        if kept is None or kept[0] >= now:
            raise ValidationError(
                {"pupil": "De bewaartermijn van deze leerling is nog niet verstreken."}
            )
        stats = _statistics(session, pupil, kept[1])
        case_count = len(pupil.cases)
        session.add_all(stats)
        for case in list(pupil.cases):
            session.delete(case)
        session.flush()
        session.execute(delete(StoredSignal).where(StoredSignal.pupil_id == pupil_id))
        session.delete(pupil)
        session.flush()
        audit.add_entry(
            session,
            {
                "action": "remove",
                "table_name": "pupil",
                "record_id": str(pupil_id),
                "before": None,
                "after": {"termijn": kept[1], "casussen": case_count},
            },
        )
    changes.publish(desk, "all", case_ids=None, pupil_ids=(pupil_id,))
    return len(stats)

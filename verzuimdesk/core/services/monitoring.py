"""Monitoring lists: watched pupils who have no absence records (plugin API 1.3, issue 12).

Absolute verzuimers (B3), vrijgestelden (A2) and 4-year-olds not enrolled at a school
never get a signal, because no school records their absence. A region that watches them
registers a :class:`~verzuimdesk.core.region_conditions.MonitoringList` (Lelystad: the
SWV's quarterly list, seed 001 §1.1); :func:`monitoring_list` fills it on a date from the
pupils' enrolments, exemptions and birth dates:

- ``b3``: of compulsory school age on the date, not enrolled, no art. 5 exemption, and
  the gap not marked as an *administratieve onvolkomenheid*;
- ``a2``: an art. 5 exemption (5a, 5b, 5c) covers the date;
- ``vierjarig``: 4 years old on the date and not enrolled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from verzuimdesk.core.models import Enrolment, Pupil, PupilExemption
from verzuimdesk.core.region_conditions import MonitoringGroup, MonitoringList
from verzuimdesk.core.services import rules_gateway
from verzuimdesk.core.services.common import age_on, today
from verzuimdesk.core.services.errors import NotFoundError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Dutch names of the groups, as the list shows them.
GROUP_NAMES: dict[str, str] = {
    MonitoringGroup.ABSOLUUT_VERZUIM: "B3 absoluut verzuim",
    MonitoringGroup.VRIJSTELLING: "A2 vrijstelling",
    MonitoringGroup.VIERJARIG_NIET_INGESCHREVEN: "4 jaar, niet ingeschreven",
}

_A2 = {"5a": "A2a", "5b": "A2b", "5c": "A2c"}


@dataclass(frozen=True)
class MonitoringRow:
    """One pupil on a monitoring list.

    :param group: the :class:`MonitoringGroup` value the pupil is listed under.
    :param category: the inspectie category (``B3``, ``A2a``…) or empty.
    :param detail: Dutch detail: the exemption, or since when the pupil is not enrolled.
    """

    pupil_id: int
    name: str
    birth_date: dt.date
    age: int
    municipality: str
    group: str
    group_name: str
    category: str
    detail: str


def lists(desk: Desk) -> list[MonitoringList]:
    """The region's monitoring lists."""
    return list(desk.registry.monitoring_lists(desk.region_id))


def monitoring_list(
    desk: Desk, list_id: str, on: dt.date | None = None
) -> tuple[MonitoringList, list[MonitoringRow]]:
    """The pupils on monitoring list ``list_id`` on ``on`` (default: the desk's today).

    Raises :class:`NotFoundError` when the region has no such list.
    """
    on = on or today(desk)
    mlist = next((m for m in lists(desk) if m.id == list_id), None)
    if mlist is None:
        raise NotFoundError("Deze monitoringslijst bestaat niet in de regio.")
    groups = {str(g) for g in mlist.groups}
    rows: list[MonitoringRow] = []
    with desk.case_base.sessions() as session:
        pupils = session.scalars(
            select(Pupil)
            .where(Pupil.id.in_(_candidates(on)))
            .options(
                selectinload(Pupil.enrolments),
                selectinload(Pupil.exemptions),
                selectinload(Pupil.excused_gaps),
                selectinload(Pupil.school),
            )
        ).all()
        for pupil in pupils:
            found = _group_of(desk, pupil, groups, on)
            if found is not None:
                group, category, detail = found
                rows.append(
                    MonitoringRow(
                        pupil_id=pupil.id,
                        name=pupil.full_name,
                        birth_date=pupil.birth_date,
                        age=age_on(pupil.birth_date, on),
                        municipality=pupil.municipality or "",
                        group=group,
                        group_name=GROUP_NAMES[group],
                        category=category,
                        detail=detail,
                    )
                )
    order = [str(g) for g in mlist.groups]
    rows.sort(key=lambda r: (order.index(r.group), r.name))
    return mlist, rows


def _candidates(on: dt.date) -> Select[int]:
    """The pupils that can be on a list on ``on``: not enrolled, or exempt under art. 5.

    A region's pupils are almost all enrolled; filtering in SQL first keeps a list of a
    40,000-pupil case base from loading every pupil (bench/bench_monitoring.py).
    """
    covers = (Enrolment.start <= on) & (or_(Enrolment.end.is_(None), Enrolment.end >= on))
    enrolled = select(Enrolment.pupil_id).where(covers)
    exempt = select(PupilExemption.pupil_id).where(
        PupilExemption.kind.in_(("5a", "5b", "5c")),
        PupilExemption.start <= on,
        or_(PupilExemption.end.is_(None), PupilExemption.end >= on),
    )
    return select(Pupil.id).where(or_(Pupil.id.not_in(enrolled), Pupil.id.in_(exempt)))


def _group_of(
    desk: Desk, pupil: Pupil, groups: set[str], on: dt.date
) -> tuple[str, str, str] | None:
    """``(group, inspectie category, Dutch detail)`` of ``pupil`` on ``on``, or None."""
    from verzuimdesk.core.rules import legal_record as lr

    record = rules_gateway.legal_record(pupil)
    exemption = lr.enrolment_exemption_on(record, on)
    if exemption is not None:
        if MonitoringGroup.VRIJSTELLING not in groups:
            return None
        detail = f"Vrijstelling {exemption.kind.label}, sinds {exemption.start:%d-%m-%Y}"
        return MonitoringGroup.VRIJSTELLING, _A2[exemption.kind.value], detail
    if lr.enrolled_on(record, on):
        return None
    if age_on(pupil.birth_date, on) == 4:
        if MonitoringGroup.VIERJARIG_NIET_INGESCHREVEN not in groups:
            return None
        return MonitoringGroup.VIERJARIG_NIET_INGESCHREVEN, "", "Niet ingeschreven op een school"
    if MonitoringGroup.ABSOLUUT_VERZUIM not in groups or lr.in_excused_gap(record, on):
        return None
    calendar = rules_gateway.school_calendar(desk, rules_gateway.legal_school(pupil))
    if not lr.is_compulsory_on(record, on, calendar):
        return None
    ended = [e.end for e in record.enrolments if e.end is not None and e.end < on]
    since = f"sinds {max(ended):%d-%m-%Y}" if ended else "nooit ingeschreven"
    return MonitoringGroup.ABSOLUUT_VERZUIM, "B3", f"Niet ingeschreven ({since})"

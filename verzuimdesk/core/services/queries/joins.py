"""Joins the views' queries share."""

from __future__ import annotations

from typing import TypeVarTuple

from sqlalchemy import Select

from verzuimdesk.core.models import Case, Pupil, School

_Ts = TypeVarTuple("_Ts")


def with_pupil_and_school(query: Select[*_Ts]) -> Select[*_Ts]:
    """*query* over ``Case`` joined to the case's pupil and, when it has one, its school."""
    return query.join(Pupil, Pupil.id == Case.pupil_id).outerjoin(
        School, School.id == Pupil.school_id
    )

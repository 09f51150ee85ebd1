"""Read-only queries for the views: the case list, a case file, deadlines, a month of absences.

One import for the views (``queries.case_list``, ``queries.case_file``); each view's
queries live in their own module.
"""

from __future__ import annotations

from verzuimdesk.core.services.queries.absence_month import (
    DayAbsences,
    MonthAbsences,
    pupil_absences,
)
from verzuimdesk.core.services.queries.case_details import (
    CaseFile,
    DeadlineItem,
    EventItem,
    FormItem,
    PersonChoice,
    SignalItem,
    case_events_raw,
    case_file,
    form_values,
    persons,
)
from verzuimdesk.core.services.queries.case_rows import (
    CaseIndex,
    CaseQuery,
    CaseRow,
    FilterChoices,
    WeeksResult,
    case_index,
    case_list,
    filter_choices,
    open_case_count,
)
from verzuimdesk.core.services.queries.deadline_rows import (
    DEADLINE_GROUPS,
    DeadlineRow,
    DeadlinesOverview,
    deadlines_overview,
)

__all__ = [
    "DEADLINE_GROUPS",
    "CaseFile",
    "CaseIndex",
    "CaseQuery",
    "CaseRow",
    "DayAbsences",
    "DeadlineItem",
    "DeadlineRow",
    "DeadlinesOverview",
    "EventItem",
    "FilterChoices",
    "FormItem",
    "MonthAbsences",
    "PersonChoice",
    "SignalItem",
    "WeeksResult",
    "case_events_raw",
    "case_file",
    "case_index",
    "case_list",
    "deadlines_overview",
    "filter_choices",
    "form_values",
    "open_case_count",
    "persons",
    "pupil_absences",
]

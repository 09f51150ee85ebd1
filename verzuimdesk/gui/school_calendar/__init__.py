"""Scholen en schoolkalenders: the schools of the case base and each school's calendar.

A non-modal window (Beheer ▸ Scholen en schoolkalenders…, Ctrl+Shift+K): the
schools on the left (search), and for the chosen school its calendar for a
school year — a year overview with every free day greyed and named, the
schooldagen and lesweken, the list of free periods — and its details form.

Every calendar change goes through :mod:`verzuimdesk.core.services.schools`
(one transaction that also recomputes the signals of every pupil of the
school, with a progress dialog when that takes a while) and lands on the
desk's undo stack: Ctrl+Z puts the calendar back as it was.


The package: :mod:`.window` (the window), :mod:`.calendar_tab` (the calendar tab and its
changes), :mod:`.year_grid` (the year overview), :mod:`.periods` (the free periods and
their dialogs), :mod:`.school_form` (the school list and details form), :mod:`.host` (what
the tab and the dialogs need of the window: the desk and slow recomputes). The window
builds on the tab, the tab on the host; nothing imports the window back.
"""

from verzuimdesk.gui.school_calendar.window import SchoolCalendarWindow
from verzuimdesk.gui.school_calendar.year_grid import KIND_COLOURS

__all__ = ["KIND_COLOURS", "SchoolCalendarWindow"]

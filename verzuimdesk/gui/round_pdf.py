"""The round's summary as a PDF (*Samenvatting belronde*): progress, every school's calls and
its pupils' statuses and notes. Names, no BSN; marked *vertrouwelijk* on every page.

Laid out with the case PDF's machinery (:func:`verzuimdesk.gui.case_pdf.print_pages`:
a ``QTextDocument`` on a ``QPdfWriter``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice

from verzuimdesk.core.services import round_work
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.school_views import RoundSchoolPage, round_school_page
from verzuimdesk.gui.case_pdf import MUTED, new_document, new_writer, print_pages
from verzuimdesk.gui.formatting import date_short

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def _e(text: object) -> str:
    return html.escape(str(text))


def _row(cells: list[str], *, head: bool = False) -> str:
    tag = "th" if head else "td"
    style = "background:#e5ebf2;text-align:left" if head else "border-bottom:1px solid #dde3ea"
    return "<tr>" + "".join(f"<{tag} style='{style}'>{c}</{tag}>" for c in cells) + "</tr>"


def round_html(desk: Desk, overview: round_work.RoundOverview, pages: list[RoundSchoolPage]) -> str:
    """The summary as HTML (what the PDF shows)."""
    parts = [
        "<html><body>",
        f"<h2>Belronde {_e(overview.quarter)} — samenvatting</h2>",
        f"<p>{_e(desk.region.name)} · begonnen op {_e(date_short(overview.started_on))}"
        + (
            f" · afgerond op {_e(date_short(overview.finished_on))}"
            if overview.finished_on
            else " · nog niet afgerond"
        )
        + f"<br><b>{_e(overview.progress_text)}</b></p>",
        "<table width='100%' cellspacing='0' cellpadding='3'>",
        _row(["School", "Stand", "Laatste gesprek", "Besproken"], head=True),
    ]
    for school in overview.schools:
        result = round_work.CALL_RESULTS.get(school.call_result or "", "nog niet gebeld")
        if school.callback_on:
            result += f" ({date_short(school.callback_on)})"
        parts.append(
            _row(
                [
                    _e(school.name),
                    _e(school.state_name),
                    _e(result),
                    f"{school.discussed} van {school.pupils}",
                ]
            )
        )
    parts.append("</table>")
    for page in pages:
        parts.append(f"<h3 style='margin-top:12pt'>{_e(page.name)}</h3>")
        if page.calls:
            calls = "; ".join(
                f"{date_short(c.called_on)} {round_work.CALL_RESULTS.get(c.result, c.result)}"
                + (f" met {c.contact}" if c.contact else "")
                + (f" ({c.note})" if c.note else "")
                for c in reversed(page.calls)
            )
            parts.append(f"<p>Gesprekken: {_e(calls)}</p>")
        else:
            parts.append(f"<p style='color:{MUTED}'>Nog niet gebeld.</p>")
        if page.pupils:
            parts.append("<table width='100%' cellspacing='0' cellpadding='3'>")
            parts.append(_row(["Leerling", "Casus", "Status", "Notitie"], head=True))
            for pupil in page.pupils:
                status = pupil.status_label or "niet besproken"
                if pupil.status_on:
                    status += f" {date_short(pupil.status_on)}"
                parts.append(
                    _row(
                        [
                            _e(pupil.name),
                            _e(pupil.case_number or "—"),
                            _e(status),
                            _e(pupil.note),
                        ]
                    )
                )
            parts.append("</table>")
    parts.append(
        f"<p style='color:{MUTED}; font-size:8pt; margin-top:14pt'>Afgedrukt op "
        f"{_e(date_short(today(desk)))} door {_e(desk.user)} met VerzuimDesk.</p>"
        "</body></html>"
    )
    return "".join(parts)


#: Told how far the summary is: (steps done, steps in all); returns False to stop.
Progress = Callable[[int, int], bool]


def write_round_pdf(
    desk: Desk, round_id: int, target: str | Path | QIODevice, progress: Progress | None = None
) -> int:
    """Write the round's summary to ``target``; returns the number of pages.

    ``progress`` is called after each school is read and before the pages are laid out
    (one step per school, one for the layout); when it returns False nothing is written
    and 0 is returned.
    """
    overview = round_work.round_overview(desk, round_id)
    steps = len(overview.schools) + 1
    pages = []
    for done, school in enumerate(overview.schools, start=1):
        pages.append(round_school_page(desk, school.id))
        if progress is not None and not progress(done, steps):
            return 0
    writer = new_writer(target, f"Belronde {overview.quarter}")
    document = new_document()
    document.setHtml(round_html(desk, overview, pages))
    count = print_pages(
        document,
        writer,
        header=f"Belronde {overview.quarter} · Vertrouwelijk",
        header_right=f"Samenvatting, {date_short(today(desk))}",
        footer="Vertrouwelijk: niet verder verspreiden.",
    )
    del writer
    if progress is not None:
        progress(steps, steps)
    return count

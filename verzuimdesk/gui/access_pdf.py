"""The AVG access export (*inzageverzoek*) as a PDF for the parents.

Rendered from :func:`verzuimdesk.core.exporting.access.access_export`'s data, section by
section, in plain Dutch with dates as ``dd-mm-jjjj``. The BSN is shown in full: this is
the pupil's own data, given to the pupil's parents.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from verzuimdesk.core.exporting.access import SECTIONS
from verzuimdesk.gui.case_pdf import MUTED, new_document, new_writer, print_pages

#: Dutch column names of the fields the PDF shows (others keep their own names).
LABELS: dict[str, str] = {
    "first_name": "voornaam",
    "last_name": "achternaam",
    "birth_date": "geboortedatum",
    "bsn": "BSN",
    "street": "straat",
    "postcode": "postcode",
    "city": "woonplaats",
    "municipality": "woongemeente",
    "parent_name": "ouder/verzorger",
    "parent_phone": "telefoon ouder",
    "parent_email": "e-mail ouder",
    "school": "school",
    "start": "van",
    "end": "tot en met",
    "date": "datum",
    "hours": "uren",
    "kind": "soort",
    "note": "opmerking",
    "code": "code",
    "datum": "datum",
    "number": "nummer",
    "opened_on": "geopend op",
    "closed_on": "gesloten op",
    "stage_id": "stap",
    "occurred_on": "datum",
    "text": "tekst",
    "author": "door",
    "due_on": "uiterlijk",
    "what": "wat",
    "done_on": "gedaan op",
    "at": "tijdstip",
    "user": "gebruiker",
    "action": "actie",
    "table_name": "gegeven",
}
_HIDDEN = {
    "id",
    "pupil_id",
    "case_id",
    "school_id",
    "event_id",
    "person_id",
    "values",
    "before",
    "after",
    "checklists",
    "actions_done",
}


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            pass
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dict | list):
        return html.escape(str(value))[:400]
    return html.escape(str(value))


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return f"<p style='color:{MUTED}'>Geen.</p>"
    keys = [k for k in rows[0] if k not in _HIDDEN]
    head = "".join(f"<th align='left'>{html.escape(LABELS.get(k, k))}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_value(row.get(k))}</td>" for k in keys) + "</tr>" for row in rows
    )
    table = "<table cellspacing='0' cellpadding='3' border='0.5' width='100%'>"
    return f"{table}<tr>{head}</tr>{body}</table>"


def access_html(data: dict[str, Any]) -> str:
    """The export as HTML for the PDF."""
    pupil = data["leerling"]
    name = html.escape(f"{pupil.get('first_name', '')} {pupil.get('last_name', '')}")
    parts = [
        "<html><body>",
        f"<h2>Inzage in de gegevens van {name}</h2>",
        "<p>Op grond van artikel 15 van de AVG: alle gegevens die VerzuimDesk over deze "
        f"leerling bewaart, op {_value(data['gemaakt_op'])}.</p>",
    ]
    for key, title in SECTIONS.items():
        parts.append(f"<h3>{html.escape(title)}</h3>")
        section: Any = data.get(key) or ([] if key != "leerling" else {})
        if key == "leerling":
            rows = "".join(
                f"<tr><td>{html.escape(LABELS.get(k, k))}</td><td>{_value(v)}</td></tr>"
                for k, v in section.items()
                if k not in _HIDDEN
            )
            parts.append(f"<table cellpadding='3'>{rows}</table>")
        elif key == "casussen":
            if not section:
                parts.append(f"<p style='color:{MUTED}'>Geen.</p>")
            for case in section:
                parts.append(f"<h4>Casus {html.escape(str(case['number']))}</h4>")
                parts.append(_table([{k: v for k, v in case.items() if not isinstance(v, list)}]))
                for sub, label in (
                    ("gebeurtenissen", "Gebeurtenissen"),
                    ("termijnen", "Termijnen"),
                    ("formulieren", "Formulieren"),
                    ("rollen", "Betrokkenen"),
                    ("documenten", "Documenten"),
                ):
                    parts.append(f"<p><b>{label}</b></p>{_table(case[sub])}")
                    if sub == "formulieren":
                        for form in case[sub]:
                            parts.append(_table([form.get("values") or {}]))
        else:
            parts.append(_table(section or []))
    parts.append("</body></html>")
    return "".join(parts)


def write_access_pdf(data: dict[str, Any], target: Path | str) -> int:
    """Write the export's PDF; returns the number of pages."""
    pupil = data["leerling"]
    writer = new_writer(target, "Inzage in gegevens")
    document = new_document()
    document.setHtml(access_html(data))
    pages = print_pages(
        document,
        writer,
        header=f"Inzage AVG · {pupil.get('first_name', '')} {pupil.get('last_name', '')}",
        header_right=_value(data["gemaakt_op"]),
        footer="Vertrouwelijk: persoonsgegevens van de leerling.",
    )
    del writer
    return pages

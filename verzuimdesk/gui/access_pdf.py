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

#: Dutch column names of the fields the PDF shows; a field not named here is left out of
#: the PDF (ids and technical fields; the JSON has everything).
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
    "startkwalificatie_on": "startkwalificatie behaald op",
    "exit_certificate": "getuigschrift",
    "school": "school",
    "number": "nummer",
    "start": "van",
    "end": "tot en met",
    "eind": "tot en met",
    "date": "datum",
    "hours": "uren",
    "uren": "uren",
    "kind": "soort",
    "soort_naam": "soort",
    "note": "opmerking",
    "naam": "signaal",
    "datum": "datum",
    "deadline_on": "melden vóór",
    "reported_on": "gemeld op",
    "opened_on": "geopend op",
    "closed_on": "gesloten op",
    "first_absence_on": "eerste verzuimdag",
    "inspectie_category": "categorie inspectie",
    "stap": "stap",
    "outcome": "uitkomst",
    "outcome_note": "toelichting uitkomst",
    "occurred_on": "datum",
    "text": "tekst",
    "author": "door",
    "decision": "besluit",
    "due_on": "uiterlijk",
    "what": "wat",
    "done_on": "gedaan op",
    "form_id": "formulier",
    "persoon": "persoon",
    "organisatie": "organisatie",
    "role_id": "rol",
    "since": "sinds",
    "until": "tot",
    "file_name": "bestand",
    "at": "tijdstip",
    "user": "gebruiker",
    "action": "actie",
    "table_name": "gegeven",
}
#: What the audit trail's actions and tables are called in the PDF.
ACTIONS = {
    "insert": "toegevoegd",
    "update": "gewijzigd",
    "delete": "verwijderd",
    "import": "geïmporteerd",
}
TABLES = {
    "pupil": "leerling",
    "enrolment": "inschrijving",
    "exemption": "vrijstelling",
    "excused_gap": "periode zonder inschrijving",
    "absence_record": "verzuim",
    "absence_import": "verzuim (import)",
    "pupil_school_number": "leerlingnummer",
    "case": "casus",
    "case_event": "gebeurtenis",
    "deadline": "termijn",
    "form_submission": "formulier",
    "role_assignment": "betrokkene",
    "case_document": "document",
}


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
            return dt.datetime.fromisoformat(value).strftime("%d-%m-%Y %H:%M")
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
    keys = [k for k in rows[0] if k in LABELS]
    if "soort_naam" in keys:  # an event: its kind's Dutch name instead of its code
        keys.remove("kind")
    head = "".join(f"<th align='left'>{html.escape(LABELS.get(k, k))}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_value(row.get(k))}</td>" for k in keys) + "</tr>" for row in rows
    )
    table = "<table cellspacing='0' cellpadding='3' border='0.5' width='100%'>"
    return f"{table}<tr>{head}</tr>{body}</table>"


def _key_values(values: dict[str, Any]) -> str:
    """A form's answers as a two-column table (the field ids as the form stores them)."""
    if not values:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(str(k))}</td><td>{_value(v)}</td></tr>" for k, v in values.items()
    )
    return f"<table cellpadding='2'>{rows}</table>"


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
                if k in LABELS
            )
            parts.append(f"<table cellpadding='3'>{rows}</table>")
        elif key == "casussen":
            if not section:
                parts.append(f"<p style='color:{MUTED}'>Geen.</p>")
            for case in section:
                parts.append(f"<h4>Casus {html.escape(str(case['number']))}</h4>")
                rows = "".join(
                    f"<tr><td>{html.escape(LABELS[k])}</td><td>{_value(v)}</td></tr>"
                    for k, v in case.items()
                    if k in LABELS and not isinstance(v, list)
                )
                parts.append(f"<table cellpadding='3'>{rows}</table>")
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
                            parts.append(_key_values(form.get("values") or {}))
        elif key == "audit":
            parts.append(
                _table(
                    [
                        {
                            **entry,
                            "action": ACTIONS.get(entry["action"], entry["action"]),
                            "table_name": TABLES.get(entry["table_name"], entry["table_name"]),
                        }
                        for entry in section
                    ]
                )
            )
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

"""Letters from templates: named fields filled from a case, never code.

A template is plain text with named fields in braces (``{leerling.naam}``,
``{vandaag}``); ``{{`` and ``}}`` stand for a literal brace. The field names are
the keys of :data:`~verzuimdesk.core.region_spec.LETTER_FIELDS`. Filling looks
each name up in a plain dictionary: no attribute access, no indexing, no format
specification, nothing is evaluated. Unknown fields give a Dutch message that
names the field.

The national letters are text files in ``resources/letters/`` (see
:func:`national_templates`); a region adds its own with the
``register_letter_templates`` hook. Pure Python, tested without Qt.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from verzuimdesk.core.dutch_dates import date_short, date_written
from verzuimdesk.core.region_spec import LETTER_FIELDS, LetterTemplate

#: ``region_id`` of the letters that ship with the desk (every region offers them).
NATIONAL = ""

_FORMATTER = string.Formatter()


class LetterError(ValueError):
    """A template that cannot be filled; the message is Dutch and names the field."""


def template_fields(text: str) -> list[str]:
    """The field names used in ``text``, in order of first use.

    :raises LetterError: for a stray brace, an empty ``{}``, or a field with a
        conversion or format (``{leerling.naam!r}``, ``{vandaag:%d}``).
    """
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        raise LetterError(
            "De brief bevat een losse accolade ({ of }). Schrijf {{ of }} voor een accolade "
            "in de tekst, of zet een veldnaam tussen accolades, zoals {leerling.naam}."
        ) from None
    names: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.strip():
            raise LetterError("De brief bevat lege accolades {}: zet er een veldnaam in.")
        if conversion or spec:
            extra = f"!{conversion}" if conversion else f":{spec}"
            raise LetterError(
                f"Het veld ‘{name}{extra}’ kan niet: een veld is alleen een naam, zoals {{{name}}}."
            )
        if name not in names:
            names.append(name)
    return names


def unknown_fields(text: str) -> list[str]:
    """The field names in ``text`` the desk does not know (may raise :class:`LetterError`)."""
    return [name for name in template_fields(text) if name not in LETTER_FIELDS]


def template_problems(text: str) -> list[str]:
    """Dutch messages for everything wrong with a template's text (empty when fine)."""
    if not text.strip():
        return ["de brief heeft geen tekst"]
    try:
        unknown = unknown_fields(text)
    except LetterError as exc:
        return [str(exc)]
    return [f"onbekend veld {{{name}}} in de tekst" for name in unknown]


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every field replaced by its value from ``values``.

    A known field without a value becomes ``…`` so the user sees what to complete.

    :raises LetterError: for an unknown field (naming it) or a malformed template.
    """
    unknown = unknown_fields(text)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        word = "het veld" if len(unknown) == 1 else "de velden"
        raise LetterError(
            f"De brief gebruikt {word} {names}, dat VerzuimDesk niet kent. Bekende velden: "
            + ", ".join(f"{{{n}}}" for n in LETTER_FIELDS)
            + "."
        )
    out: list[str] = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            out.append(values.get(name) or "…")
    return "".join(out)


def letter_values(
    prefill: Mapping[str, Any],
    *,
    stage: str = "",
    regie: str = "",
    region_name: str = "",
    today: dt.date,
) -> dict[str, str]:
    """The value of every letter field for a case, as text.

    :param prefill: the case's form prefill values (``pupil.full_name``,
        ``school.name``, ``case.number``, ``desk.user``, … as in
        :data:`~verzuimdesk.core.region_spec.PREFILL_PATHS`).
    :param stage: the current step (``"5. JES"``); :param regie: who is in regie.
    """

    def text(key: str) -> str:
        value = prefill.get(key)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return date_short(value)
        return str(value).strip()

    values = {
        "leerling.naam": text("pupil.full_name"),
        "leerling.voornaam": text("pupil.first_name"),
        "leerling.achternaam": text("pupil.last_name"),
        "leerling.geboortedatum": text("pupil.birth_date"),
        "leerling.adres": text("pupil.street"),
        "leerling.postcode": text("pupil.postcode"),
        "leerling.woonplaats": text("pupil.city"),
        "ouder.naam": text("pupil.parent_name"),
        "ouder.telefoon": text("pupil.parent_phone"),
        "ouder.email": text("pupil.parent_email"),
        "school.naam": text("school.name"),
        "school.brin": text("school.brin"),
        "school.contactpersoon": text("school.contact_name"),
        "school.telefoon": text("school.contact_phone"),
        "school.email": text("school.contact_email"),
        "school.gemeente": text("school.municipality"),
        "casus.nummer": text("case.number"),
        "casus.geopend": text("case.opened_on"),
        "casus.eerste_verzuimdag": text("case.first_absence_on"),
        "casus.stap": stage,
        "regie.naam": regie,
        "regio.naam": region_name,
        "afzender.naam": text("desk.user"),
        "vandaag": date_written(today),
    }
    assert set(values) == set(LETTER_FIELDS)  # one list of fields, kept in step
    return values


def first_line(text: str) -> str:
    """The first non-empty line of a letter (recorded with the event)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def parse_template_file(path: Path, region_id: str = NATIONAL) -> LetterTemplate:
    """Read a letter template file.

    The file starts with header lines ``Titel: …`` (required) and optionally
    ``Omschrijving: …`` and ``Bron: …``, then an empty line, then the letter. The id
    is the file name without ``.txt``.
    """
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n\n")
    if not sep:
        raise LetterError(f"{path.name}: de kopregels (Titel: …) en een lege regel ontbreken.")
    header: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise LetterError(f"{path.name}: kopregel ‘{line}’ heeft geen dubbele punt.")
        header[key.strip().casefold()] = value.strip()
    if not header.get("titel"):
        raise LetterError(f"{path.name}: de kopregel ‘Titel: …’ ontbreekt.")
    return LetterTemplate(
        id=path.stem,
        region_id=region_id,
        name=header["titel"],
        text=body.strip("\n") + "\n",
        description=header.get("omschrijving", ""),
        source=header.get("bron", ""),
    )


def templates_in(folder: Path, region_id: str = NATIONAL) -> list[LetterTemplate]:
    """Every ``*.txt`` template in ``folder``, sorted by file name."""
    return [parse_template_file(p, region_id) for p in sorted(folder.glob("*.txt"))]


def national_templates() -> list[LetterTemplate]:
    """The letters that ship with the desk (``resources/letters/*.txt``)."""
    from verzuimdesk.paths import resources_dir

    return templates_in(resources_dir() / "letters")


#: The ids of the national letters; a region may not reuse them.
NATIONAL_IDS: frozenset[str] = frozenset(
    {"uitnodiging-ouders", "bevestiging-afspraken", "brief-school"}
)

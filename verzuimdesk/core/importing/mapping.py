"""An import mapping: which column of a school's export is what, and how to read it.

A :class:`Mapping` is plain data (saved as JSON in the case base per school, see
:mod:`verzuimdesk.core.importing.store`). :func:`guess_mapping` proposes one from a
file's header, knowing the column names Magister, Somtoday and ParnasSys use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from verzuimdesk.core.tabular.dutch_values import normalise

#: What an import reads.
TARGETS = ("absences", "pupils", "schools")
TARGET_NAMES = {"absences": "Verzuim", "pupils": "Leerlingen", "schools": "Scholen"}

#: How the amount of an absence row is given.
UNITS = ("hours", "lessons", "minutes", "day", "times")
UNIT_NAMES = {
    "hours": "uren",
    "lessons": "lesuren (omgerekend met de lesduur)",
    "minutes": "minuten",
    "day": "hele dag per regel",
    "times": "begin- en eindtijd per les",
}
#: Lesson length when the school does not say (minutes).
DEFAULT_LESSON_MINUTES = 50

#: The roles that say who a pupil is, in absence and pupil files alike.
_PERSON_ROLES = {
    "pupil_number": "Leerlingnummer",
    "bsn": "BSN",
    "name": "Naam (volledig)",
    "first_name": "Voornaam",
    "prefix": "Tussenvoegsel",
    "last_name": "Achternaam",
    "birth_date": "Geboortedatum",
}

#: The roles a column can have, per target, with their Dutch names (wizard, report).
ROLES: dict[str, dict[str, str]] = {
    "absences": {
        **_PERSON_ROLES,
        "date": "Datum",
        "amount": "Uren / lesuren / minuten",
        "start_time": "Begintijd (les)",
        "end_time": "Eindtijd (les)",
        "kind": "Soort verzuim (reden)",
        "note": "Opmerking",
    },
    "pupils": {
        **_PERSON_ROLES,
        "school": "School (BRIN)",
        "enrolled_on": "Inschrijfdatum",
        "street": "Straat",
        "postcode": "Postcode",
        "city": "Woonplaats",
        "municipality": "Woongemeente",
        "parent_name": "Naam ouder/verzorger",
        "parent_phone": "Telefoon ouder",
        "parent_email": "E-mail ouder",
    },
    "schools": {
        "brin": "BRIN (vestiging)",
        "name": "Naam",
        "sector": "Sector (PO/VO/MBO)",
        "vacation_region": "Vakantieregio",
        "municipality": "Gemeente",
        "day_hours": "Lesuren per dag",
        "contact_name": "Contactpersoon",
        "contact_phone": "Telefoon",
        "contact_email": "E-mail",
    },
}

#: Roles an import cannot do without.
REQUIRED: dict[str, tuple[str, ...]] = {
    "absences": ("date", "kind"),
    "pupils": ("birth_date",),
    "schools": ("brin", "name"),
}

#: Column names (normalised) the school systems use, per role.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "pupil_number": (
        "leerlingnummer",
        "stamnummer",
        "llnr",
        "leerling nummer",
        "leerlingnr",
        "nummer",
        "studentnummer",
    ),
    "bsn": ("bsn", "burgerservicenummer", "sofinummer", "onderwijsnummer"),
    "name": ("naam", "leerling", "volledige naam", "naam leerling"),
    "first_name": ("voornaam", "roepnaam", "voornamen"),
    "prefix": ("tussenvoegsel", "tussenv.", "tussenvoegsels", "voorvoegsel"),
    "last_name": ("achternaam", "familienaam", "geslachtsnaam"),
    "birth_date": ("geboortedatum", "geb. datum", "geboren", "geb.datum"),
    "date": ("datum", "absentiedatum", "verzuimdatum", "dag"),
    "amount": (
        "uren",
        "aantal uren",
        "aantal lesuren",
        "lesuren",
        "minuten",
        "aantal minuten",
        "duur",
        "lesuur",
    ),
    "start_time": ("begintijd", "begin", "starttijd", "tijd van", "van", "aanvang"),
    "end_time": ("eindtijd", "einde", "eind", "tijd tot", "tot"),
    "note": ("opmerking", "opmerkingen", "toelichting", "notitie"),
    "kind": (
        "verantwoording",
        "absentiereden",
        "reden",
        "soort",
        "soort verzuim",
        "absentiesoort",
        "code",
        "afwezigheidsreden",
    ),
    "school": ("brin", "school", "vestiging", "brin vestiging", "brinnummer"),
    "enrolled_on": ("inschrijfdatum", "datum inschrijving", "ingeschreven op", "startdatum"),
    "street": ("straat", "adres", "straat en huisnummer"),
    "postcode": ("postcode",),
    "city": ("woonplaats", "plaats"),
    "municipality": ("gemeente", "woongemeente"),
    "parent_name": ("ouder", "naam ouder", "ouder/verzorger", "verzorger", "naam verzorger"),
    "parent_phone": ("telefoon ouder", "telefoon", "telefoonnummer"),
    "parent_email": ("e mail ouder", "email ouder", "e mail", "email"),
    "brin": ("brin", "brin vestiging", "brinnummer", "brin nummer"),
    "sector": ("sector", "onderwijssoort", "type"),
    "vacation_region": ("vakantieregio", "regio"),
    "day_hours": ("lesuren per dag", "uren per dag", "dagduur"),
    "contact_name": ("contactpersoon", "contact"),
    "contact_phone": ("telefoon", "telefoonnummer"),
    "contact_email": ("e mail", "email"),
}


@dataclass
class Mapping:
    """How to read one school system's export.

    :param target: ``absences``, ``pupils`` or ``schools``.
    :param columns: role (see :data:`ROLES`) -> the file's column name.
    :param unit: how ``amount`` is given (:data:`UNITS`); without an ``amount`` column
        every row of ``lessons`` is one lesson and of ``day`` one whole day.
    :param lesson_minutes: the school's lesson length, for ``lessons``.
    :param kinds: the file's values (normalised) -> a desk kind or ``negeren``.
    :param school_id: the school whose pupil numbers the file uses (None: by BSN only,
        or the ``school`` column names the school).
    :param system: ``magister``, ``somtoday``, ``parnassys`` or ``anders`` (informative).
    """

    target: str = "absences"
    columns: dict[str, str] = field(default_factory=dict)
    unit: str = "hours"
    lesson_minutes: int = DEFAULT_LESSON_MINUTES
    kinds: dict[str, str] = field(default_factory=dict)
    school_id: int | None = None
    system: str = "anders"

    def to_json(self) -> dict[str, Any]:
        """The mapping as JSON-safe values (stored in ``import_mapping.settings``)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mapping:
        """A mapping from :meth:`to_json`'s values; unknown keys are ignored."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        mapping = cls(**known)
        mapping.columns = {str(k): str(v) for k, v in dict(mapping.columns).items()}
        mapping.kinds = {normalise(str(k)): str(v) for k, v in dict(mapping.kinds).items()}
        return mapping

    def problems(self, header: list[str]) -> list[str]:
        """Dutch descriptions of what is missing for this file's header (empty: fine)."""
        out: list[str] = []
        names = ROLES[self.target]
        for role in REQUIRED[self.target]:
            if role not in self.columns:
                out.append(f"Kies de kolom voor {names[role].lower()}.")
        if self.target in ("absences",) and not ({"pupil_number", "bsn"} & set(self.columns)):
            out.append("Kies de kolom met het leerlingnummer of het BSN.")
        if (
            self.target == "absences"
            and self.unit in ("hours", "minutes")
            and ("amount" not in self.columns)
        ):
            out.append("Kies de kolom met de uren of minuten (of: lesuren, hele dag per regel).")
        if self.target == "absences" and self.unit == "times":
            for role in ("start_time", "end_time"):
                if role not in self.columns:
                    out.append(f"Kies de kolom voor {names[role].lower()}.")
        if (
            self.target == "absences"
            and self.unit == "lessons"
            and not (5 <= self.lesson_minutes <= 120)
        ):
            out.append("Een lesuur duurt tussen 5 en 120 minuten.")
        if self.target == "pupils":
            if not ({"last_name", "name"} & set(self.columns)):
                out.append("Kies de kolom met de achternaam (of de volledige naam).")
            if not ({"pupil_number", "bsn"} & set(self.columns)):
                out.append("Kies de kolom met het leerlingnummer of het BSN.")
        for role, column in self.columns.items():
            if column not in header:
                out.append(
                    f"De kolom '{column}' ({names.get(role, role)}) staat niet in het bestand."
                )
        return out


def guess_mapping(header: list[str], target: str = "absences") -> Mapping:
    """A first mapping for a file's header: columns by their names, the unit, the system."""
    mapping = Mapping(target=target)
    folded = {normalise(name): name for name in header if name}
    roles = ROLES[target]
    taken: set[str] = set()
    for role in roles:
        for synonym in SYNONYMS.get(role, ()):
            name = folded.get(normalise(synonym))
            if name is not None and name not in taken:
                mapping.columns[role] = name
                taken.add(name)
                break
    if target == "absences":
        amount = normalise(mapping.columns.get("amount", ""))
        if {"start_time", "end_time"} <= set(mapping.columns):
            # Somtoday: each lesson's start and end time give its exact length.
            mapping.unit = "times"
        elif amount == "lesuur":
            # Magister: a lesson number per row, so each row is one lesson.
            del mapping.columns["amount"]
            mapping.unit = "lessons"
        elif "lesuren" in amount:
            mapping.unit = "lessons"
        elif "minuten" in amount:
            mapping.unit = "minutes"
        elif not amount:
            mapping.unit = "day"
    mapping.system = guess_system(header)
    return mapping


def guess_system(header: list[str]) -> str:
    """Which school system a header looks like (``magister``, ``somtoday``, ``parnassys``)."""
    names = {normalise(name) for name in header}
    if "stamnummer" in names or "verantwoording" in names:
        return "magister"
    if "absentiereden" in names or "aantal lesuren" in names:
        return "somtoday"
    if "bsn" in names and ("reden" in names or "leerling" in names):
        return "parnassys"
    return "anders"

"""The region specification: the frozen dataclasses a region is described with.

A region's ladder, roles, partners, checklists, deadline rules, forms, timeline
bands, regional signals and report formats are domain vocabulary: the ladder
evaluator, the forms, the rules engine and the services read them. They live
here, in the core, so the core never imports :mod:`verzuimdesk.plugins`; the
plugin API (:mod:`verzuimdesk.plugins.api`) re-exports every name for plugin
authors together with ``hookimpl`` and the helpers.

Kinds with a fixed set of values are ``StrEnum`` s (:class:`TriggerKind`,
:class:`PartnerKind`, :class:`ChecklistKind`, :class:`DeadlineAnchor`); a member
compares equal to its plain string, so data written with strings keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Re-exported (plugin API 1.3): preconditions, form-anchored deadlines, monitoring lists.
from verzuimdesk.core.region_conditions import FIELD_ANCHOR_PREFIX, Precondition, split_ref

# Re-exported: the plugin contract names them with the rest of the region specification.
from verzuimdesk.core.rules.regional_signal import RegionalSignal as RegionalSignal
from verzuimdesk.core.rules.regional_signal import SignalContext as SignalContext
from verzuimdesk.core.rules.types import UNAUTHORISED_KINDS, AbsenceKind, Sector


@dataclass(frozen=True)
class Region:
    """A region (samenwerkingsverband / leerplicht area) served by one plugin.

    :param id: stable id, also the entry-point name (``den_haag``).
    :param name: Dutch display name.
    :param api_version: the plugin API version the plugin was written for.
    :param municipalities: municipalities the region covers.
    :param vacation_region: default school vacation region (noord/midden/zuid).
    :param sectors: the sectors the region's route covers.
    :param variants: municipality -> note on how the route differs there.
    :param week_absence_kinds: the absence kinds (:class:`AbsenceKind` values) whose hours
        make a lesweek one of continued absence: the weeks the timeline's bands, the
        case's *lesweek*, the case list and ``LESWEKEN`` triggers count (API 1.5). Empty:
        the national rule, unauthorised absence only (``ongeoorloofd``, ``luxe``;
        rules.md §2). Amstelland counts every kind of absence (seed 004).
    """

    id: str
    name: str
    api_version: str
    municipalities: tuple[str, ...] = ()
    vacation_region: str = "midden"
    sectors: tuple[Sector, ...] = (Sector.VO,)
    description: str = ""
    source: str = ""
    variants: tuple[tuple[str, str], ...] = ()
    week_absence_kinds: tuple[AbsenceKind | str, ...] = ()

    @property
    def counted_absence_kinds(self) -> frozenset[str]:
        """The kinds that count for the region's weeks (the national default when unset)."""
        kinds = self.week_absence_kinds or tuple(UNAUTHORISED_KINDS)
        return frozenset(str(kind) for kind in kinds)


@dataclass(frozen=True)
class Role:
    """A role that can be *in regie* or involved at a stage (COPA, LPA, OKA, ...).

    :param id: stable id, unique within the region (``lpa``), stored in
        ``Case.regie_role_id``.
    :param name: Dutch display name (``Leerplichtambtenaar``).
    :param organisation: the organisation the role belongs to (school, gemeente, SWV).
    :param short: abbreviation as the protocol uses it (``LPA``, ``COPA``).
    """

    id: str
    region_id: str
    name: str
    organisation: str = ""
    description: str = ""
    short: str = ""
    source: str = ""


def _coerce(enum: type[StrEnum], value: str) -> str:
    """Return ``value`` as a member of ``enum`` when it names one, else unchanged.

    Plugins may write kinds as plain strings; an unknown string is kept so that the
    plugin manager can report it in Dutch instead of the dataclass raising on import.
    """
    try:
        return enum(value)
    except ValueError:
        return value


class PartnerKind(StrEnum):
    """What kind of partner a :class:`Partner` is."""

    ORGANISATIE = "organisatie"  # an organisation (GGD, CJG)
    OVERLEG = "overleg"  # a meeting table (JES, Doorbraaktafel)
    LOKET = "loket"  # a system or desk (DUO, LISA)


@dataclass(frozen=True)
class Partner:
    """A partner organisation or meeting table of the region (JES, Doorbraaktafel, ...).

    :param kind: ``organisatie``, ``overleg`` (a meeting table) or ``loket`` (a system
        or desk such as DUO or LISA); a :class:`PartnerKind` or its string value.
    :param role_ids: the region roles that take part (for an ``overleg``) or work there.
    """

    id: str
    region_id: str
    name: str
    kind: PartnerKind = PartnerKind.ORGANISATIE
    description: str = ""
    contact: str = ""
    role_ids: tuple[str, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _coerce(PartnerKind, self.kind))


class TriggerKind(StrEnum):
    """What can move a case into a stage."""

    SIGNAL = "signal"  # a national or regional signal code occurred
    LESWEKEN = "lesweken"  # at least ``weeks`` lesweken of continued absence (ladder.weeks)
    DECISION = "decision"  # a user decision (manual move)
    CRITERION = "criterion"  # a checklist criterion is ticked (e.g. Amsterdam A/B/C)
    ANSWER = "answer"  # a form answer (``<form>.<field>``, one of ``answers``); API 1.3


@dataclass(frozen=True)
class Trigger:
    """An entry trigger of a stage.

    :param kind: the kind of trigger.
    :param value: the signal code, criterion id or decision id (empty for lesweken).
    :param weeks: the number of lesweken for ``LESWEKEN``.
    :param count: ``SIGNAL`` only: how many signals with this code must have occurred
        (Amsterdam's *aanhoudend verzuim* is the second ``duo-16h`` report).
    :param sectors: the trigger only holds for pupils of these sectors (empty: all).
        Kennemerland uses it for its different PO and VO sickness thresholds.
    :param reason: Dutch text shown with a suggested transition; when empty the
        evaluator writes one from the trigger.
    :param answers: ``ANSWER`` only: the trigger holds when the case's latest submission
        of the form holds one of these values in the field ``value`` names
        (``<form>.<field>``); empty: any non-empty value. A form answer drives the ladder:
        Amstelland's *uitgebreide* Regioloket melding suggests the investigation step.
    """

    kind: TriggerKind
    value: str = ""
    weeks: int | None = None
    count: int = 1
    sectors: tuple[Sector, ...] = ()
    reason: str = ""
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """One item of a stage's action checklist, or of a region :class:`Checklist`.

    :param id: stable id, stored in ``Case.actions_done`` (stage actions) or as a key
        of ``Case.checklists`` (checklist answers). Unique within the region.
    :param text: Dutch text of the action, criterion, risk factor or advice.
    :param role_id: the role that carries the action out, if any.
    :param required: stage actions only: False for an optional action that does not
        count as "still to do".
    """

    id: str
    text: str
    role_id: str | None = None
    required: bool = True


class ChecklistKind(StrEnum):
    """What a region :class:`Checklist` holds."""

    CRITERIA = "criteria"  # tickable conditions that can trigger a stage
    RISICOFACTOREN = "risicofactoren"  # risk factors to assess
    ADVIES = "advies"  # advice to read


@dataclass(frozen=True)
class Checklist:
    """A region checklist: criteria, risk factors or advice a user ticks for a case.

    Answers are stored in ``Case.checklists`` keyed by item id (a ticked item is
    truthy). A ``CRITERION`` trigger refers to an item id of a checklist.

    :param id: stable id (``ams-doorstroom-criteria``).
    :param kind: ``criteria`` (tickable conditions that can trigger a stage),
        ``risicofactoren`` (risk factors to assess) or ``advies`` (advice to read).
    :param stage_ids: the stages where the checklist is shown (empty: every stage).
    :param min_ticked: for ``criteria``: how many items must be ticked for the
        checklist as a whole to hold (Amsterdam: one or more of A/B/C).
    """

    id: str
    region_id: str
    name: str
    items: tuple[ChecklistItem, ...]
    kind: ChecklistKind = ChecklistKind.CRITERIA
    description: str = ""
    stage_ids: tuple[str, ...] = ()
    min_ticked: int = 1
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _coerce(ChecklistKind, self.kind))


class DeadlineAnchor(StrEnum):
    """What a :class:`DeadlineRule` counts from.

    A signal anchor names its code: ``signal:<code>``; build it with
    :func:`signal_anchor` (``DeadlineAnchor.SIGNAL`` is its prefix).
    """

    STAGE = "stage"  # entering the stage
    FIRST_ABSENCE = "first_absence"  # the first absence day of the case
    SIGNAL = "signal"  # a signal's trigger date: written ``signal:<code>``
    FIELD = "field"  # a date the user entered in a form: ``field:<form>.<field>[.<sub>]``


def signal_anchor(code: str) -> str:
    """The anchor of a deadline that counts from signal ``code``: ``signal:<code>``."""
    return f"{DeadlineAnchor.SIGNAL.value}:{code}"


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline that follows from entering a stage or from a signal.

    :param id: stable id, stored with the deadline.
    :param what: Dutch description of what must be done.
    :param role_id: the role responsible.
    :param days: calendar days after the anchor; or
    :param schooldays: schooldagen after the anchor; or
    :param weeks: lesweken after the anchor.
    :param anchor: a :class:`DeadlineAnchor`: ``stage`` (entering the stage),
        ``first_absence``, ``signal:<code>`` (see :func:`signal_anchor`) or
        ``field:<form>.<field>[.<sub>]`` (a date the user entered, see :func:`field_anchor`).
    :param recurring_days: repeat every N days: the desk shows the next due date on or
        after today. A ``stage`` deadline repeats while the case stays at the stage; a
        region-wide one while the case is open.
    :param months: calendar months after the anchor (API 1.3); or one of the above.
    :param owner_field: ``field:`` anchors on a repeated group only: the sub-field whose
        value names the owner of each row's deadline (a role id of the region, or free
        text); the deadline's role is that owner.
    :param what_field: ``field:`` anchors on a repeated group only: the sub-field whose
        text is appended to ``what`` (the agreement itself).
    """

    id: str
    region_id: str
    what: str
    role_id: str | None = None
    days: int | None = None
    schooldays: int | None = None
    weeks: int | None = None
    anchor: DeadlineAnchor | str = DeadlineAnchor.STAGE
    recurring_days: int | None = None
    source: str = ""
    months: int | None = None
    owner_field: str = ""
    what_field: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", _coerce(DeadlineAnchor, self.anchor))

    @property
    def anchor_field(self) -> tuple[str, str, str | None] | None:
        """``(form, field, sub_field)`` of a ``field:`` anchor, None for another anchor."""
        if not self.anchor.startswith(FIELD_ANCHOR_PREFIX):
            return None
        return split_ref(self.anchor.removeprefix(FIELD_ANCHOR_PREFIX))

    @property
    def anchor_signal(self) -> str | None:
        """The signal code of a ``signal:<code>`` anchor, None for another anchor."""
        prefix = f"{DeadlineAnchor.SIGNAL.value}:"
        if self.anchor.startswith(prefix) and len(self.anchor) > len(prefix):
            return self.anchor.removeprefix(prefix)
        return None


@dataclass(frozen=True)
class Outcome:
    """A final outcome of a case (e.g. a *passend aanbod* variant)."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Decision:
    """A decision taken when a case leaves a stage (Doorbraaktafel: toegekend/afgewezen).

    :param id: the value stored in ``CaseEvent.decision``.
    :param label: Dutch label.
    :param next_stages: when non-empty, the stages this decision may lead to.
    :param note_required: a written explanation (*toelichting*) is mandatory.
    """

    id: str
    label: str
    next_stages: tuple[str, ...] = ()
    note_required: bool = False
    description: str = ""


@dataclass(frozen=True)
class StageVariant:
    """How a stage differs in some municipalities (Den Haag step 3 in Rijswijk).

    Fields left at None keep the stage's own value.

    :param municipalities: the municipalities where the variant applies (matched
        case-insensitively, ignoring dashes and spaces).
    :param in_regie: the role in regie there.
    :param involved: the roles involved there (replaces the stage's list).
    :param note: Dutch explanation shown to the user.
    """

    municipalities: tuple[str, ...]
    in_regie: str | None = None
    involved: tuple[str, ...] | None = None
    note: str = ""


@dataclass(frozen=True)
class Stage:
    """One step of a region's ladder.

    :param id: stable id (``dh-05-jes``), stored in ``Case.stage_id``.
    :param number: the step number as the protocol shows it (``"10a"``).
    :param name: Dutch display name.
    :param band: id of the ``PhaseBand`` it belongs to.
    :param in_regie: role id *in regie* at this stage.
    :param involved: role ids involved.
    :param partners: partner ids involved (tables, organisations).
    :param actions: the action checklist.
    :param entry_triggers: what brings a case here (any one suffices).
    :param next_stages: ids of the stages a case may move on to (branches included).
    :param deadlines: deadline rules that start when a case enters the stage.
    :param outcomes: outcomes that can close a case at this stage.
    :param decisions: decisions a user must choose from when leaving, if any: plain
        ids or :class:`Decision` objects (with label, allowed next stages and whether a
        toelichting is required).
    :param final: True for an end stage (the case can be closed here).
    :param variants: municipality variants of who is in regie / involved.
    :param sectors: the stage only applies to pupils of these sectors (empty: all).
    :param min_age: the stage may only be entered when the pupil is at least this old
        (Kennemerland: HALT from 12).
    :param max_visits: how often a case may enter the stage (HALT: once).
    :param checklists: ids of region checklists shown at this stage.
    :param forms: ids of forms to fill in at this stage.
    :param regie_options: other roles that may hold regie here instead of ``in_regie``
        (Amsterdam's doorstroomoverleg: leerplichtambtenaar *or* gezinsmanager); the
        user picks one, stored in ``Case.regie_role_id``.
    :param preconditions: what must hold before a case may enter the stage
        (:class:`Precondition`: consent recorded, a form filled in, a form answer); unmet,
        the move is refused with the precondition's Dutch reason (API 1.3).
    """

    id: str
    number: str
    name: str
    band: str
    in_regie: str | None
    description: str = ""
    involved: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    actions: tuple[ChecklistItem, ...] = ()
    entry_triggers: tuple[Trigger, ...] = ()
    next_stages: tuple[str, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    decisions: tuple[str | Decision, ...] = ()
    final: bool = False
    source: str = ""
    variants: tuple[StageVariant, ...] = ()
    sectors: tuple[Sector, ...] = ()
    min_age: int | None = None
    max_visits: int | None = None
    checklists: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    regie_options: tuple[str, ...] = ()
    preconditions: tuple[Precondition, ...] = ()

    def decision_defs(self) -> tuple[Decision, ...]:
        """Return the stage's decisions as :class:`Decision` objects."""
        return tuple(d if isinstance(d, Decision) else Decision(d, d) for d in self.decisions)

    def variant_for(self, municipality: str | None) -> StageVariant | None:
        """Return the variant that applies in ``municipality`` (None: the default)."""
        if not municipality:
            return None
        key = normalize_municipality(municipality)
        for variant in self.variants:
            if key in {normalize_municipality(m) for m in variant.municipalities}:
                return variant
        return None


@dataclass(frozen=True)
class Ladder:
    """A region's escalation ladder: its stages and where a case starts.

    :param sector_starts: a route per sector (API 1.3): ``((Sector.PO, "stage-id"), ...)``;
        a case of a pupil whose school is of that sector starts there, any other case at
        ``start_stage``. Every stage must be reachable from one of the starts.
    """

    region_id: str
    stages: tuple[Stage, ...]
    start_stage: str
    name: str = ""
    description: str = ""
    source: str = ""
    sector_starts: tuple[tuple[Sector, str], ...] = ()

    def start_for(self, sector: str | None) -> str:
        """The start stage of a case whose school is of ``sector`` (None: ``start_stage``)."""
        for start_sector, stage_id in self.sector_starts:
            if sector is not None and str(start_sector) == str(sector):
                return stage_id
        return self.start_stage

    def stage(self, stage_id: str) -> Stage:
        """Return the stage with this id (KeyError when unknown)."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def has_stage(self, stage_id: str) -> bool:
        """True when the ladder has a stage with this id."""
        return any(stage.id == stage_id for stage in self.stages)


@dataclass(frozen=True)
class PhaseBand:
    """A band on the timeline (Den Haag: week 1–4 *Verzuim*).

    :param from_week: first leesweek of the band (1-based, counted from the first absence day);
        0 for a band before the absence starts (*Preventie*).
    :param to_week: last lesweek, or None for open-ended.
    :param color: a hex colour for the timeline.
    """

    id: str
    region_id: str
    name: str
    from_week: int
    to_week: int | None
    color: str = "#dde6f0"
    order: int = 0


#: The ``Field.prefill`` paths the desk knows how to fill from a case. The manager
#: refuses a form with another path (a typo would silently leave a field empty).
PREFILL_PATHS: frozenset[str] = frozenset(
    {
        "pupil.full_name",
        "pupil.first_name",
        "pupil.last_name",
        "pupil.birth_date",
        "pupil.bsn",
        "pupil.street",
        "pupil.postcode",
        "pupil.city",
        "pupil.parent_name",
        "pupil.parent_phone",
        "pupil.parent_email",
        "school.name",
        "school.brin",
        "school.sector",
        "school.municipality",
        "school.contact_name",
        "school.contact_phone",
        "school.contact_email",
        "case.number",
        "case.opened_on",
        "case.first_absence_on",
        "case.inspectie_category",
        "case.stage_id",
        "case.regie_role_id",
        "desk.user",
        "desk.today",
        # The signal a report form is filled in for (see ``core.forms.signal_context``):
        # opened from that signal, or the case's one unreported report signal.
        "signal.report_kind",
        "signal.datum",
        "signal.start",
        "signal.end",
        "signal.hours",
        "signal.deadline",
    }
)


class FieldType(StrEnum):
    """Field types a form can use."""

    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    BOOLEAN = "boolean"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    BSN = "bsn"
    REPEAT = "repeat"  # a repeated group of sub-fields (e.g. parties involved)


@dataclass(frozen=True)
class Field:
    """A form field.

    :param prefill: a case attribute path to pre-fill from (``pupil.birth_date``,
        ``pupil.full_name``, ``school.name``, ``case.first_absence_on``, ...).
    :param choices: (value, label) pairs for choice fields.
    :param fields: sub-fields of a ``REPEAT`` field.
    :param min_items: ``REPEAT`` only: minimum number of rows.
    :param shown_when: the id of another field of the same form (or of the same repeat
        row); this field is shown only when that one has a value (API 1.3). A hidden
        field is not required and its value is not saved.
    :param shown_values: with ``shown_when``: shown only when the other field holds one
        of these values (a choice value; ``ja`` for a ticked yes/no field).
    """

    id: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    prefill: str | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    shown_when: str = ""
    shown_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormDef:
    """A regional form, versioned so that old submissions stay readable."""

    id: str
    region_id: str
    name: str
    version: str
    fields: tuple[Field, ...]
    description: str = ""
    stage_ids: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class ReportFormat:
    """A report a region produces (quarterly list, thuiszitter overview, ...).

    :param columns: Dutch column headings; the desk fills the ones it knows (docs/plugins.md,
        "What a report can hold": ``leerling``, ``school``, ``stap``, ``16 uur``, ...).
    :param rows: what one row is: ``casussen`` (the cases open on the report date),
        ``scholen`` (per school, the quarter's signals and hours) or ``besluiten`` (the
        decisions of the quarter); empty: read from the columns.
    """

    id: str
    region_id: str
    name: str
    description: str = ""
    columns: tuple[str, ...] = field(default_factory=tuple)
    source: str = ""
    rows: str = ""


def major_minor(version: str) -> tuple[int, int]:
    """Parse ``"1.2"`` (or ``"1"``, ``"1.2.3"``) into ``(major, minor)``.

    :raises ValueError: when the version is not dotted integers.
    """
    parts = str(version).strip().split(".")
    if not parts or not all(p.isdigit() for p in parts):
        raise ValueError(f"ongeldige API-versie {version!r}")
    major = int(parts[0])
    minor = int(parts[1]) if len(parts) > 1 else 0
    return major, minor


def normalize_municipality(name: str) -> str:
    """Normalise a municipality name for comparison (``Leidschendam-Voorburg``)."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


#: The named fields a letter template may use, with what the desk fills in. A template
#: with another field is refused (by the plugin manager, in Dutch), so a typo never
#: prints an empty gap in a letter. There is deliberately no BSN field: letters leave
#: the desk. ``{vandaag}`` is today's date written out (``20 november 2024``).
LETTER_FIELDS: dict[str, str] = {
    "leerling.naam": "volledige naam van de leerling",
    "leerling.voornaam": "voornaam van de leerling",
    "leerling.achternaam": "achternaam van de leerling",
    "leerling.geboortedatum": "geboortedatum van de leerling",
    "leerling.adres": "straat en huisnummer van de leerling",
    "leerling.postcode": "postcode van de leerling",
    "leerling.woonplaats": "woonplaats van de leerling",
    "ouder.naam": "naam van de ouder(s)/verzorger(s)",
    "ouder.telefoon": "telefoonnummer van de ouder(s)",
    "ouder.email": "e-mailadres van de ouder(s)",
    "school.naam": "naam van de school",
    "school.brin": "BRIN-nummer van de school",
    "school.contactpersoon": "contactpersoon van de school",
    "school.telefoon": "telefoonnummer van de school",
    "school.email": "e-mailadres van de school",
    "school.gemeente": "gemeente van de school",
    "casus.nummer": "casusnummer",
    "casus.geopend": "datum waarop de casus is geopend",
    "casus.eerste_verzuimdag": "eerste verzuimdag",
    "casus.stap": "huidige stap van de route (nummer en naam)",
    "regie.naam": "wie de regie heeft (rol, met de naam als die bekend is)",
    "regio.naam": "naam van de regio",
    "afzender.naam": "de gebruiker die de brief maakt",
    "vandaag": "de datum van vandaag, uitgeschreven",
}


@dataclass(frozen=True)
class LetterTemplate:
    """A letter a user makes from a case: filled in, edited, printed and kept with the case.

    The desk ships national letters (an invitation to the parents, a confirmation of
    agreements, a letter to the school); a region adds its own with this dataclass.

    :param id: stable id, unique within the region and not the id of a national letter
        (``uitnodiging-ouders``, ``bevestiging-afspraken``, ``brief-school``).
    :param name: Dutch title, shown in the choice list and recorded with the case.
    :param text: the letter as plain text with named fields in braces
        (``{leerling.naam}``, ``{vandaag}``; every field is in ``LETTER_FIELDS``); write
        ``{{`` and ``}}`` for a literal brace. Nothing in it is evaluated.
    """

    id: str
    region_id: str
    name: str
    text: str
    description: str = ""
    source: str = ""


# The phone round's vocabulary (plugin API 1.4) lives in its own module; named here too so
# that the region specification is the one place the core's region vocabulary is found.
from verzuimdesk.core.round_spec import RoundSettings as RoundSettings  # noqa: E402
from verzuimdesk.core.round_spec import RoundStatus as RoundStatus  # noqa: E402
from verzuimdesk.core.round_spec import RoundStatusKind as RoundStatusKind  # noqa: E402

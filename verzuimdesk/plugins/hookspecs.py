"""The plugin contract: every hook a regional plugin can implement.

This module is the reference. Each hook is a flat ``register_*`` function that
takes no arguments and returns a list of frozen dataclasses from
:mod:`verzuimdesk.plugins.api` (datasette's style). Returning ``None`` is the
same as returning an empty list. The core collects the lists of every loaded
plugin and selects a region's data by ``region_id``, never by hook order.

A plugin implements only the hooks it needs, decorated with
:data:`verzuimdesk.plugins.api.hookimpl`::

    from verzuimdesk.plugins.api import API_VERSION, Region, hookimpl

    @hookimpl
    def register_region():
        return [Region(id="zeeland", name="Zeeland", api_version=API_VERSION)]

Everything returned is validated by the plugin manager (see
:mod:`verzuimdesk.plugins.manager`): a plugin whose data is inconsistent is
reported and left out, the rest of the desk keeps working.
"""

from __future__ import annotations

import typing

from verzuimdesk.core import region_conditions as conditions
from verzuimdesk.core import region_spec as spec
from verzuimdesk.plugins.markers import hookspec

#: The names of every hook, in the order the manager calls them.
HOOK_NAMES: tuple[str, ...] = (
    "register_region",
    "register_roles",
    "register_partners",
    "register_timeline_bands",
    "register_checklists",
    "register_forms",
    "register_deadline_rules",
    "register_ladder",
    "register_signals",
    "register_report_formats",
    "register_letter_templates",
    "register_monitoring_lists",
    "register_round_settings",
)


@hookspec
def register_region() -> list[spec.Region] | None:
    """Register the region (or regions) this plugin serves.

    A regional plugin registers exactly one :class:`~verzuimdesk.plugins.api.Region`
    whose ``id`` equals the plugin's entry-point name. ``Region.api_version`` declares
    the plugin API version the plugin was written for; the manager refuses a plugin
    whose major version differs from :data:`~verzuimdesk.plugins.api.API_VERSION`, or
    whose minor version is newer than the core's.

    An *add-on* plugin that only adds forms or checklists to an existing region
    registers no region; it declares its API version in a module attribute
    ``verzuimdesk_api_version`` instead.

    :returns: the regions, usually one.
    """


@hookspec
def register_roles() -> list[spec.Role] | None:
    """Register the roles of the region's route: who can be *in regie* or involved.

    Role ids are unique within a region (``lpa``, ``zorgcoordinator``); stages,
    partners, deadline rules and checklist items refer to them by id.

    :returns: the roles, each with ``region_id`` set.
    """


@hookspec
def register_partners() -> list[spec.Partner] | None:
    """Register partner organisations, meeting tables and systems (the partner table).

    For example Den Haag's JES and Doorbraaktafel (``kind="overleg"``), the GGD
    (``kind="organisatie"``) or DUO and LISA (``kind="loket"``). ``role_ids`` must
    refer to roles of the same region.

    :returns: the partners, each with ``region_id`` set.
    """


@hookspec
def register_timeline_bands() -> list[spec.PhaseBand] | None:
    """Register the bands painted behind a case's timeline, in lesweken.

    Den Haag: *Preventie* (week 0), *Verzuim* week 1–4, *Thuiszittersproces* week
    5–12, *Doorbraakproces* week 13 onward. Band ids are unique within a region;
    ``from_week`` must not exceed ``to_week``. Stages name their band by id.

    :returns: the bands, each with ``region_id`` set.
    """


@hookspec
def register_checklists() -> list[spec.Checklist] | None:
    """Register region checklists: criteria, risk factors and advice.

    Answers are stored with the case, keyed by item id; a stage's ``CRITERION``
    trigger refers to a checklist item id (or to a checklist id, which holds when at
    least ``min_ticked`` of its items are ticked). Item ids must be unique within the
    region, across all checklists and stage actions.

    :returns: the checklists, each with ``region_id`` set.
    """


@hookspec
def register_forms() -> list[spec.FormDef] | None:
    """Register the region's forms (DUO melding, thuiszitter report, MDO record, ...).

    ``(id, version)`` is unique within a region; register a new version instead of
    changing an old one, so that saved submissions stay readable. Field ids are
    unique within a form (and within a ``REPEAT`` group); ``CHOICE`` and
    ``MULTICHOICE`` fields need at least one choice with unique values; a ``REPEAT``
    field needs sub-fields. ``prefill`` is a dotted path such as ``pupil.full_name``
    (see :data:`verzuimdesk.plugins.api.PREFILL_PATHS`).

    :returns: the form definitions, each with ``region_id`` set.
    """


@hookspec
def register_deadline_rules() -> list[spec.DeadlineRule] | None:
    """Register region-wide deadline rules that hold at every stage of a case.

    Stage-bound deadlines belong in ``Stage.deadlines``; this hook is for rules
    anchored on a signal (``anchor="signal:duo-16h"``) or on the first absence day
    (``anchor="first_absence"``). Exactly one of ``days``, ``schooldays`` and
    ``weeks`` is set; ``role_id`` must be a role of the region.

    :returns: the rules, each with ``region_id`` set.
    """


@hookspec
def register_ladder() -> list[spec.Ladder] | None:
    """Register the region's escalation ladder: its stages and where a case starts.

    One ladder per region. Stage ids are unique; ``start_stage``, every
    ``next_stages`` entry and every decision's ``next_stages`` name an existing stage;
    ``in_regie``, ``involved``, variants' roles and action ``role_id`` name roles of
    the region; ``band`` names a timeline band; ``partners`` name partners;
    ``checklists`` and ``forms`` name registered checklists and forms. A stage
    without ``next_stages`` must be ``final`` or have ``outcomes``.

    :returns: the ladders (normally one), each with ``region_id`` set.
    """


@hookspec
def register_signals() -> list[spec.RegionalSignal] | None:
    """Register the region's own signals, computed next to the national ones.

    A :class:`~verzuimdesk.plugins.api.RegionalSignal` carries a ``compute``
    callable that receives a :class:`~verzuimdesk.plugins.api.SignalContext` (one
    pupil's records, the national signals, the school calendar) and returns a list of
    :class:`~verzuimdesk.plugins.api.Signal`. Codes must not collide with national
    codes (``duo-16h``, ``duo-lrv``, ...) or with another region's codes; ``compute``
    must be callable and must not touch the database or the network.

    :returns: the regional signals, each with ``region_id`` set.
    """


@hookspec
def register_report_formats() -> list[spec.ReportFormat] | None:
    """Register the reports the region produces (quarterly list, thuiszitter overview).

    :returns: the report formats, each with ``region_id`` set.
    """


@hookspec
def register_letter_templates() -> list[spec.LetterTemplate] | None:
    """Register the region's own letters, offered next to the national ones.

    A user makes a letter from a case (*Casus → Brief maken…*): the template's named
    fields (``{leerling.naam}``, ``{school.naam}``, ``{casus.nummer}``, ``{vandaag}``, …;
    every name is in :data:`verzuimdesk.plugins.api.LETTER_FIELDS`) are filled from the
    case, the user edits the text, prints it and keeps it with the case. Ids are unique
    within the region and differ from the national letters' ids
    (``uitnodiging-ouders``, ``bevestiging-afspraken``, ``brief-school``); a text with an
    unknown field, a stray brace or a format (``{vandaag:%d}``) is refused.

    :returns: the letter templates, each with ``region_id`` set.
    """


@hookspec
def register_monitoring_lists() -> list[conditions.MonitoringList] | None:
    """Register lists of watched pupils who have no absence records (API 1.3).

    Absolute verzuimers (B3), vrijgestelden (A2) and unenrolled 4-year-olds never get a
    signal: they have no absence records. A :class:`~verzuimdesk.plugins.api.MonitoringList`
    names the groups a region discusses (Lelystad: the SWV's quarterly list); the desk fills
    it from the pupils' enrolments, exemptions and birth dates.

    :returns: the monitoring lists, each with ``region_id`` set.
    """


@hookspec
def register_round_settings() -> list[spec.RoundSettings] | None:
    """Shape the region's quarterly phone round (*belronde*; plugin API 1.4).

    One :class:`~verzuimdesk.plugins.api.RoundSettings` per region at most: which
    inspectie categories (``categories``) and signal codes (``signal_codes``) put a pupil on
    the round, the statuses a pupil can get on the phone (``statuses``, each a
    :class:`~verzuimdesk.plugins.api.RoundStatus`), the quarter dates (``contact_before``,
    ``inspectie_by``: four ``(month, day)`` pairs, Q1 to Q4) and the ladder stages
    *terug op school* offers (``return_stages``). A region that registers nothing gets the
    national defaults (:data:`~verzuimdesk.plugins.api.NATIONAL_ROUND`). Categories must be
    inspectie categories, stage ids stages of the region's ladder, status ids unique.

    :returns: the round settings, each with ``region_id`` set.
    """


def _item_type(hook_name: str) -> type:
    """The item type of a hook's ``list[X] | None`` return annotation."""
    hint = typing.get_type_hints(globals()[hook_name])["return"]
    (list_type,) = (a for a in typing.get_args(hint) if typing.get_origin(a) is list)
    (item,) = typing.get_args(list_type)
    assert isinstance(item, type)
    return item


#: What each hook must return a list of, read from the annotations above.
HOOK_TYPES: dict[str, type] = {name: _item_type(name) for name in HOOK_NAMES}

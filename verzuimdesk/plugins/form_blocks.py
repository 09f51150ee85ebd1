"""Form building blocks every region can use: the DUO report, the pupil header, inspectie.

Each region's forms start with the same pupil fields and ask the same inspectie
category; these functions return them with one wording, so a region lists only
which fields it wants and what differs.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from verzuimdesk.core.region_spec import Field, FieldType, FormDef

#: The pupil header fields by id, in the order forms show them.
_PUPIL_FIELDS: dict[str, Field] = {
    f.id: f
    for f in (
        Field("leerling", "Naam leerling", required=True, prefill="pupil.full_name"),
        Field(
            "geboortedatum",
            "Geboortedatum",
            FieldType.DATE,
            required=True,
            prefill="pupil.birth_date",
        ),
        Field("bsn", "BSN", FieldType.BSN, prefill="pupil.bsn"),
        Field("adres", "Adres", prefill="pupil.street"),
        Field("postcode", "Postcode", FieldType.POSTCODE, prefill="pupil.postcode"),
        Field("woonplaats", "Woonplaats", prefill="pupil.city"),
        Field("school", "School", required=True, prefill="school.name"),
        Field("brin", "BRIN", prefill="school.brin"),
    )
}

#: The default header: name, birth date, BSN, postcode, place of residence and school.
PUPIL_FIELD_IDS: tuple[str, ...] = (
    "leerling",
    "geboortedatum",
    "bsn",
    "postcode",
    "woonplaats",
    "school",
)

#: The inspectie's absence categories with their Dutch labels.
INSPECTIE_CHOICES: tuple[tuple[str, str], ...] = (
    ("A1", "A1 ziek"),
    ("B1", "B1 relatief verzuim"),
    ("B2a", "B2a langdurig relatief verzuim (4 weken–3 maanden)"),
    ("B2b", "B2b langdurig relatief verzuim (> 3 maanden)"),
    ("B3", "B3 absoluut verzuim"),
    ("C", "C overig"),
)


def pupil_fields(
    *ids: str, optional: Collection[str] = (), required: Collection[str] = ()
) -> tuple[Field, ...]:
    """Return the pupil header fields ``ids`` (default :data:`PUPIL_FIELD_IDS`), pre-filled.

    Known ids: ``leerling``, ``geboortedatum``, ``bsn``, ``adres``, ``postcode``,
    ``woonplaats``, ``school``, ``brin``. ``leerling``, ``geboortedatum`` and ``school``
    are required unless named in ``optional``; ``required`` makes others required.

    :raises KeyError: for an unknown id.
    """
    out: list[Field] = []
    for field_id in ids or PUPIL_FIELD_IDS:
        f = _PUPIL_FIELDS[field_id]
        must = (f.required or field_id in required) and field_id not in optional
        out.append(f if must == f.required else _with_required(f, must))
    return tuple(out)


def _with_required(f: Field, required: bool) -> Field:
    return replace(f, required=required)


def inspectie_field(
    field_id: str = "categorie",
    label: str = "Inspectiecategorie",
    *,
    codes: Collection[str] = (),
    labels: Mapping[str, str] | None = None,
    required: bool = False,
) -> Field:
    """Return a choice field for the inspectie category, pre-filled from the case.

    :param codes: the categories to offer (default: all of :data:`INSPECTIE_CHOICES`).
    :param labels: a region's own wording for some categories (code -> label).
    """
    own = labels or {}
    choices = tuple(
        (code, own.get(code, text))
        for code, text in INSPECTIE_CHOICES
        if not codes or code in codes
    )
    return Field(
        field_id,
        label,
        FieldType.CHOICE,
        required=required,
        prefill="case.inspectie_category",
        choices=choices,
    )


def duo_melding_form(
    region_id: str,
    *,
    form_id: str = "duo-melding",
    version: str = "1",
    name: str = "Verzuimmelding DUO",
    stage_ids: tuple[str, ...] = (),
    source: str = "seed 003 §2.5 (Handreiking schoolverzuim Zuid-Kennemerland)",
) -> FormDef:
    """Return the standard DUO *verzuimmelding* form (16 uur, LRV, luxe, overig).

    A building block every region can register as is: the four report types of the
    DUO Verzuimloket, start and end date, hours, pre-filled from the case and from the
    signal it reports (``signal.*``); saving it for a signal marks that report done.
    """
    return FormDef(
        id=form_id,
        region_id=region_id,
        name=name,
        version=version,
        description="Gegevens voor een melding in het Verzuimloket van DUO.",
        stage_ids=stage_ids,
        source=source,
        fields=(
            *pupil_fields("leerling", "geboortedatum", "bsn", "postcode", "school", "brin"),
            Field(
                "soort",
                "Soort melding",
                FieldType.CHOICE,
                required=True,
                prefill="signal.report_kind",
                choices=(
                    ("16-uur", "16 uur in 4 weken"),
                    ("lrv", "Langdurig relatief verzuim"),
                    ("luxe", "Luxe verzuim"),
                    ("overig", "Overig verzuim"),
                ),
            ),
            Field(
                "startdatum",
                "Begindatum",
                FieldType.DATE,
                required=True,
                prefill="signal.start",
                help="16 uur: de dag waarop het verzuim startte; LRV: de eerste "
                "schooldag na de einddatum van de laatste 16-uursmelding.",
            ),
            Field(
                "einddatum",
                "Einddatum",
                FieldType.DATE,
                prefill="signal.end",
                help="16 uur: de dag waarop de 16 uur werd bereikt; LRV: leeg tot de "
                "leerling terugkeert of wordt uitgeschreven.",
            ),
            Field(
                "uren",
                "Aantal uren ongeoorloofd verzuim",
                FieldType.NUMBER,
                prefill="signal.hours",
            ),
            Field("toelichting", "Toelichting", FieldType.MULTILINE),
            Field(
                "contact_email", "E-mail school", FieldType.EMAIL, prefill="school.contact_email"
            ),
            Field(
                "contact_telefoon",
                "Telefoon school",
                FieldType.PHONE,
                prefill="school.contact_phone",
            ),
            Field("gemeld_door", "Gemeld door", prefill="desk.user"),
            Field("gemeld_op", "Gemeld op", FieldType.DATE, prefill="desk.today"),
        ),
    )

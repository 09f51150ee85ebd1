"""register_letter_templates: a region's own letters are validated and looked up by region."""

from __future__ import annotations

import pytest

from tests.support import fake_plugins as fakes
from verzuimdesk.plugins.api import LetterTemplate
from verzuimdesk.plugins.manager import create_plugin_manager

GOOD = LetterTemplate(
    "zl-mdo", "zeeland", "Uitnodiging MDO", "Geachte {ouder.naam},\n\nTot {vandaag}.\n"
)


def load(*templates: LetterTemplate) -> object:
    data = fakes.region_data(register_letter_templates=list(templates))
    return create_plugin_manager(
        load_entrypoints=False, plugins=[fakes.make_plugin(data=data)], strict=False
    )


def test_a_valid_letter_is_registered_for_its_region() -> None:
    registry = load(GOOD)
    assert not registry.failures  # type: ignore[attr-defined]
    assert registry.letter_templates("zeeland") == [GOOD]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("templates", "message"),
    [
        (
            [GOOD, GOOD],
            "brief ‘zl-mdo’ is dubbel geregistreerd in regio ‘zeeland’",
        ),
        (
            [LetterTemplate("zl-x", "zeeland", "X", "BSN {leerling.bsn}, {school.naam}")],
            "brief ‘zl-x’: onbekend veld {leerling.bsn} in de tekst",
        ),
        (
            [LetterTemplate("brief-school", "zeeland", "Eigen", "Geachte {school.naam}")],
            "brief ‘brief-school’ heeft de id van een landelijke brief",
        ),
        (
            [LetterTemplate("zl-y", "zeeland", "Y", "Tot {vandaag:%d}")],
            "brief ‘zl-y’: Het veld ‘vandaag:%d’ kan niet",
        ),
        (
            [LetterTemplate("zl-z", "zeeland", "Z", "Een losse { accolade")],
            "brief ‘zl-z’: De brief bevat een losse accolade",
        ),
        (
            [LetterTemplate("zl-leeg", "zeeland", " ", "")],
            "brief ‘zl-leeg’ heeft geen naam",
        ),
    ],
)
def test_an_invalid_letter_leaves_the_plugin_out_with_a_dutch_reason(
    templates: list[LetterTemplate], message: str
) -> None:
    registry = load(*templates)
    (failure,) = registry.failures  # type: ignore[attr-defined]
    assert message in failure.traceback, failure.traceback


def test_den_haag_ships_its_example_letter_and_it_fills() -> None:
    from verzuimdesk_den_haag import plugin

    from verzuimdesk.core import letters

    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin], strict=True)
    (jes,) = registry.letter_templates("den_haag")
    assert jes.id == "dh-uitnodiging-jes"
    assert letters.unknown_fields(jes.text) == []

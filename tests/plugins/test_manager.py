"""The plugin manager: discovery, safe loading, validation, failures and strict mode."""

from __future__ import annotations

import dataclasses
from typing import Any

import pluggy
import pytest

from tests.support import fake_plugins as fakes
from verzuimdesk.plugins import manager as manager_mod
from verzuimdesk.plugins.api import (
    API_VERSION,
    Checklist,
    ChecklistItem,
    DeadlineRule,
    Field,
    FieldType,
    FormDef,
    Region,
    RegionalSignal,
    Stage,
    hookimpl,
)
from verzuimdesk.plugins.manager import (
    PluginLoadError,
    RegionNotInstalled,
    UnknownItem,
    create_plugin_manager,
    distribution_name,
)

make_plugin = fakes.make_plugin
region_data = fakes.region_data
raising = fakes.raising


def load(*plugins: object, **kwargs: Any) -> Any:
    return create_plugin_manager(load_entrypoints=False, plugins=plugins, strict=False, **kwargs)


def good() -> Any:
    return make_plugin("goed", region_data("goed"))


def test_a_valid_plugin_loads_and_its_data_is_served() -> None:
    registry = load(make_plugin())
    assert [p.region_id for p in registry.loaded] == ["zeeland"]
    assert registry.failures == []
    assert registry.region("zeeland").name == "Zeeland"
    assert registry.ladder("zeeland").start_stage == "z-1"
    assert registry.role("zeeland", "lpa").name == "Leerplichtambtenaar"
    assert registry.role_name("zeeland", "mentor") == "Mentor"
    assert [b.id for b in registry.bands("zeeland")] == ["verzuim"]
    assert registry.form("zeeland", "melding").version == "1"
    assert registry.partners("zeeland") == []
    assert registry.checklists("zeeland") == []
    assert registry.deadline_rules("zeeland") == []
    assert registry.regional_signals("zeeland") == []
    assert registry.report_formats("zeeland") == []
    assert registry.plugin_for("zeeland").name == "zeeland_plugin"
    with pytest.raises(UnknownItem, match="kent de rol ‘coach’ niet"):
        registry.role("zeeland", "coach")


def test_region_not_installed_names_the_distribution() -> None:
    registry = load()
    with pytest.raises(RegionNotInstalled) as info:
        registry.ladder("noord_holland")
    assert info.value.distribution == "verzuimdesk-noord-holland"
    assert "pip install verzuimdesk-noord-holland" in str(info.value)
    assert "niet geïnstalleerd" in str(info.value)
    assert distribution_name("den_haag") == "verzuimdesk-den-haag"


def test_newest_form_version_is_default_and_old_versions_stay_readable() -> None:
    data = region_data()
    old = data["register_forms"][0]
    new = dataclasses.replace(old, version="2", name="Melding (nieuw)")
    data["register_forms"] = [old, new]
    registry = load(make_plugin(data=data))
    assert registry.form("zeeland", "melding").version == "2"
    assert registry.form("zeeland", "melding", "1").name == "Melding"
    assert [f.version for f in registry.form_versions("zeeland", "melding")] == ["1", "2"]
    assert len(registry.forms("zeeland")) == 1


# --------------------------------------------------------------------------- broken plugins


class FakeEntryPoint:
    """Stands in for an ``importlib.metadata.EntryPoint``."""

    def __init__(self, name: str, target: Any) -> None:
        self.name = name
        self._target = target

    def load(self) -> Any:
        if isinstance(self._target, Exception):
            raise self._target
        return self._target


def use_entry_points(monkeypatch: pytest.MonkeyPatch, *eps: tuple[str, Any]) -> None:
    def fake() -> Any:
        for name, target in eps:
            yield FakeEntryPoint(name, target), distribution_name(name), "0.1.0"

    monkeypatch.setattr(manager_mod, "_entry_points", fake)


def only_failure(registry: Any) -> Any:
    assert len(registry.failures) == 1, registry.failures
    return registry.failures[0]


def test_plugin_that_fails_to_import_is_reported_and_others_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_entry_points(
        monkeypatch,
        ("kapot", ModuleNotFoundError("No module named 'verzuimdesk_kapot'")),
        ("zeeland", make_plugin("zeeland_mod")),
    )
    registry = create_plugin_manager(strict=False)
    failure = only_failure(registry)
    assert failure.name == "kapot"
    assert failure.distribution == "verzuimdesk-kapot"
    assert failure.version == "0.1.0"
    assert "kan niet worden geïmporteerd" in failure.reason
    assert "ModuleNotFoundError" in failure.traceback
    assert [p.name for p in registry.loaded] == ["zeeland"]
    assert registry.loaded[0].distribution == "verzuimdesk-zeeland"
    with pytest.raises(RegionNotInstalled, match="kon niet worden geladen"):
        registry.region("kapot")


def test_plugin_raising_in_a_hook_is_left_out() -> None:
    broken = make_plugin(
        "kapot", region_data("kapot", register_roles=raising(RuntimeError("database weg")))
    )
    registry = load(broken, good())
    failure = only_failure(registry)
    assert failure.name == "kapot"
    assert "register_roles() gaf een fout: RuntimeError: database weg" in failure.reason
    assert "Traceback" in failure.traceback
    assert [p.region_id for p in registry.loaded] == ["goed"]
    assert not registry.has_region("kapot")
    # The broken plugin is unregistered: its hooks are not called any more.
    assert registry.pm.get_plugin("kapot") is None


def test_stage_pointing_to_an_unknown_role_is_invalid() -> None:
    data = region_data("kapot")
    ladder = data["register_ladder"][0]
    bad_stage = dataclasses.replace(ladder.stages[0], in_regie="regisseur", involved=("coach",))
    data["register_ladder"] = [dataclasses.replace(ladder, stages=(bad_stage, ladder.stages[1]))]
    registry = load(make_plugin("kapot", data), good())
    failure = only_failure(registry)
    assert "ongeldige registratie" in failure.reason
    assert "onbekende rol ‘regisseur’" in failure.reason
    assert "onbekende rol ‘coach’" in failure.traceback
    assert [p.region_id for p in registry.loaded] == ["goed"]


def test_wrong_api_major_version_is_refused_in_dutch_and_english() -> None:
    data = region_data("oud")
    data["register_region"] = [Region("oud", "Oud", "0.9")]
    registry = load(make_plugin("oud", data), good())
    failure = only_failure(registry)
    assert "geschreven voor plugin-API 0.9" in failure.reason
    assert "written for plugin API 0.9" in failure.reason
    assert registry.has_region("goed")


def test_newer_api_minor_version_is_refused() -> None:
    major = API_VERSION.split(".")[0]
    data = region_data("nieuw")
    data["register_region"] = [Region("nieuw", "Nieuw", f"{major}.99")]
    failure = only_failure(load(make_plugin("nieuw", data)))
    assert f"plugin-API {major}.99" in failure.reason


def test_misspelled_hook_is_reported_with_a_suggestion() -> None:
    data = region_data("typo")
    data["register_ladders"] = data.pop("register_ladder")
    registry = load(make_plugin("typo", data), good())
    failure = only_failure(registry)
    assert "onbekende hook ‘register_ladders’" in failure.reason
    assert "register_ladder" in failure.reason.replace("register_ladders", "")
    registry.check_pending()  # nothing left without a spec
    assert [p.region_id for p in registry.loaded] == ["goed"]


def test_hook_without_hookimpl_decorator_is_reported() -> None:
    plugin = make_plugin("vergeten")

    def register_partners() -> list[Any]:
        return []

    plugin.register_partners = register_partners
    failure = only_failure(load(plugin))
    assert "mist de decorator @hookimpl" in failure.reason


def test_hook_returning_the_wrong_type_is_reported() -> None:
    data = region_data("fout", register_roles=lambda: "mentor")
    failure = only_failure(load(make_plugin("fout", data)))
    assert "register_roles() moet een lijst teruggeven" in failure.reason


def test_duplicate_region_from_a_second_plugin_is_refused() -> None:
    registry = load(make_plugin("eerste"), make_plugin("tweede"))
    failure = only_failure(registry)
    assert failure.name == "tweede"
    assert "regio ‘zeeland’ is al geregistreerd" in failure.reason
    assert registry.plugin_for("zeeland").name == "eerste"


def test_region_without_ladder_or_api_version_is_invalid() -> None:
    data = region_data("leeg")
    del data["register_ladder"]
    assert "registreert geen ladder" in only_failure(load(make_plugin("leeg", data))).reason
    no_region = {k: v for k, v in region_data().items() if k == "register_roles"}
    assert "geen API-versie" in only_failure(load(make_plugin("anoniem", no_region))).reason


def test_entry_point_name_must_equal_region_id(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch, ("zeeuws", make_plugin("m")))
    failure = only_failure(create_plugin_manager(strict=False))
    assert "moet gelijk zijn aan de regio-id" in failure.reason


def test_allow_list_limits_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(manager_mod.ALLOW_ENV, "goed")
    calls = []

    def fake_entry_points(group: str) -> list[Any]:
        calls.append(group)
        return []

    monkeypatch.setattr(manager_mod.metadata, "entry_points", fake_entry_points)
    assert list(manager_mod._entry_points()) == []
    assert calls == ["verzuimdesk"]


def test_strict_mode_from_environment_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERZUIMDESK_STRICT_PLUGINS", "1")
    broken = make_plugin("kapot", region_data("kapot", register_roles=raising(KeyError("x"))))
    with pytest.raises(PluginLoadError) as info:
        create_plugin_manager(load_entrypoints=False, plugins=[broken])
    assert info.value.failure.name == "kapot"
    monkeypatch.setenv("VERZUIMDESK_STRICT_PLUGINS", "0")
    assert create_plugin_manager(load_entrypoints=False, plugins=[broken]).failures


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (Field("keuze", "Keuze", FieldType.CHOICE), "keuzeveld heeft keuzes nodig"),
        (
            Field("keuze", "Keuze", FieldType.CHOICE, choices=(("a", "A"), ("a", "B"))),
            "keuzes zijn niet uniek",
        ),
        (Field("groep", "Groep", FieldType.REPEAT), "herhaalgroep heeft subvelden nodig"),
        (Field("naam", "Naam", prefill="pupil.schoenmaat"), "onbekend prefill-pad"),
        (Field("Naam Leerling", "Naam"), "veld-id"),
        (Field("tekst", "Tekst", fields=(Field("x", "X"),)), "alleen een herhaalgroep"),
    ],
)
def test_invalid_form_fields_are_refused(field: Field, message: str) -> None:
    data = region_data()
    data["register_forms"] = [FormDef("f", "zeeland", "F", "1", (field,))]
    assert message in only_failure(load(make_plugin(data=data))).traceback


def test_duplicate_field_ids_and_deadline_rule_roles_are_checked() -> None:
    data = region_data()
    data["register_forms"] = [
        FormDef("f", "zeeland", "F", "1", (Field("a", "A"), Field("a", "A2")))
    ]
    data["register_deadline_rules"] = [
        DeadlineRule("r", "zeeland", "Bellen", role_id="onbekend", days=1),
        DeadlineRule("r2", "zeeland", "Mailen", role_id="mentor", days=1, schooldays=2),
    ]
    details = only_failure(load(make_plugin(data=data))).traceback
    assert "veld ‘a’ komt dubbel voor" in details
    assert "termijnregel ‘r’ verwijst naar onbekende rol ‘onbekend’" in details
    assert "precies één van days, schooldays of weeks" in details


def test_ladder_references_are_checked() -> None:
    data = region_data()
    ladder = data["register_ladder"][0]
    first = dataclasses.replace(
        ladder.stages[0],
        band="nergens",
        next_stages=("z-2", "z-9"),
        checklists=("geen",),
        forms=("geen-formulier",),
    )
    orphan = Stage("z-3", "3", "Wees", "verzuim", None)
    data["register_ladder"] = [
        dataclasses.replace(ladder, stages=(first, ladder.stages[1], orphan), start_stage="z-0")
    ]
    details = only_failure(load(make_plugin(data=data))).traceback
    for expected in (
        "onbekende tijdlijnband ‘nergens’",
        "onbekende volgende stap ‘z-9’",
        "startstap ‘z-0’ bestaat niet",
        "onbekende checklist ‘geen’",
        "onbekend formulier ‘geen-formulier’",
        "stap ‘z-3’ is een doodlopende stap",
    ):
        assert expected in details


def test_unreachable_stage_and_national_signal_code_are_refused() -> None:
    data = region_data()
    ladder = data["register_ladder"][0]
    island = Stage("z-4", "4", "Eiland", "verzuim", None, final=True)
    data["register_ladder"] = [dataclasses.replace(ladder, stages=(*ladder.stages, island))]
    data["register_signals"] = [RegionalSignal("duo-16h", "zeeland", "Dubbel", compute=list)]
    details = only_failure(load(make_plugin(data=data))).traceback
    assert "stap ‘z-4’ is vanaf de startstap niet bereikbaar" in details
    assert "signaalcode ‘duo-16h’ is een landelijke code" in details


def test_add_on_plugin_extends_an_existing_region() -> None:
    checklist = Checklist(
        "extra", "zeeland", "Extra", (ChecklistItem("x1", "Iets"),), kind="advies"
    )
    add_on = make_plugin(
        "zeeland_extra",
        {"register_checklists": [checklist]},
        verzuimdesk_api_version=API_VERSION,
    )
    registry = load(add_on, make_plugin())  # order does not matter
    assert registry.failures == []
    assert [c.id for c in registry.checklists("zeeland")] == ["extra"]
    assert {p.region_id for p in registry.loaded} == {"zeeland", None}


def test_add_on_for_a_missing_region_fails() -> None:
    checklist = Checklist("extra", "elders", "Extra", (ChecklistItem("x1", "Iets"),))
    add_on = make_plugin(
        "extra", {"register_checklists": [checklist]}, verzuimdesk_api_version=API_VERSION
    )
    assert "onbekende regio ‘elders’" in only_failure(load(add_on)).reason


def test_class_based_plugin_and_pluggy_hook_relay() -> None:
    class Plugin:
        @staticmethod
        @hookimpl
        def register_region() -> list[Region]:
            return region_data("klasse")["register_region"]

    for hook, items in region_data("klasse").items():
        if hook != "register_region":
            setattr(Plugin, hook, staticmethod(hookimpl(lambda items=items: list(items))))
    registry = load(Plugin)
    assert registry.failures == []
    assert registry.hook.register_region()[0][0].id == "klasse"
    with pytest.raises(pluggy.PluginValidationError):
        registry.pm.register(make_plugin("los", {"register_ladders": []}))
        registry.check_pending()

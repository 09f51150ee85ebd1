"""``verzuimdesk plugins``: the table of installed regions with their status."""

from __future__ import annotations

import argparse
import json
from typing import Any

import pytest

from tests.support import fake_plugins as fakes
from verzuimdesk.commands import plugins as command
from verzuimdesk.plugins.manager import create_plugin_manager


def registry_with_failure() -> Any:
    broken = fakes.make_plugin(
        "kapot", fakes.region_data("kapot", register_roles=fakes.raising(ValueError("oeps")))
    )
    return create_plugin_manager(
        load_entrypoints=False, plugins=[fakes.make_plugin(), broken], strict=False
    )


def args(**kw: Any) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.configure(parser)
    ns = parser.parse_args([])
    for key, value in kw.items():
        setattr(ns, key, value)
    return ns


def test_table_lists_loaded_and_failed(capsys: pytest.CaptureFixture[str]) -> None:
    assert command.run(args(), registry=registry_with_failure()) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["regio", "distributie", "versie", "status"]
    assert out[1].split()[0] == "zeeland" and out[1].rstrip().endswith("geladen")
    assert out[2].startswith("kapot")
    assert "mislukt: register_roles() gaf een fout: ValueError: oeps" in out[2]
    assert not any("Traceback" in line for line in out)


def test_verbose_shows_traceback_and_json_is_one_object_per_plugin(
    capsys: pytest.CaptureFixture[str],
) -> None:
    command.run(args(verbose=True), registry=registry_with_failure())
    assert "Traceback" in capsys.readouterr().out
    assert command.run(args(json=True), registry=registry_with_failure()) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["regio"], r["status"]) for r in rows] == [
        ("zeeland", "geladen"),
        ("kapot", "mislukt"),
    ]
    assert rows[0]["naam"] == "Zeeland" and "traceback" not in rows[0]


def test_no_plugins_and_all_loaded_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    empty = create_plugin_manager(load_entrypoints=False)
    assert command.run(args(), registry=empty) == 0
    assert "Geen regio-plugins geïnstalleerd" in capsys.readouterr().out
    good = create_plugin_manager(load_entrypoints=False, plugins=[fakes.make_plugin()])
    assert command.run(args(), registry=good) == 0


def test_main_uses_installed_plugins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import verzuimdesk.plugins.manager as manager

    monkeypatch.setattr(
        manager,
        "create_plugin_manager",
        lambda: create_plugin_manager(load_entrypoints=False, plugins=[fakes.make_plugin()]),
    )
    assert command.main([]) == 0
    assert "zeeland" in capsys.readouterr().out


def test_strict_mode_failure_is_one_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import verzuimdesk.plugins.manager as manager

    broken = fakes.make_plugin(
        "kapot", fakes.region_data("kapot", register_roles=fakes.raising(ValueError("oeps")))
    )
    monkeypatch.setattr(
        manager,
        "create_plugin_manager",
        lambda: create_plugin_manager(load_entrypoints=False, plugins=[broken], strict=True),
    )
    assert command.main([]) == 1
    assert "Plugin 'kapot' mislukt" in capsys.readouterr().err

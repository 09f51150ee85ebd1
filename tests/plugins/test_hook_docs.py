"""Every hook is typed, documented in its docstring and in docs/plugins.md."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from verzuimdesk.plugins import hookspecs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def spec_functions() -> dict[str, object]:
    return {
        name: func
        for name, func in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(func, "verzuimdesk_spec")
    }


def test_hook_names_lists_every_spec() -> None:
    assert set(hookspecs.HOOK_NAMES) == set(spec_functions())
    assert len(hookspecs.HOOK_NAMES) == len(set(hookspecs.HOOK_NAMES))


@pytest.mark.parametrize("name", hookspecs.HOOK_NAMES)
def test_hook_has_docstring_and_return_type(name: str) -> None:
    func = spec_functions()[name]
    doc = inspect.getdoc(func) or ""
    assert len(doc) > 40, f"{name} needs a real docstring"
    assert ":returns:" in doc
    assert inspect.signature(func).return_annotation != inspect.Signature.empty


@pytest.mark.parametrize("name", hookspecs.HOOK_NAMES)
def test_hook_is_documented_in_the_plugin_guide(name: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"### `{name}`" in text, f"docs/plugins.md lacks a section for {name}"


def test_the_api_reference_in_the_guide_is_current() -> None:
    """docs/plugins.md §9 lists every dataclass field as the code has it."""
    from verzuimdesk.plugins import reference

    guide = (Path(__file__).resolve().parents[2] / "docs" / "plugins.md").read_text("utf-8")
    assert reference.current_block(guide) == reference.block(), (
        "run: python -m verzuimdesk.plugins.reference --write docs/plugins.md"
    )

"""Fixtures from verzuimdesk.testing, with this plugin as the plugin under test."""

from __future__ import annotations

import pytest
from verzuimdesk_kennemerland import plugin

from verzuimdesk.testing import case_base_factory, plugin_registry  # noqa: F401 - fixtures


@pytest.fixture
def verzuimdesk_plugins() -> list[object]:
    """The plugin under test."""
    return [plugin]

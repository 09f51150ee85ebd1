"""This plugin as the plugin under test of the fixtures of ``verzuimdesk.testing``."""

from __future__ import annotations

import pytest
from verzuimdesk_amstelland import plugin


@pytest.fixture
def verzuimdesk_plugins() -> list[object]:
    """The plugin under test."""
    return [plugin]

"""The Amstelland plugin's hook implementations: they hand out the region in :mod:`.data`."""

from __future__ import annotations

from verzuimdesk.plugins.api import region_hooks
from verzuimdesk_amstelland.data import REGION_DATA

globals().update(region_hooks(REGION_DATA))

"""The pluggy markers of the ``verzuimdesk`` project name.

Plugin authors get :data:`hookimpl` from :mod:`verzuimdesk.plugins.api`; the
hook specifications use :data:`hookspec`.
"""

from __future__ import annotations

import pluggy

#: The pluggy project name; also the entry-point group regional plugins register under.
PROJECT = "verzuimdesk"

#: Marker for hook implementations: decorate each ``register_*`` function with it.
hookimpl = pluggy.HookimplMarker(PROJECT)

#: Marker for hook specifications (used by the core only).
hookspec = pluggy.HookspecMarker(PROJECT)

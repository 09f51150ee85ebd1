"""The open desk: one case base, the region's plugin data and the current user.

Services take a :class:`Desk` so that they can reach the database, the region's
ladder/roles/forms and the user name for the audit trail, without globals.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass, field
from functools import cached_property

from verzuimdesk.core.db import DEMO_KEY, CaseBase, read_setting
from verzuimdesk.core.region_registry import RegionRegistry
from verzuimdesk.core.region_spec import Region


def current_user() -> str:
    """Return the operating-system user name, used as author in the audit trail."""
    try:
        return getpass.getuser()
    except Exception:
        return "onbekend"


@dataclass
class Desk:
    """Everything a service needs: the case base, the loaded regions and the user.

    ``registry`` is anything that looks regions up by id (:class:`RegionRegistry`); the
    application passes the plugin manager's registry.
    """

    case_base: CaseBase
    registry: RegionRegistry
    user: str = field(default_factory=current_user)
    #: A fixed "today" (screenshots, tests, a demo frozen in time); None means the real date.
    today: dt.date | None = None

    @property
    def region_id(self) -> str:
        """The id of the case base's region."""
        return self.case_base.region_id

    @cached_property
    def is_demo(self) -> bool:
        """True for a synthetic demo case base (made by ``verzuimdesk demo`` / ``--demo``)."""
        return read_setting(self.case_base, DEMO_KEY) == "ja"

    @property
    def region(self) -> Region:
        """The region's definition from its plugin."""
        return self.registry.region(self.region_id)

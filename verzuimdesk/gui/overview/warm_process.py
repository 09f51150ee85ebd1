"""The Overzicht's charts computed in a separate process, before the tab is first shown.

On a large case base reading the charts' facts costs a second or more of CPU. Done on a
thread of the desk's own process it competed with the GUI thread for the interpreter lock:
a case file opened meanwhile took 250 ms instead of 60. A process of its own runs on the
other core and hands back the finished charts (a few kilobytes, pickled). Nothing here
imports Qt at module level, so the child process starts with what it needs only.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verzuimdesk.core.reports.charts import Overview

__all__ = ["REGISTRY_FACTORY", "compute_overview", "overview_in_process"]

#: ``module:function`` that makes the regions' registry in the child process: the
#: installed plugins (the tests name their own test region's registry here).
REGISTRY_FACTORY = "verzuimdesk.plugins.manager:create_plugin_manager"


def compute_overview(
    url: str, today: dt.date | None, quarter_code: str, registry_factory: str = REGISTRY_FACTORY
) -> Overview:
    """In the child process: open the case base, compute the charts, close it again."""
    import importlib

    from verzuimdesk.core.db import open_case_base
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.reports.service import build_overview
    from verzuimdesk.core.round_spec import Quarter

    module, _, name = registry_factory.partition(":")
    registry = getattr(importlib.import_module(module), name)()
    case_base = open_case_base(url)
    try:
        desk = Desk(case_base, registry, user="overzicht", today=today)
        return build_overview(desk, Quarter.parse(quarter_code))
    finally:
        case_base.close()


def overview_in_process(url: str, today: dt.date | None, quarter_code: str) -> Overview:
    """The charts computed by :func:`compute_overview` in a fresh process (blocks until
    it is done; call it from a worker thread, which waits without holding the GIL)."""
    context = multiprocessing.get_context("spawn")  # never fork a process running Qt
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        job = pool.submit(compute_overview, url, today, quarter_code, REGISTRY_FACTORY)
        return job.result()

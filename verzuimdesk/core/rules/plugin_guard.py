"""Run a plugin's code at run time so that its failure cannot take the desk's own results along.

A regional signal's ``compute`` (today the only plugin code the core calls while
working) goes through :func:`run_regional_signal`: when it raises, or returns
something that is not a list of signals, the national signals stand, the regional
signal gives nothing for that pupil, the failure is logged once (per plugin and
signal, naming both) and recorded in :func:`failures` for the Plug-ins dialog.
"""

from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass, field

from verzuimdesk.core.rules.regional_signal import RegionalSignal, SignalContext
from verzuimdesk.core.rules.types import Signal
from verzuimdesk.core.scrub import scrub

log = logging.getLogger("verzuimdesk.plugins")


@dataclass
class RuntimeFailure:
    """A plugin's code that failed while the desk was working."""

    region_id: str
    what: str
    reason: str
    traceback: str
    count: int = 1
    pupils: set[str] = field(default_factory=set, repr=False)

    @property
    def description(self) -> str:
        """One Dutch line: which plugin code failed, how, and how often."""
        times = "1 keer" if self.count == 1 else f"{self.count} keer"
        return f"{self.what} van regio {self.region_id} faalde ({times}): {self.reason}"


_lock = threading.Lock()
_failures: dict[tuple[str, str], RuntimeFailure] = {}


def failures() -> list[RuntimeFailure]:
    """Every plugin failure at run time since the start (or :func:`clear`), oldest first."""
    with _lock:
        return list(_failures.values())


def clear() -> None:
    """Forget the recorded failures (tests; a reloaded plugin)."""
    with _lock:
        _failures.clear()


def _record(region_id: str, what: str, exc: BaseException) -> None:
    reason = scrub(f"{type(exc).__name__}: {exc}")
    key = (region_id, what)
    with _lock:
        known = _failures.get(key)
        if known is not None:
            known.count += 1
            return
        text = scrub("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        _failures[key] = RuntimeFailure(region_id, what, reason, text)
    log.error(
        "Plug-in-fout: %s van regio %s faalde (%s); de landelijke signalen blijven staan. "
        "Volgende fouten van dit signaal worden niet opnieuw gelogd.",
        what,
        region_id,
        reason,
    )


def run_regional_signal(signal: RegionalSignal, context: SignalContext) -> list[Signal]:
    """The signals ``signal`` computes for one pupil; ``[]`` when its code fails."""
    what = f"regionaal signaal {signal.code}"
    try:
        result = list(signal.compute(context))
        bad = next((item for item in result if not isinstance(item, Signal)), None)
        if bad is not None:
            raise TypeError(f"gaf een {type(bad).__name__} terug in plaats van een Signal")
    except Exception as exc:
        _record(signal.region_id, what, exc)
        return []
    return result

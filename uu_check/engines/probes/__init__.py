"""Page probes: what a rule can only learn by doing something to the rendered page.

Reading the DOM tells us what a page says; some barriers only show when the page is used:
a keyboard trap shows when Tab is pressed, clipped text shows when the page is zoomed, a
video's sound shows when it plays. A probe does that one thing in the real browser and
returns plain data (keyed by the `data-uu-i` numbers of snapshot.js) that our rules read
from `HtmlDocument.probes[name]`.

Probes run after axe-core, the style snapshot and the DOM serialisation, so whatever they do
to the page (focus moves, a resized window, media played) never changes what the other rules
see. Each probe serves named rules and runs only when one of them is enabled; a probe that
fails or takes too long is left out with a note, and its rules fall back to what the markup
shows (usually a needs-review finding instead of a decided one).

Add a probe: a module in this package with an `@probe("name", rules=(...))` async function
`(page, options) -> dict`, imported at the bottom of this file.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from uu_check.options import ScanOptions

log = logging.getLogger(__name__)

ProbeFunction = Callable[[Any, ScanOptions], Awaitable[dict[str, Any]]]

#: Seconds one probe may take on one page before it is abandoned.
PROBE_TIMEOUT = 8.0


@dataclass(frozen=True)
class Probe:
    name: str
    rules: tuple[str, ...]
    run: ProbeFunction
    #: JavaScript added to every page before it loads (Playwright's add_init_script), for a
    #: probe that must watch the page from the start instead of waiting once it is checked.
    init_script: str | None = None


PROBES: dict[str, Probe] = {}


def probe(name: str, *, rules: tuple[str, ...],
          init_script: str | None = None) -> Callable[[ProbeFunction], ProbeFunction]:
    """Register a probe that serves the given rule ids."""

    def register(function: ProbeFunction) -> ProbeFunction:
        PROBES[name] = Probe(name=name, rules=rules, run=function, init_script=init_script)
        return function

    return register


def _wanted(item: Probe, options: ScanOptions) -> bool:
    rule_filter = options.rule_filter
    return any(rule_filter.allows_id(rule) for rule in item.rules)


def init_scripts(options: ScanOptions) -> list[str]:
    """The scripts the wanted probes need installed in a page before it loads."""
    return [item.init_script for item in PROBES.values() if item.init_script and _wanted(item, options)]


async def run_probes(page: Any, options: ScanOptions, notes: list[str]) -> dict[str, Any]:
    """Run every wanted probe on the page, one after the other (they act on the same page)."""
    results: dict[str, Any] = {}
    for item in PROBES.values():
        if not _wanted(item, options):
            continue
        try:
            results[item.name] = await asyncio.wait_for(item.run(page, options), timeout=PROBE_TIMEOUT)
        except asyncio.TimeoutError:
            notes.append(f"the {item.name} probe timed out; its rules judged from the markup only")
        except Exception as exc:  # noqa: BLE001 - a probe must never cost the page its other results
            message = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
            if "crash" in message.lower() or "closed" in message.lower():
                raise
            log.debug("probe %s failed: %s", item.name, message)
            notes.append(f"the {item.name} probe failed ({message}); its rules judged from the markup only")
    return results


# Probe modules register themselves on import.
from uu_check.engines.probes import zoom as _zoom  # noqa: E402,F401
from uu_check.engines.probes import keyboard as _keyboard  # noqa: E402,F401
from uu_check.engines.probes import media as _media  # noqa: E402,F401
from uu_check.engines.probes import contrast as _contrast  # noqa: E402,F401
from uu_check.engines.probes import text_changes as _text_changes  # noqa: E402,F401
from uu_check.engines.probes import canvas_text as _canvas_text  # noqa: E402,F401

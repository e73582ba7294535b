"""Text-changes probe: which text on the page keeps changing by itself (WCAG 2.2.2).

A ticking counter, a rotating quote or a live score updates with no one touching the page; the
markup only shows its first value. The probe watches the rendered page with a MutationObserver
and reports the elements whose text took several different values, the last of them more than
five seconds after the page started loading (2.2.2 applies to changes that last over 5 s).

Cheap where nothing moves: a script installed before the page loads records every text change
from `load` on, so by the time the page is checked most of the watching is already done. Only
when some text is still moving (changed twice, or within the last RECENT_MS) is the page watched
on, until FULL_NOW_MS after navigation start (at most CAP_MS). A page without scripts cannot
change its text and costs one evaluate.
"""

from __future__ import annotations

from typing import Any

from uu_check.engines.probes import probe
from uu_check.options import ScanOptions

#: The decision is taken no earlier than this long after load: a ticker of once a second has
#: changed by then. Real pages are usually checked later than that anyway, so it costs nothing.
QUICK_MS = 1100
#: Something changed within this time before the decision: keep watching.
RECENT_MS = 1500
FULL_NOW_MS = 6200
CAP_MS = 6000
#: Distinct new text values an element must show to count as changing by itself: a part of the
#: page still loading shows two ("50 %", then its content); a ticker keeps going.
MIN_VALUES = 3

#: Installed before the page loads; from `load` on it records, per element, the texts it takes.
#: Text filled in while the page loads is not a change; a page that re-renders thousands of
#: elements is capped at 500 watched elements.
RECORD_JS = r"""
(() => {
  const log = new Map();
  Object.defineProperty(window, '__uuTextChanges', {value: log, enumerable: false});
  const start = () => {
    const observer = new MutationObserver((records) => {
      // A batch of hundreds of changes is a part of the page being (re)built, not a ticker;
      // skipping it keeps heavy script-built LMS pages from paying for every node.
      if (records.length > 200) return;
      const now = performance.now();
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (!el || el === document.body || el === document.documentElement) continue;
        if (el.childElementCount > 20) continue;  // a container, not the changing text itself
        if (log.size >= 500 && !log.has(el)) continue;
        if (el.closest('script, style, template, noscript')) continue;
        const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 300);
        let entry = log.get(el);
        if (!entry) { entry = {values: new Set(), last: 0, previous: null}; log.set(el, entry); }
        if (text === entry.previous) continue;
        entry.previous = text;
        entry.values.add(text);
        entry.last = now;
      }
    });
    observer.observe(document.body || document.documentElement, {subtree: true, characterData: true, childList: true});
  };
  if (document.readyState === 'complete') start(); else addEventListener('load', start, {once: true});
})();
"""

WATCH_JS = r"""
async ({quickMs, recentMs, fullNowMs, capMs, minValues}) => {
  const log = window.__uuTextChanges;
  if (!log || !document.body || document.scripts.length === 0) return {changing: [], watched: 0};
  const started = performance.now();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const loaded = performance.timing.loadEventEnd - performance.timing.navigationStart;
  if (loaded > 0 && performance.now() < loaded + quickMs) await sleep(loaded + quickMs - performance.now());
  const now = performance.now();
  const moving = [...log.values()].some((e) => e.values.size >= 2 || now - e.last < recentMs);
  if (moving) {
    const wait = Math.min(capMs, fullNowMs - performance.now());
    if (wait > 0) await sleep(wait);
  }
  const numbered = (node) => {
    let el = node;
    while (el && !el.hasAttribute('data-uu-i')) el = el.parentElement;
    return el;
  };
  const changing = [];
  const reported = new Set();
  for (const [node, entry] of log) {
    const el = numbered(node);
    if (!el || reported.has(el) || el === document.body || el === document.documentElement) continue;
    if (entry.values.size >= minValues && entry.last > 5000) {
      reported.add(el);
      changing.push({i: Number(el.getAttribute('data-uu-i')), values: entry.values.size,
                     last: Math.round(entry.last)});
    }
  }
  return {changing, watched: Math.round(performance.now() - started)};
}
"""


@probe("text_changes", rules=("html-text-auto-update",), init_script=RECORD_JS)
async def text_changes(page: Any, options: ScanOptions) -> dict[str, Any]:
    """{changing: [{i: data-uu-i, values: distinct new texts, last: ms after navigation}]}."""
    return await page.evaluate(WATCH_JS, {"quickMs": QUICK_MS, "recentMs": RECENT_MS, "fullNowMs": FULL_NOW_MS,
                                          "capMs": CAP_MS, "minValues": MIN_VALUES})

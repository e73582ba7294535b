"""Text-changes probe: which text on the page keeps changing by itself (WCAG 2.2.2).

A ticking counter, a rotating quote or a live score updates with no one touching the page; the
markup only shows its first value. The probe watches the rendered page with a MutationObserver
and reports the elements whose text took several different values, the last of them more than
five seconds after the page started loading (2.2.2 applies to changes that last over 5 s).

Bounded and cheap where nothing moves: a page without scripts cannot change its text, so it
costs one evaluate; a page with scripts is watched for QUICK_MS, and only if some text changed
in that time is it watched on, until FULL_NOW_MS after navigation start (at most CAP_MS).
"""

from __future__ import annotations

from typing import Any

from uu_check.engines.probes import probe
from uu_check.options import ScanOptions

QUICK_MS = 1100
FULL_NOW_MS = 6200
CAP_MS = 6000
#: Distinct new text values an element must show to count as changing by itself: a part of the
#: page still loading shows two ("50 %", then its content); a ticker keeps going.
MIN_VALUES = 3

WATCH_JS = r"""
async ({quickMs, fullNowMs, capMs, minValues}) => {
  if (!document.body || document.scripts.length === 0) return {changing: [], watched: 0};
  const seen = new Map();
  const started = performance.now();
  const indexOf = (node) => {
    let el = node && node.nodeType === 1 ? node : node && node.parentElement;
    while (el && !el.hasAttribute('data-uu-i')) el = el.parentElement;
    return el;
  };
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const el = indexOf(r.target);
      if (!el || el === document.body || el === document.documentElement) continue;
      if (el.closest('script, style, template, noscript')) continue;
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 300);
      let entry = seen.get(el);
      if (!entry) { entry = {values: new Set(), last: 0, previous: null}; seen.set(el, entry); }
      if (text === entry.previous) continue;
      entry.previous = text;
      entry.values.add(text);
      entry.last = now;
    }
  });
  observer.observe(document.body, {subtree: true, characterData: true, childList: true});
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(quickMs);
  if (seen.size > 0) {
    const wait = Math.min(capMs - quickMs, Math.max(fullNowMs - performance.now(), 2 * quickMs));
    if (wait > 0) await sleep(wait);
  }
  observer.disconnect();
  const changing = [];
  for (const [el, entry] of seen) {
    if (entry.values.size >= minValues && entry.last > 5000) {
      changing.push({i: Number(el.getAttribute('data-uu-i')), values: entry.values.size,
                     last: Math.round(entry.last)});
    }
  }
  return {changing, watched: Math.round(performance.now() - started)};
}
"""


@probe("text_changes", rules=("html-text-auto-update",))
async def text_changes(page: Any, options: ScanOptions) -> dict[str, Any]:
    """{changing: [{i: data-uu-i, values: distinct new texts, last: ms after navigation}]}."""
    return await page.evaluate(WATCH_JS, {"quickMs": QUICK_MS, "fullNowMs": FULL_NOW_MS, "capMs": CAP_MS,
                                          "minValues": MIN_VALUES})

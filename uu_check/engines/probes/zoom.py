"""Zoom probe: which text is cut off by CSS overflow when the page is zoomed to 200 %.

Browser zoom at 200 % lays the page out in a window half as wide and half as high (in CSS
pixels): text wraps into more lines, `vh`/`vw` lengths and media queries change, but boxes
sized in `px` do not grow. So the probe measures, at the normal window size and at half of
it, which elements with `overflow: hidden` or `clip` cut off their own text, and reports the
ones that only cut it off when zoomed (text already cut at 100 % is a different problem, and
often deliberate: a teaser line with a link to the full text).
"""

from __future__ import annotations

from typing import Any

from uu_check.engines.probes import probe
from uu_check.options import ScanOptions

#: Elements (by data-uu-i) whose overflow clips text that they contain: {index: "x" | "y" | "xy"}.
#: A box of 2 px or less is the visually-hidden pattern for screen-reader text, not a clip.
CLIPPED_TEXT_JS = r"""
() => {
  const out = {};
  const clips = (v) => v === 'hidden' || v === 'clip';
  for (const el of document.querySelectorAll('[data-uu-i]')) {
    const cs = getComputedStyle(el);
    const cx = clips(cs.overflowX), cy = clips(cs.overflowY);
    if (!cx && !cy) continue;
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    if (el.clientWidth <= 2 || el.clientHeight <= 2) continue;
    if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) continue;
    const box = el.getBoundingClientRect();
    const left = box.left + el.clientLeft, top = box.top + el.clientTop;
    const right = left + el.clientWidth, bottom = top + el.clientHeight;
    let axes = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && axes.length < 2; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('[aria-hidden="true"]')) continue;
      const pcs = getComputedStyle(parent);
      if (pcs.visibility === 'hidden') continue;
      // only text whose nearest clipping box is this element
      let clipper = parent;
      while (clipper && clipper !== el) {
        const c = getComputedStyle(clipper);
        if (c.overflowX !== 'visible' || c.overflowY !== 'visible') break;
        clipper = clipper.parentElement;
      }
      if (clipper !== el) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        if (cx && !axes.includes('x') && (r.right > right + 1 || r.left < left - 1)) axes += 'x';
        if (cy && !axes.includes('y') && (r.bottom > bottom + 1 || r.top < top - 1)) axes += 'y';
      }
    }
    // A box exactly N lines high (line-height in px, or -webkit-line-clamp) shows whole lines
    // on purpose: a teaser, not text cut in half.
    const lh = parseFloat(cs.lineHeight);
    const lines = lh > 0 ? el.clientHeight / lh : 0;
    const clamp = (cs.webkitLineClamp && cs.webkitLineClamp !== 'none') ||
      (lines >= 0.95 && Math.abs(lines - Math.round(lines)) * lh <= 1);
    if (axes) out[el.getAttribute('data-uu-i')] = {axes, ellipsis: cs.textOverflow === 'ellipsis', clamp: !!clamp};
  }
  return out;
}
"""


@probe("zoom", rules=("html-text-clipped-zoom",))
async def zoom_probe(page: Any, options: ScanOptions) -> dict[str, Any]:
    """{"clipped": {index: {"axes": "x"|"y"|"xy", "ellipsis": bool, "clamp": bool}}}: text cut off only at 200 %."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    before = await page.evaluate(CLIPPED_TEXT_JS)
    await page.set_viewport_size({"width": max(160, size["width"] // 2), "height": max(120, size["height"] // 2)})
    try:
        await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        after = await page.evaluate(CLIPPED_TEXT_JS)
    finally:
        await page.set_viewport_size(size)
    clipped = {int(index): value for index, value in after.items() if index not in before}
    return {"clipped": clipped}

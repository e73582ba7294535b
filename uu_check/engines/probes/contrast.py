"""Contrast probe: text on background images, measured on the pixels the browser painted.

axe-core cannot compute contrast for text on a photo, a pattern or a partly transparent
gradient and asks for manual review; course banners with text on a photo are common. The
probe takes those texts (a background image on the element or on the boxes behind it up to
the first solid background colour), photographs the area behind each character with all
text made transparent, and computes, per character, the best contrast the text colour
reaches against any background pixel behind it (the ACT "highest possible contrast"). A
character whose best is still under the WCAG minimum is unreadable wherever you look.
"""

from __future__ import annotations

import io
from typing import Any

from uu_check.engines.probes import probe
from uu_check.options import ScanOptions

#: At most this many text boxes per page, and characters per box.
MAX_ELEMENTS = 25
MAX_CHARS = 160

CANDIDATES_JS = r"""
([maxElements, maxChars]) => {
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const out = [];
  for (const el of document.querySelectorAll('[data-uu-i]')) {
    if (out.length >= maxElements) break;
    const texts = [...el.childNodes].filter(n => n.nodeType === 3 && n.data.trim());
    if (!texts.length) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || cs.display === 'none' || cs.textShadow !== 'none') continue;
    if (el.closest('[aria-hidden="true"], :disabled, [aria-disabled="true"]')) continue;
    // the boxes behind the text, up to the first solid background colour
    let image = false, node = el;
    while (node && node.nodeType === 1) {
      const ns = getComputedStyle(node);
      if (parseFloat(ns.opacity) < 1) { image = false; break; }
      if (ns.backgroundImage !== 'none') { image = true; break; }
      const bg = parse(ns.backgroundColor);
      if (bg && bg[3] >= 1) break;
      node = node.parentElement;
    }
    if (!image) continue;
    const color = parse(cs.color);
    if (!color || color[3] === 0) continue;
    const size = parseFloat(cs.fontSize) || 16, weight = parseInt(cs.fontWeight, 10) || 400;
    const chars = [];
    const range = document.createRange();
    for (const t of texts) {
      for (let i = 0; i < t.data.length && chars.length < maxChars; i++) {
        if (!t.data[i].trim()) continue;
        range.setStart(t, i); range.setEnd(t, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        chars.push([t.data[i], r.left + scrollX, r.top + scrollY, r.width, r.height]);
      }
    }
    if (chars.length) out.push({i: el.getAttribute('data-uu-i'), color, large: size >= 24 || (weight >= 700 && size >= 18.66), chars});
  }
  return out;
}
"""

HIDE_TEXT_CSS = ("*, *::before, *::after { color: transparent !important; -webkit-text-fill-color: transparent !important;"
                 " text-shadow: none !important; text-decoration-color: transparent !important;"
                 " caret-color: transparent !important; }")


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(v) for v in range(256)]


def _luminance(r: float, g: float, b: float) -> float:
    return 0.2126 * _LINEAR[round(r)] + 0.7152 * _LINEAR[round(g)] + 0.0722 * _LINEAR[round(b)]


def _ratio(a: float, b: float) -> float:
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def best_contrast(color: list[float], rgb_bytes: bytes) -> float:
    """The highest contrast the text colour (alpha blended on each pixel) reaches on any pixel
    of a block of packed RGB bytes."""
    r, g, b, alpha = color
    best = 1.0
    for rgb in {rgb_bytes[i:i + 3] for i in range(0, len(rgb_bytes) - 2, 3)}:
        front = (r * alpha + rgb[0] * (1 - alpha), g * alpha + rgb[1] * (1 - alpha), b * alpha + rgb[2] * (1 - alpha))
        best = max(best, _ratio(_luminance(*front), _luminance(*rgb)))
    return best


@probe("contrast", rules=("html-contrast-image",))
async def contrast_probe(page: Any, options: ScanOptions) -> dict[str, Any]:
    """{"texts": {index: {"worst": ratio, "char": c, "required": 4.5|3.0}}} for text on images."""
    from PIL import Image

    candidates = await page.evaluate(CANDIDATES_JS, [MAX_ELEMENTS, MAX_CHARS])
    if not candidates:
        return {"texts": {}}
    style = await page.add_style_tag(content=HIDE_TEXT_CSS)
    results: dict[int, dict[str, Any]] = {}
    try:
        for candidate in candidates:
            chars = candidate["chars"]
            left = max(0, min(c[1] for c in chars))
            top = max(0, min(c[2] for c in chars))
            right = max(c[1] + c[3] for c in chars)
            bottom = max(c[2] + c[4] for c in chars)
            clip = {"x": left, "y": top, "width": max(1, right - left), "height": max(1, bottom - top)}
            png = await page.screenshot(clip=clip, full_page=True, type="png", animations="disabled")
            image = Image.open(io.BytesIO(png)).convert("RGB")
            scale_x = image.width / clip["width"]
            scale_y = image.height / clip["height"]
            worst, worst_char = 21.0, ""
            for char, x, y, width, height in chars:
                box = (int((x - left) * scale_x), int((y - top) * scale_y),
                       max(int((x - left + width) * scale_x), int((x - left) * scale_x) + 1),
                       max(int((y - top + height) * scale_y), int((y - top) * scale_y) + 1))
                pixels = image.crop(box).tobytes()
                if not pixels:
                    continue
                best = best_contrast(candidate["color"], pixels)
                if best < worst:
                    worst, worst_char = best, char
            results[int(candidate["i"])] = {"worst": round(worst, 2), "char": worst_char,
                                            "required": 3.0 if candidate["large"] else 4.5}
    finally:
        await style.evaluate("node => node.remove()")
    return {"texts": results}

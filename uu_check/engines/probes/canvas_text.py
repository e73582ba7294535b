"""Canvas-text probe: which <canvas> elements had words drawn on them (WCAG 1.1.1).

A canvas is a picture made by a script; the markup shows an empty <canvas>. When the script
writes text on it (a chart's labels, a title, a game's score), the canvas carries information,
and a screen reader gets none of it without a name or fallback content. A script installed
before the page loads wraps the 2D context's fillText/strokeText and remembers, per canvas,
the first words drawn; the probe reports them by data-uu-i.
"""

from __future__ import annotations

from typing import Any

from uu_check.engines.probes import probe
from uu_check.options import ScanOptions

RECORD_JS = r"""
(() => {
  if (typeof CanvasRenderingContext2D === 'undefined') return;
  const drawn = new Map();
  Object.defineProperty(window, '__uuCanvasText', {value: drawn, enumerable: false});
  for (const name of ['fillText', 'strokeText']) {
    const original = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (text, ...rest) {
      try {
        const canvas = this.canvas;
        if (canvas && /[\p{L}\p{N}]/u.test(String(text))) {
          const seen = drawn.get(canvas) || '';
          if (seen.length < 200) drawn.set(canvas, (seen + ' ' + String(text)).trim().slice(0, 200));
        }
      } catch (e) { /* never break the page's drawing */ }
      return original.call(this, text, ...rest);
    };
  }
})();
"""

REPORT_JS = r"""
() => {
  const drawn = window.__uuCanvasText;
  if (!drawn) return {canvases: []};
  const canvases = [];
  for (const [canvas, text] of drawn) {
    if (!canvas.isConnected || !canvas.hasAttribute('data-uu-i')) continue;
    canvases.push({i: Number(canvas.getAttribute('data-uu-i')), text});
  }
  return {canvases};
}
"""


@probe("canvas_text", rules=("html-canvas-text-no-alt",), init_script=RECORD_JS)
async def canvas_text(page: Any, options: ScanOptions) -> dict[str, Any]:
    """{canvases: [{i: data-uu-i, text: the first words drawn}]}."""
    return await page.evaluate(REPORT_JS)

"""ACT 59br37 (WCAG 1.4.4 Resize Text): text cut off by CSS overflow when the page is zoomed.

People with low vision zoom to 200 % or more. A box with a fixed height or width and
`overflow: hidden` that holds its text at 100 % can cut off lines or words at 200 %: the text
is simply gone for them. The zoom probe (engines/probes/zoom.py) lays the live page out as a
200 % zoom would and reports the boxes that clip text only then; this rule turns that into
findings. Horizontal clipping that ends in an ellipsis ("…"), and a box exactly N whole lines
high (a teaser, line clamp), are cut on purpose and the full text may be one click away, so they
are left for review. Needs the browser: static mode cannot lay
out a page.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.html_model import INDEX_ATTR, HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("html-text-clipped-zoom", engine="html", needs_render=True)
def text_clipped_zoom(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    clipped = (doc.probes.get("zoom") or {}).get("clipped") or {}
    if not clipped:
        return
    for element in doc.body.find_all(attrs={INDEX_ATTR: True}):
        try:
            found = clipped.get(int(element[INDEX_ATTR]))
        except (TypeError, ValueError):
            continue
        if not found:
            continue
        axes = str(found.get("axes", ""))
        text = visible_text(element)
        excerpt = text if len(text) <= 60 else text[:59] + "…"
        location = Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))
        direction = "vertical" if "y" in axes else "horizontal"
        if ("y" not in axes and found.get("ellipsis")) or ("x" not in axes and found.get("clamp")):
            yield ctx.review(location, key="ellipsis", text=excerpt)
        else:
            yield ctx.violation(location, text=excerpt, direction=direction)

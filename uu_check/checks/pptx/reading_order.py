"""Reading order: a screen reader reads a slide's shapes in the order of the selection pane
(spTree order), not top to bottom on screen (WCAG 1.3.2). Only a person can tell whether an
order is wrong, so these are needs-review findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pptx import is_readable, location
from uu_check.engines.pptx_model import PptxDocument, Shape
from uu_check.model import Finding
from uu_check.registry import CheckContext, check

Box = tuple[int, int, int, int]


def _reads_before(a: Box, b: Box) -> bool:
    """True when a person clearly reads box `b` before box `a`: b lies wholly above a, or on
    the same line (they share most of their height) wholly to its left."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    if by + bh <= ay:
        return True
    overlap = min(ay + ah, by + bh) - max(ay, by)
    same_line = overlap > 0.5 * max(1, min(ah, bh))
    return same_line and bx + bw <= ax


def _free_text(shape: Shape) -> bool:
    """Text outside the layout's placeholders: added text boxes and shapes with text."""
    return shape.kind in ("text-box", "shape") and bool(shape.text)


@check("pptx-reading-order", engine="pptx")
def reading_order(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Flag slides where the title is not read first, or where a text box outside the
    placeholders is read after something that stands below or to the right of it."""
    for slide in deck.slides:
        readable = [s for s in slide.shapes if is_readable(s)]
        title_index = next((i for i, s in enumerate(readable) if s.is_title and s.text), None)
        if title_index:
            title = readable[title_index]
            yield ctx.review(location(slide, title), key="title-not-first", name=title.name,
                             first=readable[0].name)
        others = [s for s in readable if not s.is_title and s.box is not None]
        for j, later in enumerate(others):
            earlier = next((e for e in others[:j] if (_free_text(e) or _free_text(later))
                            and _reads_before(e.box, later.box)), None)  # type: ignore[arg-type]
            if earlier is not None:
                yield ctx.review(location(slide, later), key="out-of-order", name=later.name,
                                 after=earlier.name)
                break

"""Very small text on slides: below 18 pt it is hard to read on a projector or a phone, and for
people with low vision (best practice; Microsoft and most universities advise 18 pt or more)."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pptx import location
from uu_check.engines.pptx_model import PptxDocument
from uu_check.model import Finding
from uu_check.registry import CheckContext, check

MIN_SIZE_PT = 18.0


@check("pptx-text-small", engine="pptx")
def text_small(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Report each shape (not the footer, date and slide number) with text smaller than the
    limit, naming its smallest size. Sizes are resolved through placeholders, layout, master and
    shrink-on-overflow; text whose size is unknown is not judged. Option: pptx_min_font_size."""
    limit = float(ctx.options.get("pptx_min_font_size", MIN_SIZE_PT))
    for slide in deck.slides:
        for shape in slide.walk():
            if shape.is_furniture or not shape.runs:
                continue
            small = [r for r in shape.runs if r.size is not None and r.size < limit and r.text.strip()]
            if small:
                smallest = min(small, key=lambda r: r.size or 0)
                yield ctx.violation(location(slide, shape, text=smallest.text), name=shape.name,
                                    size=f"{smallest.size:g}", limit=f"{limit:g}")

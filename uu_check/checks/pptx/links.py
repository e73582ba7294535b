"""Link text that says where it goes: not a raw address, not 'klikk her' (WCAG 2.4.4)."""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pptx import snippet
from uu_check.engines.pptx_model import PptxDocument
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.linktext import is_generic_link_text, is_raw_url


@check("pptx-link-text", engine="pptx")
def link_text(deck: PptxDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Hyperlinks on text whose words are the address itself, or a generic 'read more'."""
    for slide in deck.slides:
        for link in slide.links:
            if not link.text:
                continue
            if is_raw_url(link.text):
                key = "raw-url"
            elif is_generic_link_text(link.text):
                key = "generic"
            else:
                continue
            where = Location(slide=slide.number, shape=link.shape, context=slide.title,
                             snippet=snippet(link.text))
            yield ctx.violation(where, key=key, text=link.text, target=link.target)

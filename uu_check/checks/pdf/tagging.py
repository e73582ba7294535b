"""Is the PDF tagged at all, are its tags trustworthy, and does its role map resolve?

Without tags (a structure tree plus MarkInfo/Marked) a screen reader guesses the reading order
and cannot know headings, lists, tables or images. PDF/UA-1 (ISO 14289-1) 7.1; WCAG 1.3.1
https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pdf-untagged", engine="pdf")
def untagged(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """No structure tree (or an empty one), or tags present but MarkInfo/Marked not true."""
    if model.page_count == 0:
        return
    if not model.has_struct_tree or not model.elements:
        yield ctx.violation(Location(page=1), key="default")
    elif not model.marked:
        yield ctx.violation(Location(page=1), key="not-marked")


@check("pdf-suspects", engine="pdf")
def suspects(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """MarkInfo/Suspects true: the producer itself says the tags may be wrong (PDF/UA 7.1)."""
    if model.suspects:
        yield ctx.violation(Location(page=1))


@check("pdf-rolemap", engine="pdf")
def role_map(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """Role map cycles, standard types mapped to something else, custom types that map to no
    standard type (PDF/UA-1 7.1 items 3-5): assistive technology cannot tell what such a tag is."""
    for key, name, target in model.rolemap_issues:
        yield ctx.violation(Location(context=name), key=key, type=name, target=target)

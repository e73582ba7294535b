"""Scanned pages: a page that is only an image, with no text at all, is silent for a screen
reader and cannot be searched, enlarged as text or read aloud. WCAG 1.4.5 images-of-text and
1.1.1 https://www.w3.org/WAI/WCAG22/Understanding/images-of-text
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: Pages reported one by one at most (then one more finding says how many are left).
MAX_PAGE_FINDINGS = 50


def image_only_pages(model: PdfModel) -> list[int]:
    """Pages mostly covered by an image with (almost) no text: see PageInfo.scanned."""
    return [p.number for p in model.pages if p.scanned]


@check("pdf-scanned", engine="pdf")
def scanned(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    pages = image_only_pages(model)
    if not pages:
        return
    with_content = [p for p in model.pages if p.images or p.text_ops]
    if len(pages) == len(with_content):
        yield ctx.violation(Location(page=1), key="default", pages=len(pages))
        return
    for number in pages[:MAX_PAGE_FINDINGS]:
        yield ctx.violation(Location(page=number), key="page", page=number)

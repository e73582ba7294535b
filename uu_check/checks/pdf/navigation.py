"""Tab order: a page with links, fields or comments follows the structure order (/Tabs /S), so
keyboard users move through them in the order they are read. WCAG 2.4.3 focus-order;
PDF/UA-1 7.18.3.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pdf-tab-order", engine="pdf")
def tab_order(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    for page in model.pages:
        visible = [a for a in page.annotations if not a.hidden and a.subtype != "Popup"]
        if visible and page.tabs != "S":
            yield ctx.violation(Location(page=page.number), count=len(visible), tabs=page.tabs or "")

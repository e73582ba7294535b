"""The document title: set in the metadata, and shown by the viewer instead of the file name.

WCAG 2.4.2 https://www.w3.org/WAI/WCAG22/Understanding/page-titled ; PDF/UA-1 7.1 item 8 and 9.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pdf-title-missing", engine="pdf")
def title_missing(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """Neither XMP dc:title nor the Info dictionary's Title holds any text."""
    if model.title is None:
        yield ctx.violation(Location(), name=model.name)


@check("pdf-display-doc-title", engine="pdf")
def display_doc_title(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """A title is set but ViewerPreferences/DisplayDocTitle is not true: the window shows the file name."""
    if model.title is not None and not model.display_doc_title:
        yield ctx.violation(Location(), title=model.title, name=model.name)

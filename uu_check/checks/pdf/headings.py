"""Headings in the structure tree: present in a long document, no skipped levels, and not a mix
of the untyped H with numbered H1-H6 (PDF/UA-1 7.4.2-7.4.4).
WCAG 1.3.1 and 2.4.6 https://www.w3.org/WAI/WCAG22/Understanding/headings-and-labels
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pdf.locations import element_location, long_document
from uu_check.engines.pdf_model import PdfModel, StructElem
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

NUMBERED = ("H1", "H2", "H3", "H4", "H5", "H6")


def headings(model: PdfModel) -> list[StructElem]:
    """Every heading element in reading (tree) order."""
    return list(model.of_type("H", *NUMBERED))


@check("pdf-heading-missing", engine="pdf")
def heading_missing(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """A tagged document of several pages with no heading at all: nothing to navigate by."""
    if model.tagged and model.elements and long_document(model, ctx.options) and not headings(model):
        yield ctx.violation(Location(), pages=model.page_count)


@check("pdf-heading-skipped", engine="pdf")
def heading_skipped(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """H1 followed by H3 (a level jumped over). Going back up any number of levels is fine."""
    previous: StructElem | None = None
    for elem in headings(model):
        if elem.type == "H":
            continue
        level = int(elem.type[1])
        if previous is not None and level > int(previous.type[1]) + 1:
            yield ctx.violation(element_location(model, elem), level=elem.type, previous=previous.type,
                                text=model.element_text(elem, 80))
        previous = elem


@check("pdf-heading-mixed", engine="pdf")
def heading_mixed(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """Both H and H1-H6 in one document: the levels cannot be worked out (PDF/UA-1 7.4.4)."""
    found = headings(model)
    plain = [e for e in found if e.type == "H"]
    if plain and len(plain) < len(found):
        yield ctx.violation(element_location(model, plain[0]), count=len(plain))


@check("pdf-bookmarks", engine="pdf")
def bookmarks(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """A long document with headings but no bookmarks (outline) to jump between its parts.
    WCAG 2.4.5 multiple-ways (as a document technique: PDF2)."""
    if model.has_outlines or not long_document(model, ctx.options):
        return
    if len(headings(model)) >= 2:
        yield ctx.violation(Location(), pages=model.page_count)

"""Where a PDF finding is: page, structure element type, and its text or alt (shared by the pdf rules)."""

from __future__ import annotations

from uu_check.engines.pdf_model import PdfModel, StructElem
from uu_check.model import Location

#: A document with at least this many pages is "long" (headings and bookmarks expected).
LONG_DOCUMENT_PAGES = 3


def element_location(model: PdfModel, elem: StructElem, *, snippet: str | None = None) -> Location:
    """Location(page, context=element type (with its own name when role-mapped), snippet)."""
    context = elem.type if elem.raw_type == elem.type else f"{elem.raw_type} ({elem.type})"
    text = snippet if snippet is not None else (elem.alt or elem.actual_text or model.element_text(elem, 80))
    return Location(page=model.page_of(elem), context=context, snippet=(text or None) and text[:120])


def long_document(model: PdfModel, options: dict) -> bool:
    try:
        limit = int(options.get("pdf_long_pages", LONG_DOCUMENT_PAGES))
    except (TypeError, ValueError):
        limit = LONG_DOCUMENT_PAGES
    return model.page_count >= limit

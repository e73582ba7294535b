"""Text alternatives: figures and formulas (Alt/ActualText), links (a description), other
annotations (Contents). WCAG 1.1.1 non-text-content, 2.4.4 link-purpose, 4.1.2 name-role-value;
PDF/UA-1 7.3, 7.18.1, 7.18.5.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pdf.locations import element_location
from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.alttext import is_file_name

#: Annotations that need no Contents of their own (PDF/UA-1 7.18.1 and common practice).
_NO_CONTENTS_NEEDED = {"Link", "Widget", "Popup", "PrinterMark", "TrapNet", "Watermark"}


@check("pdf-figure-alt", engine="pdf")
def figure_alt(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """Figure and Formula elements need Alt (or ActualText); an Alt that is a file name says nothing."""
    for elem in model.of_type("Figure", "Formula"):
        alt = (elem.alt or "").strip() or (elem.actual_text or "").strip()
        key = "formula" if elem.type == "Formula" else "default"
        if not alt:
            yield ctx.violation(element_location(model, elem), key=key, type=elem.raw_type)
        elif is_file_name(alt):
            yield ctx.violation(element_location(model, elem), key="filename", type=elem.raw_type, alt=alt)


def _link_description(model: PdfModel, annot) -> str:
    if (annot.contents or "").strip():
        return annot.contents.strip()
    if annot.element is not None:
        elem = model.elements[annot.element]
        if (elem.alt or elem.actual_text or "").strip():
            return (elem.alt or elem.actual_text or "").strip()
        if model.subtree_has_text(elem):
            return model.element_text(elem) or "(text)"
    return ""


@check("pdf-link-name", engine="pdf")
def link_name(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """A Link annotation with no Contents, no Alt on its Link element and no text in it."""
    for page in model.pages:
        for annot in page.annotations:
            if annot.subtype != "Link" or annot.hidden:
                continue
            if not _link_description(model, annot):
                context = model.elements[annot.element].raw_type if annot.element is not None else "Link"
                yield ctx.violation(Location(page=page.number, context=context, snippet=annot.uri),
                                    url=annot.uri or "")


@check("pdf-annot-contents", engine="pdf")
def annotation_contents(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """Comments, stamps, file attachments... need Contents (or Alt on their Annot element)."""
    for page in model.pages:
        for annot in page.annotations:
            if annot.subtype in _NO_CONTENTS_NEEDED or annot.hidden:
                continue
            if (annot.contents or "").strip():
                continue
            if annot.element is not None and (model.elements[annot.element].alt or "").strip():
                continue
            yield ctx.violation(Location(page=page.number, context=annot.subtype), type=annot.subtype)

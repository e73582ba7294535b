"""List structure: L holds LI, LI holds Lbl and/or LBody (PDF 1.7 14.8.4.3.3, PDF/UA-1 7.6).
A broken list is read as loose paragraphs: no "list, 4 items". WCAG 1.3.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pdf.locations import element_location
from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding
from uu_check.registry import CheckContext, check

_IN_L = {"LI", "L", "Caption", "NonStruct", "Artifact"}
_IN_LI = {"Lbl", "LBody", "NonStruct", "Artifact"}


@check("pdf-list-structure", engine="pdf")
def list_structure(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per broken list (the first problem found in it) and per stray list part."""
    for elem in model.elements:
        parent = model.elements[elem.parent] if elem.parent is not None else None
        if elem.type == "L":
            wrong = [model.elements[i] for i in elem.children if model.elements[i].type not in _IN_L]
            if wrong:
                yield ctx.violation(element_location(model, elem), key="default", found=wrong[0].raw_type)
            elif not any(model.elements[i].type == "LI" for i in elem.children):
                yield ctx.violation(element_location(model, elem), key="empty")
        elif elem.type == "LI":
            if parent is None or parent.type != "L":
                yield ctx.violation(element_location(model, elem), key="stray", part="LI", expected="L")
            else:
                wrong = [model.elements[i] for i in elem.children if model.elements[i].type not in _IN_LI]
                if wrong:
                    yield ctx.violation(element_location(model, elem), key="item", found=wrong[0].raw_type)
        elif elem.type == "LBody" and (parent is None or parent.type != "LI"):
            yield ctx.violation(element_location(model, elem), key="stray", part=elem.type, expected="LI")

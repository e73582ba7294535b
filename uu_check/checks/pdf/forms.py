"""Forms: every field has a tooltip (TU) a screen reader announces as its name, and no dynamic
XFA form (only Adobe Reader can show it; other readers show an empty page or an error).
WCAG 4.1.2 https://www.w3.org/WAI/WCAG22/Understanding/name-role-value ; 1.3.1, 3.3.2;
PDF/UA-1 7.18.1 and 7.15 (dynamic XFA not allowed).
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.engines.pdf_model import PdfModel
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check


@check("pdf-form-field-name", engine="pdf")
def form_field_name(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    for form_field in model.fields:
        if form_field.hidden or (form_field.tooltip or "").strip():
            continue
        yield ctx.violation(Location(page=form_field.page, context="Form", snippet=form_field.name),
                            name=form_field.name)


@check("pdf-xfa-dynamic", engine="pdf")
def xfa_dynamic(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    if model.xfa_dynamic:
        yield ctx.violation(Location(page=1))

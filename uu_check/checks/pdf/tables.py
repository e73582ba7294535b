"""Tables: header cells (TH) in data tables, and Scope on TH in tables with headers in both
directions or several header rows. WCAG 1.3.1; PDF/UA-1 7.5.
"""

from __future__ import annotations

from collections.abc import Iterator

from uu_check.checks.pdf.locations import element_location
from uu_check.engines.pdf_model import PdfModel, StructElem
from uu_check.model import Finding
from uu_check.registry import CheckContext, check

_SECTIONS = {"THead", "TBody", "TFoot"}


def table_rows(model: PdfModel, table: StructElem) -> list[list[StructElem]]:
    """The rows of a table (TR directly or inside THead/TBody/TFoot) as lists of TH/TD cells."""
    rows: list[list[StructElem]] = []
    for child_id in table.children:
        child = model.elements[child_id]
        trs = [child] if child.type == "TR" else (
            [model.elements[i] for i in child.children if model.elements[i].type == "TR"] if child.type in _SECTIONS else [])
        for tr in trs:
            rows.append([model.elements[i] for i in tr.children if model.elements[i].type in ("TH", "TD")])
    return rows


def _is_data_table(rows: list[list[StructElem]]) -> bool:
    return len(rows) >= 2 and max((len(r) for r in rows), default=0) >= 2


@check("pdf-table-headers", engine="pdf")
def table_headers(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """A table of at least 2x2 cells with no TH at all."""
    for table in model.of_type("Table"):
        rows = table_rows(model, table)
        if _is_data_table(rows) and not any(c.type == "TH" for row in rows for c in row):
            yield ctx.violation(element_location(model, table), rows=len(rows))


def is_complex(rows: list[list[StructElem]]) -> bool:
    """Headers in the first row and the first column, or more than one row of headers."""
    header_rows = sum(1 for row in rows if row and all(c.type == "TH" for c in row))
    first_row = bool(rows and rows[0] and any(c.type == "TH" for c in rows[0]))
    first_column = sum(1 for row in rows[1:] if row and row[0].type == "TH") >= 1
    return header_rows > 1 or (first_row and first_column)


@check("pdf-table-scope", engine="pdf")
def table_scope(model: PdfModel, ctx: CheckContext) -> Iterator[Finding]:
    """In a complex table every TH needs Scope (Row/Column/Both), unless cells use Headers."""
    for table in model.of_type("Table"):
        rows = table_rows(model, table)
        if not _is_data_table(rows) or not is_complex(rows):
            continue
        cells = [c for row in rows for c in row]
        if any("Headers" in c.attrs for c in cells if c.type == "TD"):
            continue
        missing = [c for c in cells if c.type == "TH" and c.attrs.get("Scope") not in ("Row", "Column", "Both")]
        if missing:
            yield ctx.violation(element_location(model, table), count=len(missing))

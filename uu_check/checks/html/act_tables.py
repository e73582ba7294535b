"""Header cells that label nothing (ACT d0f69e, WCAG 1.3.1).

A screen reader announces a header when it reads the cells assigned to it. A header with no
assigned cell sits over an empty column (rows written shorter than the header row), or over a
column whose cells all point elsewhere with `headers`.

The table is laid out as a grid of slots the way browsers do (colspan/rowspan for HTML tables,
role=row children for ARIA tables and grids). A cell with a `headers` attribute belongs to the
headers it names; another cell belongs to the headers above it in its column(s) and to the left
in its row(s). Where the HTML header rules leave a `th` neither a column nor a row header (a
grid with an empty top-left `td`), both directions count, as browsers expose it as a header
anyway; a data cell on the far side (a totals row of `th` under its column) counts too. So the
rule only speaks when no reading of the table gives the header a cell. Empty headers (the blank
corner of a grade table) are left alone, and a table of nothing but headers is for review.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import Tag

from uu_check.checks.html.act_accname import is_rendered_hidden
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

TABLE_ROLES = ("table", "grid", "treegrid")
HEADER_ROLES = ("columnheader", "rowheader")
CELL_ROLES = ("cell", "gridcell", "columnheader", "rowheader")
#: Browsers cap spans; so do we, so a typo like colspan="9999" cannot blow up the grid.
MAX_SPAN = 1000


@dataclass(eq=False)
class Slot:
    """One cell of the grid: where it sits, how far it spans, and whether (and how) it heads."""

    element: Tag
    x: int
    y: int
    width: int
    height: int
    #: "col", "row", "both" (a header either way), or "" for a data cell.
    heads: str = ""
    headers_ids: list[str] = field(default_factory=list)


def _role(element: Tag) -> str:
    tokens = str(element.get("role", "")).strip().lower().split()
    return tokens[0] if tokens else ""


def _span(element: Tag, *names: str) -> int | None:
    for name in names:
        raw = str(element.get(name, "")).strip()
        if raw:
            try:
                return int(raw)
            except ValueError:
                return None
    return None


def _hidden(doc: HtmlDocument, element: Tag) -> bool:
    """Hidden from everyone: the element or an ancestor is display:none, hidden or aria-hidden."""
    node: Tag | None = element
    while isinstance(node, Tag) and node.name != "[document]":
        if str(node.get("aria-hidden", "")).strip().lower() == "true" or is_rendered_hidden(doc, node):
            return True
        node = node.parent
    return False


def _own_rows_html(table: Tag) -> list[tuple[Tag, Tag]]:
    """(row, row group) for the rows of this table, not of tables nested in it."""
    rows = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        parent = row.parent
        group = parent if isinstance(parent, Tag) and parent.name in ("thead", "tbody", "tfoot") else table
        rows.append((row, group))
    return rows


def html_grid(table: Tag) -> list[Slot]:
    """The slots of an HTML table (the HTML 'forming a table' algorithm, simplified)."""
    taken: set[tuple[int, int]] = set()
    slots: list[Slot] = []
    rows = _own_rows_html(table)
    group_end: dict[int, int] = {}
    for index, (_row, group) in enumerate(rows):
        group_end[id(group)] = index
    for y, (row, group) in enumerate(rows):
        x = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (x, y) in taken:
                x += 1
            width = min(max(_span(cell, "colspan") or 1, 1), MAX_SPAN)
            rowspan = _span(cell, "rowspan")
            last = group_end[id(group)]
            if rowspan == 0:
                height = last - y + 1
            else:
                height = max(1, min(rowspan or 1, MAX_SPAN, last - y + 1))
            x = _place(taken, slots, Slot(cell, x, y, width, height))
    return slots


def _place(taken: set[tuple[int, int]], slots: list[Slot], slot: Slot) -> int:
    """Put a cell in the grid (mark the positions it covers) and return the column after it."""
    for dx in range(slot.width):
        for dy in range(slot.height):
            taken.add((slot.x + dx, slot.y + dy))
    slots.append(slot)
    return slot.x + slot.width


def _closest(element: Tag, stop: Tag, roles: tuple[str, ...]) -> Tag | None:
    """The nearest ancestor of element (below stop) that has one of roles or is a table."""
    node = element.parent
    while isinstance(node, Tag) and node is not stop:
        if node.name == "table" or _role(node) in roles:
            return node
        node = node.parent
    return node if node is stop else None


def aria_grid(container: Tag) -> list[Slot]:
    """The slots of an ARIA table or grid: rows are role=row, cells their role=cell/... owned
    descendants (aria-colindex/aria-colspan/aria-rowspan honoured where given)."""
    taken: set[tuple[int, int]] = set()
    slots: list[Slot] = []
    rows = [r for r in container.find_all(attrs={"role": True})
            if _role(r) == "row" and _closest(r, container, TABLE_ROLES) is container]
    for y, row in enumerate(rows):
        x = 0
        for cell in row.find_all(attrs={"role": True}):
            if _role(cell) not in CELL_ROLES or _closest(cell, row, ("row", *TABLE_ROLES)) is not row:
                continue
            index = _span(cell, "aria-colindex")
            if index is not None and index >= 1:
                x = max(x, index - 1)
            while (x, y) in taken:
                x += 1
            width = min(max(_span(cell, "aria-colspan") or 1, 1), MAX_SPAN)
            height = max(1, min(_span(cell, "aria-rowspan") or 1, MAX_SPAN, len(rows) - y))
            x = _place(taken, slots, Slot(cell, x, y, width, height))
    return slots


def _header_kind(slot: Slot) -> str:
    """'col'/'row' for a header cell with a known direction, 'auto' for a th to work out, ''
    for a data cell (td, or a th given role=cell/gridcell/presentation)."""
    role = _role(slot.element)
    if role == "columnheader":
        return "col"
    if role == "rowheader":
        return "row"
    if role or slot.element.name != "th":
        return ""
    scope = str(slot.element.get("scope", "")).strip().lower()
    if scope in ("col", "colgroup"):
        return "col"
    if scope in ("row", "rowgroup"):
        return "row"
    return "auto"


def classify(slots: list[Slot]) -> None:
    """Set each slot's `heads`: HTML's auto rule (a th in a row without data cells heads its
    column; else one in a column without data cells heads its row), else both directions."""
    kinds = {id(s): _header_kind(s) for s in slots}
    data_rows: set[int] = set()
    data_cols: set[int] = set()
    for slot in slots:
        if not kinds[id(slot)]:
            data_rows.update(range(slot.y, slot.y + slot.height))
            data_cols.update(range(slot.x, slot.x + slot.width))
    for slot in slots:
        kind = kinds[id(slot)]
        if kind != "auto":
            slot.heads = kind
        elif not data_rows.intersection(range(slot.y, slot.y + slot.height)):
            slot.heads = "col"
        elif not data_cols.intersection(range(slot.x, slot.x + slot.width)):
            slot.heads = "row"
        else:
            slot.heads = "both"


def _tokens(value: object) -> list[str]:
    """An attribute's id list (bs4 gives `headers` as a list, a snapshot may give a string)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value for v in str(v).split()]
    return str(value or "").split()


def _overlap(a: int, a_len: int, b: int, b_len: int) -> bool:
    return a < b + b_len and b < a + a_len


def unassigned_headers(slots: list[Slot]) -> list[Slot]:
    """Header slots that no cell of the table is assigned to."""
    classify(slots)
    ids = {str(s.element.get("id")) for s in slots if s.element.get("id")}
    for slot in slots:
        tokens = _tokens(slot.element.get("headers"))
        # a headers list naming nothing in this table is broken (ACT a25f45), not a choice:
        # such a cell is read as if it had none
        slot.headers_ids = [t for t in tokens if t in ids]
    named = {t for s in slots for t in s.headers_ids}
    result = []
    for header in slots:
        if not header.heads:
            continue
        if header.element.get("id") and str(header.element.get("id")) in named:
            continue
        if not any(_assigned(cell, header) for cell in slots if cell is not header):
            result.append(header)
    return result


def _assigned(cell: Slot, header: Slot) -> bool:
    """Whether cell belongs to header: a cell below a column header or right of a row header
    (HTML's rule), or, leniently, a data cell above or left of it: a totals row marked up with
    `th` under its data is odd but labels that data for a reader, so it is not reported."""
    if cell.headers_ids:
        return False
    if header.heads in ("col", "both") and _overlap(cell.x, cell.width, header.x, header.width):
        if cell.y >= header.y + header.height or (not cell.heads and cell.y < header.y):
            return True
    if header.heads in ("row", "both") and _overlap(cell.y, cell.height, header.y, header.height):
        if cell.x >= header.x + header.width or (not cell.heads and cell.x < header.x):
            return True
    return False


def _exposed_tables(doc: HtmlDocument) -> Iterator[tuple[Tag, list[Slot]]]:
    """HTML tables and ARIA tables/grids that reach the accessibility tree, with their grids."""
    for element in doc.body.find_all(True):
        role = _role(element)
        if element.name == "table":
            if role not in ("", *TABLE_ROLES):
                continue
            grid = html_grid
        elif role in TABLE_ROLES:
            grid = aria_grid
        else:
            continue
        if _hidden(doc, element):
            continue
        yield element, grid(element)


def _has_content(element: Tag) -> bool:
    """An empty header (the blank top-left corner of a grade table) heads nothing by design."""
    if visible_text(element):
        return True
    return element.find(["img", "svg", "input", "select", "math"]) is not None or bool(
        str(element.get("aria-label", "")).strip())


@check("html-th-no-cells", engine="html")
def th_no_cells(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A header cell with no data under it or beside it (or none pointing to it with headers)."""
    for table, slots in _exposed_tables(doc):
        lonely = [s for s in unassigned_headers(slots)
                  if _has_content(s.element) and not _hidden(doc, s.element)]
        if not lonely:
            continue
        if all(s.heads for s in slots):
            # only header cells: a table not filled in yet, or a box made with a table
            yield ctx.review(Location(selector=selector(table), snippet=snippet(table),
                                      context=heading_context(table)), key="only-headers")
            continue
        for slot in lonely:
            text = visible_text(slot.element) or str(slot.element.get("aria-label", "")).strip()
            yield ctx.violation(Location(selector=selector(slot.element), snippet=snippet(slot.element),
                                         context=heading_context(table)), header=text)

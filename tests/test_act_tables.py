"""html-th-no-cells (ACT d0f69e, WCAG 1.3.1) in static mode: the table grid (spans, rowspan=0,
ARIA rows and aria-colindex), header directions, and the real-world tables it must leave alone
(blank corner cells, totals rows of th, empty rows waiting to be filled in). The browser-mode
verdicts on the fixtures come from tests/test_rule_fixtures.py.
"""

from __future__ import annotations

import re

from uu_check.catalog import get_rule
from uu_check.checks.html.act_tables import html_grid
from uu_check.engines.html_model import HtmlDocument
from uu_check.registry import CHECKS, CheckContext, load_checks

RULE = "html-th-no-cells"


def findings(body: str) -> list[tuple[str, str]]:
    """(outcome, header text or '') for each finding on a page with this body."""
    load_checks("html")
    ctx = CheckContext(rule=get_rule(RULE), lang="en")
    html = f"<!DOCTYPE html><html lang='nb'><head><title>t</title></head><body>{body}</body></html>"
    doc = HtmlDocument.parse(html, "file:///kurs/t.html")
    result = []
    for finding in CHECKS[RULE].function(doc, ctx):
        quoted = re.search(r'"(.*?)"', finding.message)
        result.append((finding.outcome, quoted.group(1) if quoted else ""))
    return result


def test_short_rows_leave_the_last_header_alone() -> None:
    assert findings("<table><tr><th>Rate</th><th>Value</th></tr><tr><td>15%</td></tr></table>") == [
        ("violation", "Value")]


def test_colspan_covers_both_headers() -> None:
    assert findings("<table><tr><th>A</th><th>B</th></tr><tr><td colspan='2'>x</td></tr></table>") == []


def test_rowspan_zero_and_rowspan_push_cells_right() -> None:
    grid = html_grid(HtmlDocument.parse(
        "<table><tr><td rowspan='0'>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "file:///t").soup.table)
    assert [(s.x, s.y, s.height) for s in grid] == [(0, 0, 2), (1, 0, 1), (1, 1, 1)]


def test_headers_attribute_moves_a_cell_to_another_header() -> None:
    body = ("<table><tr><th id='a'>Country</th><th id='b'>Z</th></tr>"
            "<tr><td>Zambia</td><td headers='a'>Zimbabwe</td></tr></table>")
    assert findings(body) == [("violation", "Z")]
    assert findings(body.replace("headers='a'", "headers='b'")) == []


def test_headers_naming_nothing_in_the_table_is_read_as_absent() -> None:
    assert findings("<table><tr><th>A</th></tr><tr><td headers='nowhere'>1</td></tr></table>") == []


def test_blank_corner_and_row_headers() -> None:
    assert findings("<table><tr><td></td><th>Prøve 1</th><th>Prøve 2</th></tr>"
                    "<tr><th>Ola</th><td>5</td><td>4</td></tr></table>") == []
    assert findings("<table><tr><th></th><th>Man</th></tr><tr><th>08:15</th><td>Matte</td></tr></table>") == []
    assert findings("<table><tr><th>Dag</th><th>Morgen</th></tr><tr><th>Man</th><td>8-12</td></tr></table>") == []


def test_totals_row_of_th_under_its_data_is_left_alone() -> None:
    assert findings("<table><tr><th>Navn</th><th>Poeng</th></tr><tr><td>Ola</td><td>3</td></tr>"
                    "<tr><th>Sum</th><th>3</th></tr></table>") == []


def test_empty_rows_to_fill_in_count_as_cells() -> None:
    assert findings("<table><tr><th>Oppgave</th><th>Frist</th></tr><tr><td></td><td></td></tr></table>") == []


def test_table_of_only_headers_is_for_review() -> None:
    assert findings("<table><tr><th>Navn</th><th>Gruppe</th></tr></table>") == [("needs-review", "")]


def test_not_exposed_tables_and_headers_are_skipped() -> None:
    assert findings("<table role='presentation'><tr><th>A</th><th>B</th></tr><tr><td>1</td></tr></table>") == []
    assert findings("<table><tr><th>A</th><th aria-hidden='true'>B</th></tr><tr><td>1</td></tr></table>") == []
    assert findings("<table><tr><th>A</th><th style='display:none'>B</th></tr><tr><td>1</td></tr></table>") == []
    assert findings("<table><tr><th>A</th><th role='cell'>B</th></tr><tr><td>1</td></tr></table>") == []
    assert findings("<div hidden><table><tr><th>A</th><th>B</th></tr><tr><td>1</td></tr></table></div>") == []


def test_aria_grid_rows_and_colindex() -> None:
    row = "<div role='row'>{}</div>"
    head = row.format("<div role='columnheader'>Rom</div><div role='columnheader'>Hvem</div>")
    assert findings(f"<div role='grid'>{head}{row.format('<div role=gridcell>1A</div>')}</div>") == [
        ("violation", "Hvem")]
    placed = row.format("<div role='gridcell' aria-colindex='2'>Kari</div>")
    assert findings(f"<div role='grid'>{head}{placed}</div>") == [("violation", "Rom")]


def test_nested_table_cells_belong_to_the_inner_table() -> None:
    inner = "<table><tr><td>x</td><td>y</td></tr></table>"
    assert findings(f"<table><tr><th>A</th><th>B</th></tr><tr><td>{inner}</td></tr></table>") == [
        ("violation", "B")]

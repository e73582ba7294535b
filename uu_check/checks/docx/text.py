"""Text formatting: contrast, size, hand-made lists, empty lines used for spacing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from uu_check.checks.docx import paragraph_location, style_label
from uu_check.engines.docx_model import DocxModel, Paragraph, Run
from uu_check.model import Finding
from uu_check.registry import CheckContext, check
from uu_check.text.contrast import contrast_ratio, required_ratio

#: Text smaller than this (points) is hard to read for many.
MIN_SIZE = 9.0
#: This many empty paragraphs in a row are spacing made with Enter.
EMPTY_RUN = 3
_BULLET = re.compile(r"^\s*(?:[•·▪◦●■○►➢✓\-–—*]|o(?=\s))\s+\S")
_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]\s+\S")


def background(model: DocxModel, paragraph: Paragraph, run: Run) -> str:
    """What the text sits on, nearest first: highlight, run shading, paragraph or cell shading,
    page colour, white."""
    return (run.props.highlight or run.props.shading or paragraph.shading or paragraph.cell_shading
            or model.page_background or "FFFFFF")


@check("docx-contrast", engine="docx")
def contrast(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per paragraph (its worst run); a colour that comes from a style is reported
    once per style, colour and background, since one fix (change the style) mends them all."""
    seen_styles: set[tuple[str | None, str, str]] = set()
    for paragraph in model.paragraphs + model.part_paragraphs:
        worst: tuple[float, float, Run, str] | None = None
        for run in paragraph.runs:
            if not run.text.strip() or run.props.hidden:
                continue
            if run.props.color is None:      # "auto": Word picks black or white to contrast
                continue
            back = background(model, paragraph, run)
            ratio = contrast_ratio(run.props.color, back)
            needed = required_ratio(run.props.size, bool(run.props.bold))
            if ratio < needed and (worst is None or ratio < worst[0]):
                worst = (ratio, needed, run, back)
        if worst is None:
            continue
        ratio, needed, run, back = worst
        args = {"ratio": f"{ratio:.1f}", "required": f"{needed:g}", "color": "#" + (run.props.color or ""),
                "background": "#" + back}
        location = paragraph_location(model, paragraph, run.text)
        if not run.direct_color and paragraph.style_name:
            key = (paragraph.style_name, run.props.color or "", back)
            if key in seen_styles:
                continue
            seen_styles.add(key)
            yield ctx.violation(location, key="style", style=style_label(paragraph.style_name, ctx.lang), **args)
        else:
            yield ctx.violation(location, **args)


@check("docx-text-small", engine="docx")
def text_small(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    for paragraph in model.paragraphs:
        small = [r for r in paragraph.runs
                 if r.props.size is not None and r.props.size < MIN_SIZE and len(r.text.strip()) > 1
                 and not r.props.hidden]
        if small:
            size = min(r.props.size for r in small if r.props.size is not None)
            yield ctx.violation(paragraph_location(model, paragraph, small[0].text), size=f"{size:g}")


def typed_list_marker(paragraph: Paragraph) -> str | None:
    if paragraph.numbered or paragraph.is_heading:
        return None
    text = paragraph.text
    if _BULLET.match(text):
        return "bullet"
    if _NUMBER.match(text):
        return "number"
    return None


@check("docx-list-manual", engine="docx")
def list_manual(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    """Two or more paragraphs in a row that start with a typed bullet or number."""
    run: list[Paragraph] = []
    kind = None
    for paragraph in model.paragraphs + [None]:  # type: ignore[list-item]
        marker = typed_list_marker(paragraph) if paragraph is not None else None
        if marker is not None and (marker == kind or not run) and (not run or run[-1].table == paragraph.table):
            run.append(paragraph)
            kind = marker
            continue
        if len(run) >= 2:
            yield ctx.violation(paragraph_location(model, run[0]), count=len(run))
        run = [paragraph] if marker is not None else []
        kind = marker


@check("docx-empty-paragraphs", engine="docx")
def empty_paragraphs(model: DocxModel, ctx: CheckContext) -> Iterator[Finding]:
    run: list[Paragraph] = []
    for paragraph in model.paragraphs + [None]:  # type: ignore[list-item]
        empty = (paragraph is not None and paragraph.table is None and not paragraph.drawings
                 and not paragraph.text.strip(" \t\u00a0"))  # a page break ("\n") is not spacing
        if empty:
            run.append(paragraph)
            continue
        if len(run) >= EMPTY_RUN:
            yield ctx.violation(paragraph_location(model, run[0]), count=len(run))
        run = []

"""Reading level: LIX over the main text of a page, as advice for a person (never a violation).

LIX is the Scandinavian standard (words per sentence + share of long words). Above the
threshold (`lix_threshold` run option, default 55: "hard", official-document prose) we suggest
shorter sentences and plainer words. WCAG 3.1.5 Reading Level (AAA):
https://www.w3.org/WAI/WCAG22/Understanding/reading-level
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import NavigableString, Tag

from uu_check.engines.html_model import HtmlDocument
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check
from uu_check.text.readability import lix

DEFAULT_THRESHOLD = 55.0

#: Parts of a page that are not the main text: navigation, chrome, code.
_NOT_MAIN = {"nav", "header", "footer", "aside", "script", "style", "template", "noscript",
             "code", "pre", "form", "button", "select", "svg", "math", "figure", "table"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td", "th",
           "figcaption", "caption", "div", "section", "article", "main", "summary"}


def main_text(doc: HtmlDocument) -> str:
    """The running text of the main content, one line per block, each block a sentence (a
    heading or list item without a full stop still ends where it ends)."""
    root = doc.soup.find("main") or doc.soup.find(attrs={"role": "main"}) or doc.body
    blocks: list[list[str]] = [[]]

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    blocks[-1].append(str(child))
            elif isinstance(child, Tag):
                if child.name in _NOT_MAIN or child.get("role") in ("navigation", "banner", "contentinfo"):
                    continue
                if child.has_attr("hidden") or str(child.get("aria-hidden", "")).lower() == "true":
                    continue
                style = doc.style(child)
                if style is not None and style.get("display") == "none":
                    continue
                if child.name in _BLOCKS:
                    blocks.append([])
                    walk(child)
                    blocks.append([])
                else:
                    walk(child)

    if isinstance(root, Tag):
        walk(root)
    lines = []
    for parts in blocks:
        line = re.sub(r"\s+", " ", "".join(parts)).strip()
        if line:
            lines.append(line if re.search(r"[.!?:;]$", line) else line + ".")
    return "\n".join(lines)


#: The LIX band in words a reader of each language understands.
BAND_NAMES: dict[str, dict[str, str]] = {
    "nb": {"very-easy": "svært lett", "easy": "lett", "medium": "middels", "hard": "tung", "very-hard": "svært tung"},
    "nn": {"very-easy": "svært lett", "easy": "lett", "medium": "middels", "hard": "tung", "very-hard": "svært tung"},
    "en": {"very-easy": "very easy", "easy": "easy", "medium": "medium", "hard": "hard", "very-hard": "very hard"},
}


def threshold(options: dict) -> float:
    try:
        return float(options.get("lix_threshold", DEFAULT_THRESHOLD))
    except (TypeError, ValueError):
        return DEFAULT_THRESHOLD


@check("html-readability-lix", engine="html")
def reading_level(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Needs review when the main text's LIX is above the threshold (and it has 50+ words)."""
    result = lix(main_text(doc))
    if result is None or result.score <= threshold(ctx.options):
        return
    yield ctx.review(Location(selector="main" if doc.soup.find("main") else "body"),
                     lix=f"{result.score:g}", band=BAND_NAMES.get(ctx.lang, BAND_NAMES["en"])[result.band], threshold=f"{threshold(ctx.options):g}",
                     evidence=f"{result.words} words, {result.sentences} sentences, {result.long_words} long words")

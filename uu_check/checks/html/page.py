"""Page title that does not describe the page ('Untitled', 'Ny side', 'side1.html', only the site
name). A missing or empty title is axe's document-title. Skipped for LMS content fragments,
whose title is the platform's. WCAG 2.4.2 Page Titled:
https://www.w3.org/WAI/WCAG22/Understanding/page-titled
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from uu_check.engines.html_model import HtmlDocument, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: Titles (lower case, no punctuation at the ends) that editors and tools put in by default.
DEFAULT_TITLES: frozenset[str] = frozenset(
    {
        "untitled", "untitled document", "untitled page", "no title", "title", "page title",
        "document", "new page", "new document", "page", "home page", "index", "default", "test",
        "my page", "web page", "webpage", "insert title here", "your title here",
        "uten tittel", "uten navn", "utan tittel", "utan namn", "ingen tittel", "tittel", "dokument",
        "nytt dokument", "ny side", "side", "sidetittel", "ny sida", "nytt dokument",
        "microsoft word", "powerpoint-presentasjon", "powerpoint presentation", "presentation",
        "presentasjon", "canvas", "moodle", "itslearning",
    }
)
_NUMBERED_DEFAULT = re.compile(
    r"^(?:untitled|document|dokument|page|side|sida|ny side|new page|presentation|presentasjon|"
    r"lysbilde|slide|doc|side uten navn|uten tittel|utan tittel)[\s\-_]*\(?\d+\)?$"
)
_FILE_NAME = re.compile(r"^[\w\-. ()%]+\.(?:html?|php|aspx?|jsp|docx?|pdf|pptx?|odt|txt|xhtml)$", re.IGNORECASE)


def _normalise(title: str) -> str:
    return re.sub(r"^[\s\W_]+|[\s\W_]+$", "", re.sub(r"\s+", " ", title).strip().lower())


def _site_name(doc: HtmlDocument) -> str | None:
    """The site's name, when the page says it: og:site_name or application-name."""
    for attrs in ({"property": "og:site_name"}, {"name": "application-name"}):
        meta = doc.soup.find("meta", attrs=attrs)
        if isinstance(meta, Tag) and str(meta.get("content", "")).strip():
            return str(meta["content"]).strip()
    return None


def title_problem(doc: HtmlDocument) -> str | None:
    """'default', 'filename' or 'site-name' when the title does not describe the page."""
    title = (doc.title or "").strip()
    if not title:
        return None  # axe's document-title
    norm = _normalise(title)
    if norm in DEFAULT_TITLES or _NUMBERED_DEFAULT.match(norm):
        return "default"
    if _FILE_NAME.match(title):
        return "filename"
    site = _site_name(doc)
    if site and norm == _normalise(site):
        h1 = doc.soup.find("h1")
        if isinstance(h1, Tag) and _normalise(visible_text(h1)) != norm:
            return "site-name"
    return None


@check("html-page-title-descriptive", engine="html")
def page_title_descriptive(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """The title is what a tab, a bookmark and a screen reader's first words say about a page."""
    if doc.is_fragment(ctx.options):
        return
    problem = title_problem(doc)
    if problem:
        yield ctx.violation(Location(selector="title", snippet=f"<title>{doc.title}</title>"[:200]),
                            key=problem, title=doc.title)

"""Static HTML mode: parse the raw HTML with BeautifulSoup and run the rules that need no rendering."""

from __future__ import annotations

from pathlib import Path

from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.html_model import HtmlDocument, resolve_fragment
from uu_check.options import ScanOptions
from uu_check.registry import run_checks


def read_html_file(path: Path) -> str:
    """The text of an HTML file; a clear TargetError when it is not HTML at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TargetError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if b"\x00" in data[:4096]:
        raise TargetError(f"{path}: not an HTML file (binary content)")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TargetError(f"{path}: not an HTML file (unreadable text encoding)")


def own_rules(document: HtmlDocument, options: ScanOptions, notes: list[str]) -> list:
    return list(run_checks("html", document, lang=options.lang, rule_filter=options.rule_filter,
                           options=options.rule_options, rendered=document.rendered, notes=notes))


FRAGMENT_NOTE = "checked as a content fragment: page-level rules (title, page language, landmarks) are left to the platform"


def check_static(html: str, url: str, options: ScanOptions, fragment_hint: bool | None = None) -> EngineResult:
    document = HtmlDocument.parse(html, url, rendered=False)
    document.fragment = resolve_fragment(document.fragment, options.rule_options.get("fragment"), fragment_hint)
    notes = ["static mode: no browser; axe-core and rules that need the rendered page did not run"]
    if document.fragment:
        notes.append(FRAGMENT_NOTE)
    findings = own_rules(document, options, notes)
    return EngineResult(findings=findings, title=document.title, notes=notes, mode="static")

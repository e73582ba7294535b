"""The Word (.docx) engine: vet the package, read the parts the rules need, build the model,
run the docx rules.

`office.package.open_package` checks the file first (legacy/encrypted, truncated, zip bomb) on
the zip's directory. Then each part the model needs (document, styles, settings, theme, headers,
footers, core properties, their relationships) is parsed once with the safe plain lxml parser,
which refuses a DTD (entity tricks) in any part it is given; parts the rules never read are never
parsed.

Why not python-docx at check time: opening a document with python-docx parses every XML part
into its element classes, and walking those costs ~17 µs per element against ~0.3 µs for plain
lxml elements; the model would have to walk them or parse the document a second time. Reading
the few parts directly keeps a full check cheaper than python-docx merely opening the file
(see bench/bench_docs.py). python-docx still builds the fixtures. The input file is only ever
opened for reading.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.docx_model import DocxModel, build_model
from uu_check.office.package import OfficePackage, open_package
from uu_check.office.theme import Theme, normalise_hex, parse_theme
from uu_check.options import ScanOptions
from uu_check.registry import run_checks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_model(path: Path) -> DocxModel:
    """Vet and parse one .docx into a DocxModel (raises TargetError with a one-line reason)."""
    with open_package(path, "docx", vet_xml=False) as package:   # every part goes through .xml()
        main = package.related("", "officeDocument") or "word/document.xml"
        document_root = package.xml(main)
        if document_root is None or etree.QName(document_root).localname != "document":
            raise TargetError(f"{path.name}: not a Word document (no main document part)")
        theme = Theme()
        styles_root = settings_root = None
        rels: dict[str, dict[str, str]] = {"body": _hyperlinks(package, main)}
        header_footer: list[tuple[str, etree._Element]] = []
        counts = {"header": 0, "footer": 0}
        for rel in package.relationships(main).values():
            if rel.external or rel.target not in package.names:
                continue
            kind = rel.kind
            if kind == "theme":
                theme = parse_theme(package.xml(rel.target))
            elif kind == "styles":
                styles_root = package.xml(rel.target)
            elif kind == "settings":
                settings_root = package.xml(rel.target)
            elif kind in ("header", "footer"):
                counts[kind] += 1
                name = f"{kind} {counts[kind]}"
                root = package.xml(rel.target)
                if root is not None:
                    header_footer.append((name, root))
                    rels[name] = _hyperlinks(package, rel.target)
        title = package.core_title()
    body = document_root.find(W + "body")
    if body is None:
        raise TargetError(f"{path.name}: damaged Word document (no document body)")
    background = None
    bg = document_root.find(W + "background")
    if bg is not None:
        background = normalise_hex(bg.get(W + "color"))
    return build_model(file_name=path.name, body=body, styles_root=styles_root,
                       settings_root=settings_root, theme=theme, title=title, background=background,
                       header_footer=header_footer, rels=rels)


def _hyperlinks(package: OfficePackage, part: str) -> dict[str, str]:
    """rId -> URL for a part's external hyperlink relationships."""
    return {rid: rel.target for rid, rel in package.relationships(part).items()
            if rel.kind == "hyperlink" and rel.external}


def check_file(path: Path, options: ScanOptions) -> EngineResult:
    """Check one .docx: parse once, run every selected docx rule."""
    model = load_model(path)
    notes: list[str] = []
    findings = list(run_checks("docx", model, lang=options.lang, rule_filter=options.rule_filter,
                               options=options.rule_options, notes=notes))
    return EngineResult(findings=findings, title=model.display_title, notes=notes, mode="docx")

"""The Word (.docx) engine: vet the package, parse it once with python-docx, build the model,
run the docx rules.

Order matters for safety: `office.package.open_package` checks the file (legacy/encrypted,
truncated, zip bomb, DTD tricks) on the zip's directory and XML prologs before python-docx
inflates anything. The input file is only ever opened for reading.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.docx_model import DocxModel, build_model, HIGHLIGHTS  # noqa: F401
from uu_check.office.package import open_package, parse_xml
from uu_check.office.theme import Theme, normalise_hex, parse_theme
from uu_check.options import ScanOptions
from uu_check.registry import run_checks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_model(path: Path) -> DocxModel:
    """Vet and parse one .docx into a DocxModel (raises TargetError with a one-line reason)."""
    with open_package(path, "docx") as package:
        data = path.read_bytes()
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise TargetError(f"{path.name}: not a Word document (.docx)") from None
    except (KeyError, ValueError, etree.XMLSyntaxError) as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise TargetError(f"{path.name}: damaged Word document ({reason})") from None
    part = document.part
    theme = Theme()
    rels: dict[str, dict[str, str]] = {"body": _external_targets(part)}
    header_footer: list[tuple[str, etree._Element]] = []
    counts = {"header": 0, "footer": 0}
    for rel in part.rels.values():
        if rel.reltype == RT.THEME:
            theme = parse_theme(parse_xml(rel.target_part.blob, f"{path.name}: theme"))
        elif rel.reltype in (RT.HEADER, RT.FOOTER):
            label = "header" if rel.reltype == RT.HEADER else "footer"
            counts[label] += 1
            name = f"{label} {counts[label]}"
            header_footer.append((name, rel.target_part.element))
            rels[name] = _external_targets(rel.target_part)
    styles_root = part.styles.element       # python-docx supplies default styles when absent
    settings_root = document.settings.element
    body = document.element.body
    background = None
    bg = document.element.find(W + "background")
    if bg is not None:
        background = normalise_hex(bg.get(W + "color"))
    try:
        title = document.core_properties.title
    except Exception:  # a broken core part must not lose the whole document
        title = None
    return build_model(file_name=path.name, body=body, styles_root=styles_root,
                       settings_root=settings_root, theme=theme, title=title, background=background,
                       header_footer=header_footer, rels=rels)


def _external_targets(part) -> dict[str, str]:
    """rId -> URL for a part's hyperlink relationships."""
    targets: dict[str, str] = {}
    for rid, rel in part.rels.items():
        if rel.reltype == RT.HYPERLINK:
            targets[rid] = rel.target_ref
    return targets


def check_file(path: Path, options: ScanOptions) -> EngineResult:
    """Check one .docx: parse once, run every selected docx rule."""
    model = load_model(path)
    notes: list[str] = []
    findings = list(run_checks("docx", model, lang=options.lang, rule_filter=options.rule_filter,
                               options=options.rule_options, notes=notes))
    return EngineResult(findings=findings, title=model.display_title, notes=notes, mode="docx")

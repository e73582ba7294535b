"""The PowerPoint engine: vet a .pptx, parse it once into a PptxDocument, run the pptx rules.

A hostile or broken file must become one clear line, never a hang or a traceback: the shared
OOXML vetting (uu_check/office/package.py) refuses legacy or password-protected files, damaged
zips, zip bombs and XML with a DTD before any XML is parsed, and every part is parsed with its
safe parser. The input is only ever read.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.pptx_model import PptxDocument, parse_presentation
from uu_check.office.package import open_package
from uu_check.office.pptx_parts import PptxParts
from uu_check.options import ScanOptions
from uu_check.registry import run_checks


def check_file(path: Path, options: ScanOptions) -> EngineResult:
    """Check one .pptx file; raise TargetError with a one-line reason when it cannot be read."""
    deck = load_deck(path)
    notes: list[str] = []
    findings = list(run_checks("pptx", deck, lang=options.lang, rule_filter=options.rule_filter,
                               options=options.rule_options, notes=notes))
    return EngineResult(findings=findings, title=deck.title or None, notes=notes)


def load_deck(path: Path) -> PptxDocument:
    """Vet the package, then build the model from the parts the rules need."""
    with open_package(path, "pptx") as package:
        try:
            return parse_presentation(PptxParts(package))
        except RecursionError:
            raise TargetError(f"{path.name}: shapes nested too deeply to check") from None
        except (KeyError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise TargetError(f"{path.name}: damaged or truncated ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__

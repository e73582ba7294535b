"""The PowerPoint engine: vet a .pptx, parse it once into a PptxDocument, run the pptx rules.

A hostile or broken file must become one clear line, never a hang or a traceback: the shared
OOXML vetting (uu_check/office/package.py) refuses legacy or password-protected files, damaged
zips, zip bombs and XML with a DTD before python-pptx reads a byte of XML. The input is only
ever read.
"""

from __future__ import annotations

from pathlib import Path

from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.pptx_model import PptxDocument, parse_presentation
from uu_check.office.package import open_package
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
    """Vet the package, open it with python-pptx and build the model."""
    open_package(path, "pptx").close()
    from pptx import Presentation

    try:
        prs = Presentation(str(path))
    except KeyError as exc:
        raise TargetError(f"{path.name}: not a complete PowerPoint presentation (missing part {exc})") from None
    except ValueError as exc:
        if "content type" in str(exc).lower() or "not a powerpoint" in str(exc).lower():
            raise TargetError(f"{path.name}: not a PowerPoint presentation (a template, a show or "
                              "another Office format renamed .pptx?)") from None
        raise TargetError(f"{path.name}: could not be read ({_first_line(exc)})") from None
    except Exception as exc:  # python-pptx / lxml errors on damaged parts
        raise TargetError(f"{path.name}: could not be read ({_first_line(exc)})") from None
    try:
        return parse_presentation(prs, path.name)
    except RecursionError:
        raise TargetError(f"{path.name}: shapes nested too deeply to check") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__

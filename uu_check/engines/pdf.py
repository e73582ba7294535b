"""The PDF engine: open a file read-only with pikepdf, build the PdfModel once, run the pdf rules.

Runs in a worker process with a timeout (engines/documents.py). The file is opened read-only
and never saved; an encrypted file with a user password is a target error ("password-protected"),
one with only an owner password is opened and its permissions become a rule.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pikepdf

from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.pdf_model import PdfModel, build_model, extract_text_runs, mcid_languages
from uu_check.options import ScanOptions
from uu_check.registry import run_checks

log = logging.getLogger(__name__)

#: Rules that need the extracted text (pypdf); text is only extracted when one of them runs.
TEXT_RULES = ("pdf-lang-mismatch", "pdf-reading-level")


def open_pdf(path: Path) -> pikepdf.Pdf:
    """Open read-only; every failure becomes a one-line TargetError naming the file."""
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise TargetError(f"{path.name}: password-protected (it needs a password to open)") from None
    except FileNotFoundError:
        raise TargetError(f"{path.name}: file not found") from None
    except pikepdf.PdfError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "damaged"
        reason = reason.split(": ", 1)[-1][:120]
        raise TargetError(f"{path.name}: not a readable PDF ({reason})") from None
    except OSError as exc:
        raise TargetError(f"{path.name}: cannot be read ({exc.strerror or type(exc).__name__})") from None


def load_model(path: Path, *, text: bool = True) -> PdfModel:
    """Parse a file into its model (with text runs when `text`); used by the engine and tests."""
    with open_pdf(path) as pdf:
        try:
            model = build_model(pdf, path.name)
        except pikepdf.PdfError as exc:
            reason = str(exc).strip().splitlines()[0].split(": ", 1)[-1][:120] if str(exc).strip() else "damaged"
            raise TargetError(f"{path.name}: not a readable PDF ({reason})") from None
        if text and model.page_count:
            try:
                extract_text_runs(pdf, path, model, mcid_languages(model))
            except Exception as exc:  # pypdf trouble loses only the text rules
                log.debug("text extraction failed for %s", path, exc_info=True)
                model.notes.append(f"text could not be extracted ({type(exc).__name__})")
    return model


def check_file(path: Path, options: ScanOptions) -> EngineResult:
    rule_filter = options.rule_filter
    wants_text = any(rule_filter.allows_id(rule_id) for rule_id in TEXT_RULES)
    model = load_model(path, text=wants_text)
    notes = list(dict.fromkeys(model.notes))[:20]
    for kind, detail in dict.fromkeys(model.tree_issues):
        notes.append(f"structure tree: {detail}" if kind == "cycle" else f"structure tree cut short: {detail}")
    notes = notes[:25]
    findings = list(run_checks("pdf", model, lang=options.lang, rule_filter=rule_filter,
                               options=dict(options.rule_options), notes=notes))
    return EngineResult(findings=findings, title=model.title, notes=notes, mode="pdf",
                        meta={"pages": model.page_count, "tagged": model.tagged})

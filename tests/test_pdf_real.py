"""PDFs made by a real office program (LibreOffice, see fixtures/pdf-real/README.md): a tagged
export passes every pdf rule, the same document exported without tags fails only on tags."""

from __future__ import annotations

from pathlib import Path

from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "pdf-real"


def _rules(name: str) -> set[str]:
    report = Scanner(ScanOptions(lang="nb", level="AAA", timeout=120)).scan_specs([file_spec(REAL / name)])
    assert report.targets[0].status == "checked", report.targets[0].error
    return {f.rule for f in report.findings if f.outcome == "violation"}


def test_libreoffice_tagged_export_is_clean() -> None:
    assert _rules("libreoffice-tagged.pdf") == set()


def test_libreoffice_untagged_export_is_reported_untagged() -> None:
    assert _rules("libreoffice-untagged.pdf") == {"pdf-untagged"}


def test_libreoffice_pdfua_export_is_clean() -> None:
    assert _rules("libreoffice-pdfua.pdf") == set()


def test_libreoffice_image_without_alt_is_found() -> None:
    assert _rules("libreoffice-tagged-image-no-alt.pdf") == {"pdf-figure-alt"}

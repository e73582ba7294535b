"""The Word engine on bad input (each file an `error` target with one line, the run goes on, the
input untouched) and on what a person needs from a finding (locations, title)."""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from uu_check.engines.base import TargetError
from uu_check.engines.docx import check_file, load_model
from uu_check.office import package as office_package
from uu_check.office.package import open_package
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures" / "build"))
import build_docx  # noqa: E402

GOOD = ROOT / "fixtures" / "rules" / "docx" / "docx-image-alt" / "fail-header-logo.docx"
CFB_HEADER = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>"""

XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a long comment to push the DOCTYPE away from the start: """ + b"x" * 3000 + b""" -->
<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:styleId="a"><w:name w:val="&xxe;"/></w:style></w:styles>"""


def _replace_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info.filename))
    return target


def _add_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    shutil.copy(source, target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr(name, data)
    return target


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad-docx")
    files: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        files[name] = folder / name
        files[name].write_bytes(data)

    write("corrupt.docx", b"This is not a Word document at all, just text with a .docx name.\n" * 20)
    write("truncated.docx", GOOD.read_bytes()[: GOOD.stat().st_size // 2])
    write("password.docx", CFB_HEADER + b"EncryptedPackage" + bytes(2000))
    write("old-word.docx", CFB_HEADER + b"WordDocument" + bytes(4000))
    write("empty.docx", b"")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    write("spreadsheet.docx", buffer.getvalue())
    files["bomb.docx"] = _add_part(GOOD, folder / "bomb.docx", "word/media/image9.bin", bytes(20 * 1024 * 1024))
    files["laughs.docx"] = _replace_part(GOOD, folder / "laughs.docx", "word/document.xml", BILLION_LAUGHS)
    files["xxe.docx"] = _replace_part(GOOD, folder / "xxe.docx", "word/styles.xml", XXE)
    files["good.docx"] = folder / "good.docx"
    shutil.copy(GOOD, files["good.docx"])
    return files


EXPECTED = {
    "corrupt.docx": "not a Word document",
    "truncated.docx": "damaged or truncated",
    "password.docx": "password-protected or an old .doc file",
    "old-word.docx": "password-protected or an old .doc file",
    "empty.docx": "empty",
    "spreadsheet.docx": "not a Word document",
    "bomb.docx": "zip bomb",
    "laughs.docx": "unsafe XML",
    "xxe.docx": "unsafe XML",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_files_are_error_targets_and_the_run_goes_on(bad_files: dict[str, Path]) -> None:
    before = {name: _digest(path) for name, path in bad_files.items()}
    names = list(bad_files)
    report = Scanner(ScanOptions(lang="en", timeout=60, jobs=2)).scan_specs(
        [file_spec(bad_files[n]) for n in names])
    by_name = {name: target for name, target in zip(names, report.targets)}
    for name, wanted in EXPECTED.items():
        target = by_name[name]
        assert target.status == "error", f"{name}: {target.status}"
        assert target.error and "\n" not in target.error and "Traceback" not in target.error
        assert target.error.startswith(name + ":"), target.error
        assert wanted in target.error, f"{name}: {target.error}"
    assert by_name["good.docx"].status == "checked"
    assert any(f.rule == "docx-image-alt" for f in report.findings)
    after = {name: _digest(path) for name, path in bad_files.items()}
    assert before == after, "an input file was modified"


def test_total_size_limit_is_checked_before_inflating(bad_files: dict[str, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_package, "MAX_TOTAL_UNCOMPRESSED", 10_000)
    with pytest.raises(TargetError, match="possible zip bomb"):
        open_package(bad_files["good.docx"], "docx")


def test_locations_name_header_paragraph_and_context() -> None:
    result = check_file(GOOD, ScanOptions(lang="nb"))
    finding = next(f for f in result.findings if f.rule == "docx-image-alt")
    assert finding.location.context == "header"
    assert finding.location.frame == "header 1"
    assert finding.location.shape == "Skolelogo"
    assert "Skolelogo" in finding.message and "mangler alternativ tekst" in finding.message
    assert result.title == "Brøk – arbeidsark"


def test_title_falls_back_to_first_heading(tmp_path: Path) -> None:
    document = build_docx.new_document(title=None)
    document.add_heading("Modul 3: Brøk", 1)
    document.add_paragraph(build_docx.NB_TEXT)
    path = tmp_path / "untitled.docx"
    build_docx.save(document, path)
    model = load_model(path)
    assert model.title in (None, "")
    assert model.display_title == "Modul 3: Brøk"


def test_paragraph_table_and_heading_context(tmp_path: Path) -> None:
    document = build_docx.new_document()
    document.add_heading("Oppgaver", 1)
    document.add_paragraph(build_docx.NB_TEXT)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("Brøk", "Svar"), ("1/2", "0,5"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "table.docx"
    build_docx.save(document, path)
    result = check_file(path, ScanOptions(lang="en"))
    finding = next(f for f in result.findings if f.rule == "docx-table-header-missing")
    assert finding.location.table == 1
    assert finding.location.paragraph == 3          # heading, body text, then the first cell
    assert finding.location.context == "Oppgaver"
    assert finding.location.snippet == "Brøk | Svar"

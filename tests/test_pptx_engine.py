"""The PowerPoint engine on bad input and on the model it builds.

Bad input (corrupt, truncated, password-protected, a .ppt or .docx renamed .pptx, a zip bomb,
XML entity tricks) must end as a target with status `error` and a one-line reason naming the
file, through the real Scanner, and the input file must never change.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from uu_check.engines.pptx import load_deck
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules" / "pptx"
GOOD = FIXTURES / "pptx-image-alt" / "fail-no-alt.pptx"

sys.path.insert(0, str(ROOT / "fixtures" / "build"))


def _cfb(stream_names: list[str]) -> bytes:
    """The start of an OLE compound file: its signature, a header and directory names in UTF-16,
    as in an encrypted Office file (EncryptionInfo, EncryptedPackage) or an old .ppt."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\x00")
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in stream_names)
    return header + directory.ljust(4096, b"\x00")


def _replace_part(source: Path, target: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info.filename))


def _bad_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    corrupt = folder / "corrupt.pptx"
    corrupt.write_bytes(b"This is not a presentation at all.\n" * 20)
    files["corrupt"] = corrupt

    truncated = folder / "truncated.pptx"
    data = GOOD.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    files["truncated"] = truncated

    empty = folder / "empty.pptx"
    empty.write_bytes(b"")
    files["empty"] = empty

    encrypted = folder / "password.pptx"
    encrypted.write_bytes(_cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    files["password"] = encrypted

    legacy = folder / "old-format.pptx"
    legacy.write_bytes(_cfb(["Root Entry", "PowerPoint Document", "Current User"]))
    files["ppt-renamed"] = legacy

    word = folder / "handout.pptx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>")
    files["docx-renamed"] = word

    bomb = folder / "bomb.pptx"
    shutil.copy(GOOD, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("ppt/media/huge.bin", "w", force_zip64=True) as part:
            block = bytes(1 << 20)
            for _ in range(260):  # 260 MB of zeros: about 250 KB compressed
                part.write(block)
    files["zip-bomb"] = bomb

    laughs = folder / "laughs.pptx"
    entities = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    billion = (f'<?xml version="1.0"?><!DOCTYPE p:presentation [<!ENTITY l0 "ha">{entities}]>'
               '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">&l9;</p:presentation>')
    _replace_part(GOOD, laughs, "ppt/presentation.xml", billion.encode())
    files["billion-laughs"] = laughs

    xxe = folder / "xxe.pptx"
    external = ('<?xml version="1.0"?><!DOCTYPE p:sld [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">&secret;</p:sld>')
    _replace_part(GOOD, xxe, "ppt/slides/slide1.xml", external.encode())
    files["external-entity"] = xxe

    damaged = folder / "damaged-slide.pptx"
    slide = zipfile.ZipFile(GOOD).read("ppt/slides/slide1.xml")
    _replace_part(GOOD, damaged, "ppt/slides/slide1.xml", slide[: len(slide) // 2])
    files["damaged-xml"] = damaged

    return files


@pytest.fixture(scope="module")
def bad_scan(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("bad-pptx")
    files = _bad_files(folder)
    before = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    report = Scanner(ScanOptions(timeout=120, jobs=2)).scan_specs([file_spec(p) for p in files.values()])
    targets = dict(zip(files, report.targets))
    after = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    return files, targets, before, after


BAD_CASES = ["corrupt", "truncated", "empty", "password", "ppt-renamed", "docx-renamed", "zip-bomb",
             "billion-laughs", "external-entity", "damaged-xml"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_an_error_target_with_one_line(bad_scan, case: str) -> None:
    files, targets, before, after = bad_scan
    target = targets[case]
    assert target.status == "error", f"{case}: {target.status}"
    assert target.error and "\n" not in target.error
    assert target.error.startswith(files[case].name + ":"), target.error
    assert "Traceback" not in target.error
    assert "root:" not in target.error  # no file content (the XXE target) leaks into the reason
    assert before[case] == after[case], "the input file was modified"


def test_reasons_say_what_is_wrong(bad_scan) -> None:
    _, targets, _, _ = bad_scan
    assert "password" in targets["password"].error.lower()
    assert ".ppt" in targets["ppt-renamed"].error
    assert "zip bomb" in targets["zip-bomb"].error.lower()
    assert "dtd" in targets["billion-laughs"].error.lower()
    assert "dtd" in targets["external-entity"].error.lower()
    assert "ppt/slides/slide1.xml" in targets["damaged-xml"].error
    assert "presentation" in targets["docx-renamed"].error.lower() or "powerpoint" in targets["docx-renamed"].error.lower()


def test_good_deck_is_not_modified_and_is_checked(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    shutil.copy(GOOD, deck)
    digest = hashlib.sha256(deck.read_bytes()).hexdigest()
    from uu_check.engines.pptx import check_file

    result = check_file(deck, ScanOptions(level="AAA"))
    assert any(f.rule == "pptx-image-alt" for f in result.findings)
    assert hashlib.sha256(deck.read_bytes()).hexdigest() == digest


# -- the model ----------------------------------------------------------------------------------

def test_model_reads_slides_shapes_and_inheritance(tmp_path: Path) -> None:
    import build_pptx as b

    prs = b.new_deck(title="Brøk – forelesning")
    slide = b.add_slide(prs, "Brøk", bullets=b.NB_BULLETS)
    b.add_picture(slide, name="Pizza", alt="Pizza i åtte stykker")
    b.add_text_box(slide, "Liten grå tekst", size=12, color="BBBBBB", name="Fotnote")
    b.add_table(slide, b.TABLE, header=True, merge=True, top=5)
    b.add_link(slide, "Klikk her", "https://ndla.no/brok")
    path = tmp_path / "model.pptx"
    b.save(prs, path)

    deck = load_deck(path)
    assert deck.title == "Brøk – forelesning"
    assert deck.default_lang == "nb-NO"
    only = deck.slides[0]
    assert only.number == 1 and only.title == "Brøk" and only.layout == "Title and Content"
    assert only.background == "FFFFFF"
    shapes = {s.name: s for s in only.walk()}
    title = next(s for s in only.shapes if s.is_title)
    assert only.shapes[0] is title
    assert title.runs[0].size == 44.0 and title.runs[0].color == "000000"  # from the master
    assert title.runs[0].lang == "nb-NO"  # from the presentation defaults
    body = next(s for s in only.shapes if s.ph_type == "obj")
    assert body.box is not None  # position inherited from the layout
    assert shapes["Pizza"].kind == "picture" and shapes["Pizza"].alt == "Pizza i åtte stykker"
    note = shapes["Fotnote"]
    assert note.kind == "text-box" and note.runs[0].size == 12.0 and note.runs[0].color == "BBBBBB"
    assert note.background == "FFFFFF"
    table = shapes["Tabell 1"].table
    assert table is not None and table.first_row and table.merged and table.rows == 3
    assert [(link.text, link.target) for link in only.links] == [("Klikk her", "https://ndla.no/brok")]


def test_locations_name_slide_shape_title_and_text() -> None:
    from uu_check.engines.pptx import check_file

    result = check_file(FIXTURES / "pptx-text-small" / "fail-12pt-box.pptx", ScanOptions(level="AAA"))
    small = next(f for f in result.findings if f.rule == "pptx-text-small")
    assert small.location.slide == 1
    assert small.location.shape == "Kilde"
    assert small.location.context == "Brøk"
    assert small.location.snippet.startswith("Kilde: Matematikk")


def test_shrink_to_fit_and_theme_colours_are_resolved() -> None:
    shrunk = load_deck(FIXTURES / "pptx-text-small" / "fail-shrunk-to-fit.pptx")
    body = next(s for s in shrunk.slides[1].shapes if s.ph_type == "obj")
    assert body.runs[0].size == round(32 * 0.475, 1)
    themed = load_deck(FIXTURES / "pptx-text-contrast" / "fail-theme-background.pptx")
    assert themed.slides[0].background == "1F497D"  # text 2 of python-pptx's default theme


def test_decorative_and_groups() -> None:
    deck = load_deck(FIXTURES / "pptx-image-alt" / "fail-in-group.pptx")
    group = next(s for s in deck.slides[0].shapes if s.kind == "group")
    assert [c.kind for c in group.children] == ["picture", "text-box"]
    assert all(c.in_group for c in group.children)
    decorative = load_deck(FIXTURES / "pptx-image-alt" / "pass-decorative.pptx")
    assert any(s.decorative for s in decorative.slides[0].walk())

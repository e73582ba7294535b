"""The PDF engine on bad input and on the model it builds: every hostile file ends as a target
that is `checked` or `error` with a one-line reason, within the timeout, and is never written."""

from __future__ import annotations

import hashlib
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from uu_check.engines.pdf import load_model
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures" / "build"))
from pdf_builder import PdfBuilder  # noqa: E402

NORWEGIAN = "Brøk er en måte å skrive deler av en helhet på, og vi øver på det hele uka."


def _good(path: Path, **options) -> Path:
    doc = PdfBuilder(**options)
    page = doc.page()
    page.text("Brøk", "H1")
    page.text(NORWEGIAN)
    doc.save(path)
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _bad_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    files["corrupt"] = folder / "corrupt.pdf"
    files["corrupt"].write_bytes(b"%PDF-1.7\nthis is not really a pdf \x00\x01\x02" * 50)

    good = _good(folder / "good.pdf")
    files["truncated"] = folder / "truncated.pdf"
    files["truncated"].write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])

    files["empty"] = folder / "empty.pdf"
    files["empty"].write_bytes(b"")

    user = PdfBuilder()
    user.page().text(NORWEGIAN)
    files["user-password"] = folder / "user-password.pdf"
    user.save(files["user-password"], encryption=pikepdf.Encryption(owner="eier", user="hemmelig", R=6))

    owner = PdfBuilder()
    owner.page().text(NORWEGIAN)
    files["owner-only"] = folder / "owner-only.pdf"
    owner.save(files["owner-only"], encryption=pikepdf.Encryption(
        owner="eier", user="", R=3, aes=False, metadata=False,
        allow=pikepdf.Permissions(accessibility=False, extract=False)))

    # A structure tree that loops: an element lists its own parent as a kid.
    cyclic = PdfBuilder()
    page = cyclic.page()
    section = cyclic.elem("Sect")
    page.text(NORWEGIAN, "P", parent=section)
    section.K.append(cyclic.document)
    section.K.append(section)
    files["struct-cycle"] = folder / "struct-cycle.pdf"
    cyclic.save(files["struct-cycle"])

    # A structure tree 3000 levels deep.
    deep = PdfBuilder()
    page = deep.page()
    parent = deep.document
    for _ in range(3000):
        parent = deep.elem("Div", parent)
    page.text(NORWEGIAN, "P", parent=parent)
    files["deep-tree"] = folder / "deep-tree.pdf"
    deep.save(files["deep-tree"])

    # Looping outlines, a form field that is its own kid, a form XObject that draws itself.
    loops = PdfBuilder()
    page = loops.page()
    page.text("Brøk", "H1")
    page.text(NORWEGIAN)
    page.field("svar", tooltip="Svar")
    loops.outline([("Brøk", 0)])
    pdf = loops.pdf
    first = pdf.Root.Outlines.First
    first.Next = first
    field = pdf.Root.AcroForm.Fields[0]
    field.Kids = Array([field])
    form = pdf.make_stream(b"/Self Do", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 10, 10])
    form.Resources = Dictionary(XObject=Dictionary(Self=form))
    page.xobjects["/Self"] = form
    page.content.append(b"/Self Do")
    files["loops"] = folder / "loops.pdf"
    loops.save(files["loops"])

    # A chain of 5000 nested arrays hanging off the catalog and a structure element's attributes,
    # and an array that contains itself.
    nested = PdfBuilder()
    page = nested.page()
    chain = Array([1])
    for _ in range(5000):
        chain = nested.pdf.make_indirect(Array([chain]))
    loop = nested.pdf.make_indirect(Array())
    loop.append(loop)
    nested.pdf.Root.Deep = chain
    page.text(NORWEGIAN, "P", elem=nested.elem("P"))
    nested.document.A = Array([chain, loop, Dictionary(O=Name.Layout, Loop=loop)])
    files["nested"] = folder / "nested.pdf"
    nested.save(files["nested"])

    # One page whose content stream decodes to 40 MB.
    big = PdfBuilder()
    page = big.page()
    page.text(NORWEGIAN)
    page.finish = lambda: None  # we set the content ourselves
    payload = b"0 0 m 10 10 l S\n" * 2_500_000
    page.obj.Resources = Dictionary(Font=Dictionary(F1=big.font))
    page.obj.Contents = pdf_stream = big.pdf.make_stream(zlib.compress(payload, 9))
    pdf_stream.Filter = Name.FlateDecode
    files["huge-content"] = folder / "huge-content.pdf"
    big.save(files["huge-content"])
    return files


@pytest.fixture(scope="module")
def bad_scan(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("bad-pdf")
    files = _bad_files(folder)
    before = {name: _sha(path) for name, path in files.items()}
    # The timeout is generous: a worker's first file also loads the language detector.
    report = Scanner(ScanOptions(lang="en", level="AAA", timeout=90, jobs=2)).scan_specs(
        [file_spec(path) for path in files.values()])
    targets = dict(zip(files, report.targets))
    return files, before, report, targets


def test_every_bad_file_ends_checked_or_error_within_the_timeout(bad_scan) -> None:
    files, _, _, targets = bad_scan
    for name, target in targets.items():
        assert target.status in ("checked", "error"), name
        if target.status == "error":
            assert target.error and "\n" not in target.error and "Traceback" not in target.error, name
            assert files[name].name in target.error, name


def test_inputs_are_never_written(bad_scan) -> None:
    files, before, *_ = bad_scan
    assert {name: _sha(path) for name, path in files.items()} == before


def test_corrupt_and_empty_files_are_errors(bad_scan) -> None:
    *_, targets = bad_scan
    assert targets["corrupt"].status == "error"
    assert targets["empty"].status == "error"


def test_user_password_is_a_clear_error(bad_scan) -> None:
    *_, targets = bad_scan
    assert targets["user-password"].status == "error"
    assert "password-protected" in targets["user-password"].error
    assert "hemmelig" not in targets["user-password"].error


def test_owner_only_encryption_opens_and_reports_blocked_assistive_technology(bad_scan) -> None:
    _, _, report, targets = bad_scan
    target = targets["owner-only"]
    assert target.status == "checked"
    rules = {f.rule for f in report.findings if f.target == target.id}
    assert "pdf-encryption-blocks-at" in rules


@pytest.mark.parametrize("name", ["struct-cycle", "deep-tree", "loops", "huge-content", "nested", "truncated"])
def test_hostile_structures_are_checked_or_fail_cleanly(bad_scan, name: str) -> None:
    *_, targets = bad_scan
    assert targets[name].status in ("checked", "error")


def test_structure_cycle_is_noticed(tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    model = load_model(files["struct-cycle"])
    assert any(kind == "cycle" for kind, _ in model.tree_issues)
    deep = load_model(files["deep-tree"])
    assert max(e.depth for e in deep.elements) >= 3000
    huge = load_model(files["huge-content"], text=False)
    assert huge.pages[0].shallow


def test_model_reads_structure_locations_and_text(tmp_path: Path) -> None:
    doc = PdfBuilder(lang="nb-NO", title="Brøk")
    page = doc.page()
    page.text("Brøk og desimaltall", "H1")
    page.text(NORWEGIAN)
    page.image(alt="En pizza delt i åtte")
    page.link("Oppgaver om brøk", "https://example.org")
    path = tmp_path / "model.pdf"
    doc.save(path)
    model = load_model(path)
    assert model.tagged and model.lang == "nb-NO" and model.title == "Brøk"
    heading = next(model.of_type("H1"))
    assert heading.text == "Brøk og desimaltall" and model.page_of(heading) == 1
    figure = next(model.of_type("Figure"))
    assert figure.alt == "En pizza delt i åtte"
    link = next(a for a in model.pages[0].annotations if a.subtype == "Link")
    assert link.element is not None and model.elements[link.element].type == "Link"
    assert "Brøk" in " ".join(text for _, text in model.text_runs)


def test_findings_carry_page_context_and_snippet() -> None:
    report = Scanner(ScanOptions(lang="nb", level="AAA")).scan_specs(
        [file_spec(ROOT / "fixtures/rules/pdf/pdf-figure-alt/fail-file-name-alt.pdf")])
    finding = next(f for f in report.findings if f.rule == "pdf-figure-alt")
    assert finding.location.page == 1
    assert finding.location.context == "Figure"
    assert finding.location.snippet == "IMG_2231.jpg"
    assert "filnavn" in finding.message

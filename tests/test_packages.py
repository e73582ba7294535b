"""Course packages: IMS Common Cartridge and SCORM, built here from realistic content; hostile
packages (path traversal, zip bombs, symlinks) are refused with a clear reason."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from uu_check.options import ScanOptions
from uu_check.scanner import Scanner

CC_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="g1" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
  xmlns:lom="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
    <lomimscc:lom xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"><lomimscc:general>
      <lomimscc:title><lomimscc:string>Matematikk 1P</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom>
  </metadata>
  <organizations><organization identifier="org1" structure="rooted-hierarchy"><item identifier="root">
    <item identifier="m1"><title>Modul 1: Brøk</title>
      <item identifier="i1" identifierref="r1"><title>Hva er en brøk?</title></item>
      <item identifier="i2" identifierref="r2"><title>Diskusjon: brøk i hverdagen</title></item>
    </item>
    <item identifier="m2"><title>Modul 2: Prosent</title>
      <item identifier="i3" identifierref="r3"><title>Prosent</title></item>
    </item>
  </item></organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" href="wiki_content/hva-er-en-brok.html">
      <file href="wiki_content/hva-er-en-brok.html"/></resource>
    <resource identifier="r2" type="imsdt_xmlv1p1"><file href="r2/topic.xml"/></resource>
    <resource identifier="r3" type="webcontent" href="wiki_content/prosent.html">
      <file href="wiki_content/prosent.html"/></resource>
  </resources>
</manifest>"""

PAGE_BAD = ('<html><head><title>Hva er en brøk?</title></head><body><h2>Hva er en brøk?</h2>'
            '<p>En brøk er en del av en helhet.</p><img src="../web_resources/pizza.png"></body></html>')
PAGE_GOOD = ('<html><head><title>Prosent</title></head><body><h2>Prosent</h2>'
             '<p>Prosent betyr hundredeler.</p></body></html>')
TOPIC = ('<?xml version="1.0"?><topic xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"><title>Diskusjon</title>'
         '<text texttype="text/html">&lt;p&gt;Del et bilde:&lt;/p&gt;&lt;img src="x.png"&gt;</text></topic>')

SCORM_MANIFEST = """<?xml version="1.0"?>
<manifest identifier="s1" version="1.2" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o1"><organization identifier="o1"><title>Personvern for lærere</title>
    <item identifier="i1" identifierref="sco1"><title>Leksjon 1</title></item>
  </organization></organizations>
  <resources><resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/><file href="ressurser/veileder.pdf"/></resource></resources>
</manifest>"""


def build(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def scan(path: Path, **options: object):
    return Scanner(ScanOptions(lang="en", use_browser=False, **options)).scan([str(path)])  # type: ignore[arg-type]


def test_common_cartridge_pages_and_discussions_with_course_structure(tmp_path: Path) -> None:
    package = build(tmp_path / "matte.imscc", {
        "imsmanifest.xml": CC_MANIFEST, "wiki_content/hva-er-en-brok.html": PAGE_BAD,
        "wiki_content/prosent.html": PAGE_GOOD, "r2/topic.xml": TOPIC, "web_resources/pizza.png": b"\x89PNG"})
    before = hashlib.sha256(package.read_bytes()).hexdigest()
    report = scan(package)
    assert hashlib.sha256(package.read_bytes()).hexdigest() == before
    assert [t.status for t in report.targets] == ["checked"] * 3
    parents = [(t.parent["course"], t.parent["module"], t.parent["item"]) for t in report.targets]
    assert parents == [("Matematikk 1P", "Modul 1: Brøk", "Hva er en brøk?"),
                       ("Matematikk 1P", "Modul 1: Brøk", "Diskusjon: brøk i hverdagen"),
                       ("Matematikk 1P", "Modul 2: Prosent", "Prosent")]
    assert report.targets[0].key.endswith("matte.imscc!/wiki_content/hva-er-en-brok.html")
    assert all(t.parent["format"] == "Common Cartridge" for t in report.targets)


@pytest.mark.browser
def test_cartridge_pages_are_fragments_in_the_browser(tmp_path: Path) -> None:
    package = build(tmp_path / "matte.imscc", {
        "imsmanifest.xml": CC_MANIFEST, "wiki_content/hva-er-en-brok.html": PAGE_BAD,
        "wiki_content/prosent.html": PAGE_GOOD, "r2/topic.xml": TOPIC})
    report = Scanner(ScanOptions(lang="en")).scan([str(package)])
    rules = {f.rule for f in report.findings}
    assert "image-alt" in rules
    assert not rules & {"html-has-lang", "landmark-one-main", "region", "page-has-heading-one"}


def test_scorm_package_checks_pages_and_documents(tmp_path: Path) -> None:
    package = build(tmp_path / "personvern.zip", {
        "imsmanifest.xml": SCORM_MANIFEST, "index.html": PAGE_GOOD, "ressurser/veileder.pdf": b"%PDF-1.4 broken"})
    report = scan(package)
    kinds = sorted(t.kind for t in report.targets)
    assert kinds == ["html", "pdf"]
    assert all(t.parent["format"] == "SCORM" and t.parent["course"] == "Personvern for lærere" for t in report.targets)


def test_plain_zip_is_skipped(tmp_path: Path) -> None:
    report = scan(build(tmp_path / "bilder.zip", {"a.png": b"x"}))
    assert report.targets[0].status == "skipped"
    assert "not a course package" in report.targets[0].error


@pytest.mark.parametrize("name", ["../../evil.html", "/etc/evil.html", "wiki/../../evil.html"])
def test_path_traversal_is_refused(tmp_path: Path, name: str) -> None:
    package = build(tmp_path / "evil.imscc", {"imsmanifest.xml": CC_MANIFEST, name: PAGE_GOOD})
    report = scan(package)
    assert [t.status for t in report.targets] == ["error"]
    assert "refused" in report.targets[0].error and "evil.imscc" in report.targets[0].error
    assert not (tmp_path.parent / "evil.html").exists()


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "bomb.imscc"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", CC_MANIFEST)
        with archive.open("web_resources/zeros.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(400):
                member.write(block)
    assert package.stat().st_size < 2_000_000
    report = scan(package)
    assert report.targets[0].status == "error"
    assert "zip bomb" in report.targets[0].error


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "link.imscc"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("imsmanifest.xml", CC_MANIFEST)
        info = zipfile.ZipInfo("wiki_content/hva-er-en-brok.html")
        info.external_attr = (0o120777 << 16)
        archive.writestr(info, "/etc/passwd")
    report = scan(package)
    assert "symbolic link" in report.targets[0].error


def test_not_a_zip_and_bad_manifest(tmp_path: Path) -> None:
    fake = tmp_path / "fake.imscc"
    fake.write_text("not a zip")
    bad = build(tmp_path / "bad.imscc", {"imsmanifest.xml": "<manifest><unclosed>"})
    ent = build(tmp_path / "ent.imscc", {"imsmanifest.xml": '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><manifest>&a;</manifest>'})
    report = Scanner(ScanOptions(use_browser=False)).scan([str(fake), str(bad), str(ent)])
    errors = [t.error for t in report.targets]
    assert "not a readable zip" in errors[0]
    assert "not valid XML" in errors[1]
    assert "not valid XML" in errors[2]

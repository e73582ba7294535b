"""The Word model and the shared OOXML theme helpers on real .docx files: style inheritance,
theme colours, drawings behind mc:AlternateContent, old VML pictures, field-code hyperlinks."""

from __future__ import annotations

import sys
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from uu_check.engines.docx import load_model
from uu_check.office.package import has_doctype
from uu_check.office.theme import Theme, drawingml_color, word_theme_color

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures" / "build"))
import build_docx as B  # noqa: E402

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_word_theme_tint_and_shade_match_word() -> None:
    theme = Theme()  # Office 2013+ default: accent1 4472C4
    assert word_theme_color(theme, "accent1", theme_tint="99") == "8FAADC"   # "40 % lighter"
    assert word_theme_color(theme, "accent1", theme_shade="BF") == "2F5496"  # "25 % darker", as Word writes it
    assert word_theme_color(theme, "text1") == "000000"
    assert word_theme_color(theme, "background1", clr_map={"bg1": "dk1"}) == "000000"


def test_drawingml_scheme_colour_with_lum_mod_off() -> None:
    element = parse_xml(f'<a:solidFill xmlns:a="{A}"><a:schemeClr val="accent1"><a:lumMod val="60000"/>'
                        f'<a:lumOff val="40000"/></a:schemeClr></a:solidFill>')
    assert drawingml_color(element, Theme()) == ("8FAADC", 1.0)


def test_doctype_detection_skips_comments_and_declarations() -> None:
    assert has_doctype(b'<?xml version="1.0"?><!-- hi --><!DOCTYPE x []><x/>') is True
    assert has_doctype(b'<?xml version="1.0"?>\n<w:document/>') is False
    assert has_doctype(b'<?xml version="1.0"?><!-- unfinished') is None


def test_style_inheritance_direct_formatting_and_theme(tmp_path: Path) -> None:
    d = B.new_document()
    d.add_heading("Brøk", 1)
    run = d.add_paragraph().add_run("Liten lys tekst")
    run.font.size = Pt(8)
    B.theme_color(run, "accent1", tint="99")
    B.set_run_language(run, "en-GB")
    path = tmp_path / "styles.docx"
    B.save(d, path)
    model = load_model(path)
    heading, body = model.paragraphs
    assert heading.heading_level == 1 and heading.style_name == "heading 1"
    assert heading.runs[0].props.bold is True            # from the Heading 1 style
    props = body.runs[0].props
    assert props.size == 8.0 and props.lang == "en-GB"
    assert props.color == "95B3D7"                       # python-docx template theme: 4F81BD, 40 % lighter
    assert model.default_lang == "nb-NO"
    assert body.context == "Brøk"


def test_shapes_are_counted_once_and_text_boxes_are_read_in_place(tmp_path: Path) -> None:
    d = B.new_document()
    paragraph = d.add_paragraph()
    B.add_shape(paragraph, name="Pil 1")
    B.add_shape(paragraph, name="Tekstboks 2", text="Husk å forkorte.")
    path = tmp_path / "shapes.docx"
    B.save(d, path)
    model = load_model(path)
    assert [(x.kind, x.name, x.has_text) for x in model.drawings] == [
        ("shape", "Pil 1", False), ("shape", "Tekstboks 2", True)]
    # the text box's words are read where it is anchored: right after its paragraph
    assert [p.text for p in model.paragraphs] == ["", "Husk å forkorte."]


def test_vml_picture_alt_and_field_code_hyperlink(tmp_path: Path) -> None:
    d = B.new_document()
    paragraph = d.add_paragraph()
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        f'<v:shape id="Bilde 7" alt="Gammelt bilde av en brøk" style="width:100pt;height:50pt">'
        f'<v:imagedata/></v:shape></w:pict></w:r>'))
    field = d.add_paragraph()
    for xml in ('<w:fldChar w:fldCharType="begin"/>',
                '<w:instrText xml:space="preserve"> HYPERLINK "https://www.udir.no/" </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', '<w:t>les mer</w:t>',
                '<w:fldChar w:fldCharType="end"/>'):
        field._p.append(parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>'))
    path = tmp_path / "legacy.docx"
    B.save(d, path)
    model = load_model(path)
    assert [(x.kind, x.alt) for x in model.drawings] == [("picture", "Gammelt bilde av en brøk")]
    assert [(h.text, h.target) for h in model.hyperlinks] == [("les mer", "https://www.udir.no/")]


def test_nested_tables_merges_and_header_flag(tmp_path: Path) -> None:
    d = B.new_document()
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Uke", "Tema"
    B.mark_header_row(outer)
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).merge(inner.cell(0, 1)).text = "Brøk"
    path = tmp_path / "tables.docx"
    B.save(d, path)
    model = load_model(path)
    first, second = model.tables
    assert first.header_row and first.parent is None and not first.merged
    assert second.parent == 1 and second.depth == 1 and second.merged
    assert first.rows[0][0].text == "Uke"


def test_smartart_and_decorative_marks_are_read(tmp_path: Path) -> None:
    d = B.new_document()
    paragraph = d.add_paragraph()
    paragraph.add_run()._r.append(parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a")}><wp:inline><wp:extent cx="100" cy="100"/>'
        f'<wp:docPr id="50" name="Diagram 3"/><a:graphic>'
        f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/>'
        f'</a:graphic></wp:inline></w:drawing>'))
    B.add_picture(d.add_paragraph(), decorative=True, name="Strek")
    path = tmp_path / "smartart.docx"
    B.save(d, path)
    model = load_model(path)
    assert [(x.kind, x.name, x.decorative) for x in model.drawings] == [
        ("smartart", "Diagram 3", False), ("picture", "Strek", True)]


def test_function_word_pre_check() -> None:
    from uu_check.text.language import clearly_in

    assert clearly_in("nb-NO", B.NB_TEXT)
    assert not clearly_in("nb-NO", B.EN_TEXT)          # goes to the detector
    assert clearly_in("en-GB", B.EN_TEXT)
    assert not clearly_in("de-DE", B.NB_TEXT)          # no word list: always the detector

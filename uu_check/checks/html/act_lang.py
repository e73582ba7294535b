"""ACT de46e4 (WCAG 3.1.2 Language of Parts): a `lang` attribute on a part of the page must be
a valid language tag, or a screen reader cannot pick the right voice for that part.

"english", "dutch", "eng" (the three-letter code where a two-letter one exists) or "i-lux"
(a retired tag) do not switch the voice. The page-level `<html lang>` is axe-core's
html-lang-valid; whether the text really is in the declared language is html-lang-mismatch
and html-lang-element-mismatch (checks/html/language.py). This rule only validates the tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import NavigableString, Tag

from uu_check.checks.html.act_accname import is_rendered_hidden
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: ISO 639-1 two-letter codes (the ones BCP 47 uses as primary language subtags).
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de
dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id
ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl
ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl
tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

#: Three-letter codes (ISO 639-2/T and /B) that have a two-letter code, which BCP 47 requires.
THREE_WITH_TWO = frozenset("""
aar abk afr aka alb amh ara arg arm asm ava ave aym aze bak bam baq bel ben bih bis bod bos bre bul
bur cat ces cha che chi chu chv cor cos cre cym cze dan deu div dut dzo ell eng epo est eus ewe fao
fas fij fin fra fre fry ful geo ger gla gle glg glv gre grn guj hat hau heb her hin hmo hrv hun hye
ibo ice ido iii iku ile ina ind ipk isl ita jav jpn kal kan kas kat kau kaz khm kik kin kir kom kon
kor kua kur lao lat lav lim lin lit ltz lub lug mac mah mal mao mar may mkd mlg mlt mon mri msa mya
nau nav nbl nde ndo nep nld nno nob nor nya oci oji ori orm oss pan per pli pol por pus que roh ron
rum run rus sag san sin slk slo slv sme smo sna snd som sot spa sqi srd srp ssw sun swa swe tah tam
tat tel tgk tgl tha tib tir ton tsn tso tuk tur twi uig ukr urd uzb ven vie vol wel wln wol xho yid
yor zha zho zul
""".split())

_TAG = re.compile(r"^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$", re.IGNORECASE)


def valid_language_tag(value: str) -> bool:
    """A well-formed BCP 47 tag whose primary language subtag is a real, current code."""
    tag = value.strip()
    if not tag or not _TAG.match(tag):
        return False
    primary = tag.split("-")[0].lower()
    if len(primary) == 2:
        return primary in ISO_639_1
    if len(primary) == 3:
        return primary not in THREE_WITH_TWO
    return False  # 4-8 letter primary subtags are reserved or unused


def _has_own_text(doc: HtmlDocument, element: Tag) -> bool:
    """Text (or an image's alt) in the element that is not inside a descendant with its own lang."""
    for child in element.children:
        if isinstance(child, Tag):
            if child.name in ("script", "style", "template") or is_rendered_hidden(doc, child):
                continue
            if child.has_attr("lang") and str(child.get("lang")).strip():
                continue
            if child.name == "img" and str(child.get("alt", "")).strip():
                return True
            if _has_own_text(doc, child):
                return True
        elif type(child) is NavigableString and child.strip():
            return True
    return False


@check("html-lang-invalid", engine="html")
def lang_invalid(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for element in doc.body.find_all(attrs={"lang": True}):
        value = str(element.get("lang", ""))
        if value == "" or valid_language_tag(value):
            continue  # lang="" means "unknown", which is allowed; lang="  " is not
        if is_rendered_hidden(doc, element) or not _has_own_text(doc, element):
            continue
        yield ctx.violation(Location(selector=selector(element), snippet=snippet(element),
                                     context=heading_context(element)), code=value.strip()[:20] or value)

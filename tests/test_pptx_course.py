"""The sample course's lecture deck shows the barriers it was built with, at the places a teacher
can find them (slide, shape, slide title), and nothing on the slides that are fine."""

from __future__ import annotations

from pathlib import Path

from uu_check.engines.pptx import check_file
from uu_check.options import ScanOptions

DECK = Path(__file__).resolve().parent.parent / "fixtures" / "course" / "uke-3-brok-forelesning.pptx"


def test_course_deck_barriers() -> None:
    result = check_file(DECK, ScanOptions(lang="nb"))
    found = {(f.rule, f.location.slide, f.location.shape) for f in result.findings}
    assert ("pptx-slide-title", 5, None) in found
    assert ("pptx-slide-title-unique", 7, None) in found
    assert ("pptx-image-alt", 3, "Bilde 4") in found
    assert ("pptx-text-contrast", 10, "Rektangel 2") in found
    assert ("pptx-text-contrast", 10, "TekstBoks 6") in found
    assert ("pptx-text-small", 11, "Kilde") in found
    assert ("pptx-table-header", 8, "Tabell 2") in found
    assert ("pptx-link-text", 11, "Lenke") in found
    assert ("pptx-reading-order", 9, "TekstBoks 5") in found
    rules = {f.rule for f in result.findings}
    assert not rules & {"pptx-doc-title", "pptx-lang-missing", "pptx-lang-mismatch", "pptx-object-alt"}
    assert not [f for f in result.findings if f.location.slide in (1, 2, 4, 12)]
    assert result.title == "Brøk – forelesning uke 3"
    image = next(f for f in result.findings if f.rule == "pptx-image-alt")
    assert image.location.context == "Hva er en brøk?"
    assert "Vis alternativ tekst" in image.fix

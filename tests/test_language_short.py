"""Short-text language decisions (text.language.short_text_mismatch): what the page and element
language rules decide on titles, alt texts and single sentences, and what they must leave alone."""

from __future__ import annotations

import pytest

from uu_check.text.language import short_text_mismatch


@pytest.mark.parametrize("declared, text, expected", [
    ("nl", 'Gelukkig The Dutch word "gelukkig" has no equivalent in English.', "en"),  # one Dutch word
    ("en", 'Met de kippen op stok "Hij ging met de kippen op stok"', "nl"),
    ("fr", "Fireworks over Paris", "en"),
    ("nb", "The lecture is moved to Thursday.", "en"),
])
def test_clear_mismatch(declared: str, text: str, expected: str) -> None:
    found = short_text_mismatch(declared, text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize("declared, text", [
    ("nb", "Her finn du vekeplanen og oppgåvene."),       # nynorsk under bokmål
    ("nb", "Velkommen til kurset i samfunnsfag"),          # Danish-looking bokmål
    ("nn", "Välkommen till kursen i samhällskunskap"),    # Swedish under nynorsk: Scandinavian, left alone
    ("da", "Innlevering av oppgave 2 i Canvas"),
    ("nb", "Oppgave 3: Fotosyntese"),
    ("nb", "Les mer her"),
    ("nb", "Lærebok: Kosmos 8"),
    ("nb", "Canvas, Moodle"),                               # product names look like anything
    ("en", "Professor Jürgen Müller"),                     # names never anchor a detection
    ("en", "File > Properties > Description"),            # not "Latin"
    ("fr", "Paul put dire comment on tape"),               # English and French at once
    ("nl", "Bonne année !"),                               # two words: too short to decide
])
def test_left_alone(declared: str, text: str) -> None:
    assert short_text_mismatch(declared, text) is None


def test_a_piece_in_the_declared_language_vetoes() -> None:
    """A page titled "Velkommen" with one English sentence is mixed, not wrongly marked."""
    text = "Velkommen Hello Welcome to the course."
    assert short_text_mismatch("nb", text, ("Velkommen", "Hello", "Welcome to the course.")) is None

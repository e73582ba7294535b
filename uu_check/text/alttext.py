"""Alt text that does not describe: a file name, a placeholder word, or far too long."""

from __future__ import annotations

import re

IMAGE_FILE = re.compile(
    r"^[\w\-. ()%]+\.(?:png|jpe?g|gif|bmp|svg|webp|tiff?|heic|emf|wmf|ico|avif)$", re.IGNORECASE
)
CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|pxl|screenshot|skjermbilde|bilde|image)[\s_\-]?\d{2,}", re.IGNORECASE)

#: Alt texts (lower case) that only say "there is an image here".
PLACEHOLDER_ALTS: frozenset[str] = frozenset(
    {
        "bilde", "bildet", "foto", "fotografi", "illustrasjon", "grafikk", "figur", "ikon",
        "logo", "skjermbilde", "bilete", "biletet", "image", "img", "picture", "pic", "photo",
        "photograph", "graphic", "illustration", "figure", "icon", "spacer", "blank", "placeholder",
        "alt", "alt text", "alternativ tekst", "untitled", "uten navn", "utan namn", "insert alt text",
        "description", "beskrivelse", "skildring", "chart", "diagram", "graf", "tabell", "table",
        "mceclip0", "a picture containing", "et bilde som inneholder",
    }
)

#: Longer than this and a screen reader user cannot skim it: put it in the text instead.
MAX_ALT_LENGTH = 150


def is_file_name(alt: str) -> bool:
    alt = (alt or "").strip()
    return bool(IMAGE_FILE.match(alt) or CAMERA_NAME.match(alt))


def is_placeholder(alt: str) -> bool:
    text = re.sub(r"\s+", " ", (alt or "").strip().lower()).strip(" .:-_")
    return text in PLACEHOLDER_ALTS or bool(re.fullmatch(r"(?:bilde|image|img|photo|foto)\s*\d*", text))


#: Last words that make a short alt a label of the kind of image rather than of its content.
_GENERIC_TAIL = {
    "bilde", "bildet", "bilete", "biletet", "foto", "fotografi", "illustrasjon", "grafikk",
    "image", "picture", "photo", "photograph", "graphic", "illustration", "pic", "img",
}


def looks_generic(alt: str) -> bool:
    """'golfing image', 'bilde 3', 'foto': a few words that end in the kind of image.

    Weaker than `is_placeholder`: alone it may still say something, repeated on many different
    images it says nothing.
    """
    words = re.findall(r"[^\W\d_]+", (alt or "").lower())
    return is_placeholder(alt) or (0 < len(words) <= 3 and words[-1] in _GENERIC_TAIL)


#: Office's automatic descriptions carry this phrase until a person confirms or edits them.
_AUTO_GENERATED = re.compile(
    r"(description automatically generated|automatically generated description|"
    r"automatisk generert beskrivelse|beskrivelse er generert automatisk|beskrivelse generert automatisk|"
    r"skildring generert automatisk|automatisk generert skildring)",
    re.IGNORECASE,
)


def is_auto_generated(alt: str) -> bool:
    """'A picture containing text … Description automatically generated': Office guessed, nobody
    checked. The guess rarely says what matters in a lesson."""
    return bool(_AUTO_GENERATED.search(alt or ""))

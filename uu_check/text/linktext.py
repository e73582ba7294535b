"""Link text that does not say where a link goes: 'klikk her', 'les mer', 'click here', a raw URL."""

from __future__ import annotations

import re

#: Whole link texts (normalised: lower case, no punctuation at the ends) that say nothing on their own.
GENERIC_LINK_TEXTS: frozenset[str] = frozenset(
    {
        # bokmål
        "klikk her", "trykk her", "her", "les mer", "mer", "lenke", "link", "lenken", "denne lenken",
        "denne", "se her", "gå hit", "hit", "mer info", "mer informasjon", "les mer her",
        "klikk", "trykk", "last ned", "last ned her", "åpne", "åpne her", "les", "fortsett",
        "fortsett å lese", "neste", "forrige", "detaljer", "info", "informasjon", "dokument",
        "fil", "se mer", "vis mer", "klikk på lenken", "klikk på denne lenken", "nettside",
        "trykk på lenken", "les mer om dette", "mer om dette", "her finner du mer",
        # nynorsk
        "klikk her for meir", "les meir", "meir", "meir info", "meir informasjon", "lenkja",
        "denne lenkja", "sjå her", "sjå meir", "vis meir", "gå hit", "opne", "opne her",
        "last ned her", "les meir her", "lenkje", "denne lenkja", "denne lenkje", "klikk på lenkja",
        "trykk på lenkja", "les meir om dette", "meir om dette", "her finn du meir",
        # English
        "click here", "click", "here", "read more", "more", "link", "this link", "this",
        "more info", "more information", "learn more", "details", "go", "go here", "download",
        "download here", "continue", "continue reading", "see more", "show more", "open",
        "tap here", "press here", "page", "website", "click this link", "this page",
    }
)

_EDGE_PUNCT = re.compile(r"^[\s\W_]+|[\s\W_]+$", re.UNICODE)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def normalise_link_text(text: str) -> str:
    """Lower case, single spaces, no punctuation or arrows at the ends ('Les mer »' -> 'les mer')."""
    text = re.sub(r"\s+", " ", text or "").strip().lower()
    return _EDGE_PUNCT.sub("", text)


def is_generic_link_text(text: str) -> bool:
    return normalise_link_text(text) in GENERIC_LINK_TEXTS


def is_raw_url(text: str) -> bool:
    return bool(_URL.match((text or "").strip()))

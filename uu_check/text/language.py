"""Which language a text is written in, and whether that matches what a page or file declares.

Uses lingua (Apache-2.0), which knows Norwegian bokmål and nynorsk apart. The detector is built
once per process over the languages a Norwegian course is likely to contain.
"""

from __future__ import annotations

import functools
import re

from lingua import Language, LanguageDetectorBuilder

#: lingua language -> BCP 47 primary subtag.
_CODES: dict[Language, str] = {
    Language.BOKMAL: "nb",
    Language.NYNORSK: "nn",
    Language.ENGLISH: "en",
    Language.SWEDISH: "sv",
    Language.DANISH: "da",
    Language.GERMAN: "de",
    Language.FRENCH: "fr",
    Language.SPANISH: "es",
    Language.ITALIAN: "it",
    Language.DUTCH: "nl",
    Language.FINNISH: "fi",
    Language.POLISH: "pl",
    Language.PORTUGUESE: "pt",
    Language.LATIN: "la",
    Language.ARABIC: "ar",
    Language.SOMALI: "so",
    Language.UKRAINIAN: "uk",
    Language.RUSSIAN: "ru",
}

#: Codes the detector can recognise ('no' included): only these declared languages are compared.
DETECTABLE: frozenset[str] = frozenset(_CODES.values()) | {"no"}

#: Declared codes that mean Norwegian without saying which written form.
NORWEGIAN = {"no", "nb", "nn"}

#: Fewer words than this and detection is guesswork: we do not decide.
MIN_WORDS = 8


#: From this many characters on, lingua's trigram-only ("low accuracy") mode detects as well as
#: the full models, which take ~15x longer to load (several seconds to a minute on a busy machine)
#: and ~9x the memory (350 MB against 40 MB). Shorter texts load the full models on first use.
FAST_MIN_CHARS = 100


@functools.cache
def _detector():
    """Low-accuracy mode (trigram models): loads in well under a second instead of several,
    and is as good as the full models on the passages we decide on (MIN_WORDS and longer)."""
    return (LanguageDetectorBuilder.from_languages(*_CODES).with_minimum_relative_distance(0.1)
            .with_low_accuracy_mode().build())


@functools.cache
def _fast_detector():
    return (LanguageDetectorBuilder.from_languages(*_CODES).with_minimum_relative_distance(0.1)
            .with_low_accuracy_mode().build())


def _detector_for(text: str):
    """The cheap detector for texts long enough for it, the full one for short texts."""
    return _fast_detector() if len(text.strip()) >= FAST_MIN_CHARS else _detector()


def primary_subtag(tag: str | None) -> str:
    """'nb-NO' -> 'nb', 'EN_gb' -> 'en'; '' for nothing."""
    return re.split(r"[-_]", (tag or "").strip().lower(), maxsplit=1)[0]


def word_count(text: str) -> int:
    return len(re.findall(r"\w{2,}", text))


def detect_language(text: str, min_words: int = MIN_WORDS) -> tuple[str, float] | None:
    """(code, confidence 0..1) for a text long enough to tell, else None."""
    if word_count(text) < min_words:
        return None
    values = _detector_for(text).compute_language_confidence_values(text[:4000])
    if not values:
        return None
    best = values[0]
    return _CODES[best.language], best.value


def same_language(declared: str | None, detected: str) -> bool:
    """True when a declared tag is compatible with a detected language.

    'no' covers both bokmål and nynorsk; bokmål and nynorsk (and Danish, which lingua confuses
    with bokmål on short texts) count as the same for a lang attribute: a screen reader reads
    them all with a Norwegian voice acceptably.
    """
    declared_code = primary_subtag(declared)
    if declared_code == detected:
        return True
    scandinavian = NORWEGIAN | {"da"}
    return declared_code in NORWEGIAN and detected in scandinavian


def language_confidences(text: str, min_words: int = MIN_WORDS) -> dict[str, float]:
    """Confidence (0..1, summing to 1) per language code for a text long enough to tell, else {}.

    Rules that compare with a declared language should sum the confidences of every compatible
    code (bokmål, nynorsk and Danish share most words), not trust the single best guess.
    """
    if word_count(text) < min_words:
        return {}
    values = _detector_for(text).compute_language_confidence_values(text[:4000])
    return {_CODES[v.language]: v.value for v in values if v.value > 0}


def compatible_confidence(declared: str | None, confidences: dict[str, float]) -> float:
    """How much of the detector's confidence goes to languages compatible with `declared`."""
    return sum(value for code, value in confidences.items() if same_language(declared, code))


#: Very common function words per language, chosen not to overlap between the sets. Used by
#: `clearly_in` as a cheap first pass before the detector on documents with many paragraphs.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "no": frozenset("og er det som en et på til av med har ikke vi du den så om kan å skal eller "
                    "fra ved dette hva hvordan eg ikkje me dei kva korleis ein eit også når".split()),
    "en": frozenset("the and of is in that it with as are we you this be have not or from by "
                    "an was were which when they there their".split()),
    "sv": frozenset("och är inte att ett för till också vad hur".split()),
    "de": frozenset("und der die das ist nicht ein eine mit von zu auf sich auch".split()),
    "fr": frozenset("le la les est une des pas que pour dans".split()),
    "es": frozenset("el los las y es una del que por para con".split()),
}


def clearly_in(declared: str | None, text: str) -> bool:
    """True when `text` is plainly in the declared language (Norwegian or English) by its
    function words: at least 15 % of its words belong to that language's set and under 3 % to
    any other set. False means "ask the detector", not "another language"."""
    code = primary_subtag(declared)
    key = "no" if code in NORWEGIAN else code
    if key not in FUNCTION_WORDS:
        return False
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < MIN_WORDS:
        return False
    mine = others = 0
    for token in tokens:
        lang = _FUNCTION_WORD_LANG.get(token)
        if lang == key:
            mine += 1
        elif lang is not None:
            others += 1
    return mine >= 0.15 * len(tokens) and others < 0.03 * len(tokens)


_TOKEN = re.compile(r"[^\W\d_]+")
#: word -> the language whose function word it is (the sets do not overlap).
_FUNCTION_WORD_LANG: dict[str, str] = {w: lang for lang, words in FUNCTION_WORDS.items() for w in words}

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
    "nl": frozenset("het een niet zijn ook maar naar hij zij wij wordt voor bij uit geen op".split()),
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


#: Scandinavian languages lingua (and people) mix up on short texts: between these a short text
#: never yields a mismatch, only longer ones do.
SCANDINAVIAN = frozenset({"no", "nb", "nn", "da", "sv"})
#: Under this many words even the short-text rules do not decide.
SHORT_MIN_WORDS = 3


def _top(text: str) -> tuple[str, float] | None:
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None
    return _CODES[values[0].language], values[0].value


def _anchor_words(pieces: tuple[str, ...]) -> set[str]:
    """Words of 4+ letters that can anchor a short-text detection: lower-case words and the
    first word of a piece or sentence, never a capitalised word inside one (a name such as
    "Jürgen" looks Spanish to lingua's trigrams)."""
    words: set[str] = set()
    for piece in pieces:
        for sentence in re.split(r"[.!?:;]\s+", piece):
            for index, word in enumerate(_TOKEN.findall(sentence)):
                if len(word) >= 4 and (index == 0 or word.islower()):
                    words.add(word.lower())
    return words


def short_text_mismatch(declared: str | None, text: str, pieces: tuple[str, ...] = ()) -> tuple[str, float] | None:
    """(language, confidence) when a short text (under FAST_MIN_CHARS: a title, an image's alt,
    one sentence) is clearly not in the declared language, else None.

    lingua alone is not enough here: one strongly marked word outvotes a sentence ("The Dutch
    word 'gelukkig' has no equivalent in English" comes out 97 % Dutch) and product names look
    like anything ("Canvas, Moodle" is 98 % Somali). So, in order:
    1. one function word of the declared language (og, the, und, ...) and it is compatible;
    2. two or more function words, 20 % of the words, all of one other language: that language;
    3. else (at most one function word, of the language lingua finds): lingua must be 90 % sure,
       a word of 4+ letters must be 90 % that language on its own (an anchor such as
       "Fireworks", never a name), and no piece (`pieces`: the title, a heading, an alt text)
       may look like the declared language on its own.
    Scandinavian languages are never set against each other on a short text.
    """
    code = primary_subtag(declared)
    if code not in DETECTABLE:
        return None
    tokens = _TOKEN.findall(text.lower())
    if len([t for t in tokens if len(t) >= 2]) < SHORT_MIN_WORDS:
        return None
    declared_key = "no" if code in NORWEGIAN else code
    hits: dict[str, int] = {}
    for token in tokens:
        for lang, words in FUNCTION_WORDS.items():  # a word may be in two sets ("ein": nn and de)
            if token in words:
                hits[lang] = hits.get(lang, 0) + 1
    if hits.get(declared_key):
        return None
    if len(hits) > 1:
        return None  # function words of two languages: mixed or unclear
    if hits:
        (key, count), = hits.items()
        if code in SCANDINAVIAN and key in SCANDINAVIAN:
            return None
        if count >= 2 and count >= 0.2 * len(tokens):
            return key, count / len(tokens)
    confidences = language_confidences(text, min_words=SHORT_MIN_WORDS)
    if not confidences or compatible_confidence(declared, confidences) >= 0.05:
        return None
    best = max(confidences, key=confidences.__getitem__)
    if hits and not same_language(best, "nb" if key == "no" else key):
        return None  # its one function word says another language than lingua does
    group = sum(value for lang, value in confidences.items() if same_language(best, lang))
    if group < 0.9 or best == "la" or (code in SCANDINAVIAN and best in SCANDINAVIAN):
        return None  # lingua takes technical English ("Properties", "tabindex") for Latin
    anchors = (_top(word) for word in _anchor_words(pieces or (text,)))
    if not any(top and same_language(best, top[0]) and top[1] >= 0.9 for top in anchors):
        return None
    for piece in pieces:
        top = _top(piece) if word_count(piece) else None
        if top and top[1] >= 0.3 and same_language(declared, top[0]):
            return None
    if best in ("nb", "nn"):
        best = "no"
    return best, group

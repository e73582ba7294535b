"""The language of a run (nb, nn, en) and the labels of our own output in each of them."""

from __future__ import annotations

import locale
import os

from uu_check.catalog import LANGS

#: Labels used by the terminal and other reporters. Rule texts live in the catalog, not here.
LABELS: dict[str, dict[str, str]] = {
    "critical": {"nb": "kritisk", "nn": "kritisk", "en": "critical"},
    "serious": {"nb": "alvorlig", "nn": "alvorleg", "en": "serious"},
    "moderate": {"nb": "moderat", "nn": "moderat", "en": "moderate"},
    "minor": {"nb": "mindre", "nn": "mindre", "en": "minor"},
    "violation": {"nb": "barriere", "nn": "barriere", "en": "barrier"},
    "needs-review": {"nb": "må sjekkes", "nn": "må sjekkast", "en": "needs review"},
    "checked": {"nb": "sjekket", "nn": "sjekka", "en": "checked"},
    "error": {"nb": "feil", "nn": "feil", "en": "error"},
    "skipped": {"nb": "hoppet over", "nn": "hoppa over", "en": "skipped"},
    "fix": {"nb": "Slik fikser du det", "nn": "Slik fiksar du det", "en": "How to fix it"},
    "why": {"nb": "Hvem rammes", "nn": "Kven blir ramma", "en": "Who it hurts"},
    "where": {"nb": "Hvor", "nn": "Kvar", "en": "Where"},
    "score": {"nb": "poeng", "nn": "poeng", "en": "score"},
    "targets": {"nb": "mål", "nn": "mål", "en": "targets"},
    "summary": {"nb": "Oppsummering", "nn": "Oppsummering", "en": "Summary"},
    "barriers": {"nb": "barrierer", "nn": "barrierar", "en": "barriers"},
    "to_review": {"nb": "å sjekke", "nn": "å sjekke", "en": "to review"},
    "no_barriers": {"nb": "Ingen barrierer funnet.", "nn": "Ingen barrierar funne.", "en": "No barriers found."},
    "not_checked": {"nb": "kunne ikke sjekkes", "nn": "kunne ikkje sjekkast", "en": "could not be checked"},
    "page": {"nb": "side", "nn": "side", "en": "page"},
    "paragraph": {"nb": "avsnitt", "nn": "avsnitt", "en": "paragraph"},
    "table": {"nb": "tabell", "nn": "tabell", "en": "table"},
    "slide": {"nb": "lysbilde", "nn": "lysbilete", "en": "slide"},
    "shape": {"nb": "figur", "nn": "figur", "en": "shape"},
    "static_mode": {"nb": "uten nettleser (statisk)", "nn": "utan nettlesar (statisk)", "en": "without a browser (static)"},
    "more_hidden": {"nb": "flere like funn er skjult", "nn": "fleire like funn er skjulte", "en": "more like this hidden"},
}


def label(key: str, lang: str) -> str:
    texts = LABELS.get(key)
    if texts is None:
        return key
    return texts.get(lang) or texts["en"]


def language_from_locale(value: str | None) -> str | None:
    """'nb_NO.UTF-8' -> 'nb', 'nn_NO' -> 'nn', 'no_NO' -> 'nb', 'en_US' -> 'en', else None."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].replace("-", "_").lower()
    primary = code.split("_")[0]
    if primary in ("nb", "no"):
        return "nb"
    if primary in LANGS:
        return primary
    return None


def default_language() -> str:
    """The run's language from UU_CHECK_LANG, LC_ALL, LC_MESSAGES, LANG or the system locale;
    English when none of them is Norwegian or English."""
    for variable in ("UU_CHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = language_from_locale(os.environ.get(variable))
        if found:
            return found
    try:
        found = language_from_locale(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"

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


#: Labels of the report formats (HTML, Markdown, diff, baseline): issue 6.
LABELS.update({
    "report_title": {"nb": "Rapport om universell utforming", "nn": "Rapport om universell utforming",
                     "en": "Accessibility report"},
    "skip_to_content": {"nb": "Hopp til innholdet", "nn": "Hopp til innhaldet", "en": "Skip to content"},
    "contents": {"nb": "Innhold", "nn": "Innhald", "en": "Contents"},
    "by_target": {"nb": "Etter fil eller side", "nn": "Etter fil eller side", "en": "By file or page"},
    "by_rule": {"nb": "Etter regel", "nn": "Etter regel", "en": "By rule"},
    "filters": {"nb": "Filtrer", "nn": "Filtrer", "en": "Filter"},
    "filter_hint": {"nb": "Fjern haken for å skjule en alvorlighetsgrad eller en type fil.",
                    "nn": "Fjern haken for å skjule ein alvorsgrad eller ein type fil.",
                    "en": "Untick a box to hide a severity or a kind of file."},
    "severity": {"nb": "Alvorlighetsgrad", "nn": "Alvorsgrad", "en": "Severity"},
    "kind": {"nb": "Type", "nn": "Type", "en": "Kind"},
    "target": {"nb": "Fil eller side", "nn": "Fil eller side", "en": "File or page"},
    "rule": {"nb": "Regel", "nn": "Regel", "en": "Rule"},
    "count": {"nb": "Antall", "nn": "Tal", "en": "Count"},
    "status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "total": {"nb": "Totalt", "nn": "Totalt", "en": "Total"},
    "new": {"nb": "nye", "nn": "nye", "en": "new"},
    "known": {"nb": "kjente", "nn": "kjende", "en": "known"},
    "accepted": {"nb": "godtatte", "nn": "godtekne", "en": "accepted"},
    "fixed": {"nb": "fikset", "nn": "fiksa", "en": "fixed"},
    "remaining": {"nb": "gjenstår", "nn": "står att", "en": "remaining"},
    "badge_new": {"nb": "Ny", "nn": "Ny", "en": "New"},
    "badge_known": {"nb": "Kjent fra før", "nn": "Kjend frå før", "en": "Known before"},
    "badge_accepted": {"nb": "Godtatt", "nn": "Godteken", "en": "Accepted"},
    "compared_with": {"nb": "Sammenlignet med", "nn": "Samanlikna med", "en": "Compared with"},
    "progress": {"nb": "Framgang", "nn": "Framgang", "en": "Progress"},
    "fixed_barriers": {"nb": "Fiksede barrierer", "nn": "Fiksa barrierar", "en": "Fixed barriers"},
    "new_barriers": {"nb": "Nye barrierer", "nn": "Nye barrierar", "en": "New barriers"},
    "remaining_barriers": {"nb": "Gjenstående barrierer", "nn": "Barrierar som står att", "en": "Remaining barriers"},
    "worst_targets": {"nb": "Mest å fikse", "nn": "Mest å fikse", "en": "Most to fix"},
    "common_barriers": {"nb": "Vanligste barrierer", "nn": "Vanlegaste barrierar", "en": "Most common barriers"},
    "more_targets": {"nb": "flere filer eller sider er ikke vist", "nn": "fleire filer eller sider er ikkje viste",
                     "en": "more files or pages not shown"},
    "barriers_by_severity": {"nb": "Barrierer etter alvorlighetsgrad", "nn": "Barrierar etter alvorsgrad",
                             "en": "Barriers by severity"},
    "score_help": {"nb": "Poeng fra 0 til 100: høyere er bedre.", "nn": "Poeng frå 0 til 100: høgare er betre.",
                   "en": "Score from 0 to 100: higher is better."},
    "wcag_criterion": {"nb": "WCAG-suksesskriterium", "nn": "WCAG-suksesskriterium", "en": "WCAG success criterion"},
    "best_practice": {"nb": "God praksis (ikke et WCAG-krav)", "nn": "God praksis (ikkje eit WCAG-krav)",
                      "en": "Best practice (not a WCAG requirement)"},
    "read_more": {"nb": "Les mer", "nn": "Les meir", "en": "Read more"},
    "code": {"nb": "Kode", "nn": "Kode", "en": "Code"},
    "places": {"nb": "Steder", "nn": "Stader", "en": "Places"},
    "occurrences": {"nb": "forekomster", "nn": "førekomstar", "en": "occurrences"},
    "details": {"nb": "Detaljer", "nn": "Detaljar", "en": "Details"},
    "reason": {"nb": "Begrunnelse", "nn": "Grunngjeving", "en": "Reason"},
    "notes": {"nb": "Merknader", "nn": "Merknader", "en": "Notes"},
    "generated": {"nb": "Laget", "nn": "Laga", "en": "Generated"},
    "level": {"nb": "Nivå", "nn": "Nivå", "en": "Level"},
    "mode": {"nb": "Modus", "nn": "Modus", "en": "Mode"},
    "back_to_top": {"nb": "Til toppen", "nn": "Til toppen", "en": "Back to top"},
    "all_clear": {"nb": "Ingen barrierer funnet i noen fil eller side.", "nn": "Ingen barrierar funne i nokon fil eller side.",
                  "en": "No barriers found in any file or page."},
    "found_in": {"nb": "Funnet i", "nn": "Funne i", "en": "Found in"},
    "kind_html": {"nb": "Nettside", "nn": "Nettside", "en": "Web page"},
    "kind_docx": {"nb": "Word", "nn": "Word", "en": "Word"},
    "kind_pptx": {"nb": "PowerPoint", "nn": "PowerPoint", "en": "PowerPoint"},
    "kind_pdf": {"nb": "PDF", "nn": "PDF", "en": "PDF"},
    "kind_other": {"nb": "Annet", "nn": "Anna", "en": "Other"},
    "no_changes": {"nb": "Ingen endringer.", "nn": "Ingen endringar.", "en": "No changes."},
    "open_page": {"nb": "Åpne siden", "nn": "Opne sida", "en": "Open the page"},
    "cache": {"nb": "fra hurtigbufferen (uendret fil)", "nn": "frå mellomlageret (uendra fil)",
              "en": "from the cache (unchanged file)"},
})


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

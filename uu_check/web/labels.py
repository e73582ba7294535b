"""The web page's own texts in bokmål, nynorsk and English (rule texts come from the catalog)."""

from __future__ import annotations

from uu_check.catalog import LANGS

WEB_LABELS: dict[str, dict[str, str]] = {
    "title": {"nb": "Sjekk læringsmateriell for universell utforming", "nn": "Sjekk læringsmateriell for universell utforming",
              "en": "Check learning materials for accessibility"},
    "intro": {"nb": "Last opp et Word-dokument, en PowerPoint, en PDF, en nettside eller en emnepakke, eller lim inn en lenke. "
                    "Du får vite hva som kan stenge noen ute, hvem det rammer, og hvordan du fikser det. Filene slettes når sjekken er ferdig.",
              "nn": "Last opp eit Word-dokument, ein PowerPoint, ein PDF, ei nettside eller ein emnepakke, eller lim inn ei lenkje. "
                    "Du får vite kva som kan stengje nokon ute, kven det rammar, og korleis du fiksar det. Filene blir sletta når sjekken er ferdig.",
              "en": "Upload a Word document, a PowerPoint, a PDF, a web page or a course package, or paste a link. "
                    "You learn what can keep people out, who it hurts and how to fix it. Files are deleted when the check is done."},
    "skip": {"nb": "Hopp til innholdet", "nn": "Hopp til innhaldet", "en": "Skip to content"},
    "files_legend": {"nb": "Filer", "nn": "Filer", "en": "Files"},
    "files_label": {"nb": "Velg filer (du kan velge flere)", "nn": "Vel filer (du kan velje fleire)", "en": "Choose files (you can choose several)"},
    "files_hint": {"nb": "Word (.docx), PowerPoint (.pptx), PDF, HTML eller emnepakke (.imscc, SCORM .zip). Du kan også dra filene hit.",
                   "nn": "Word (.docx), PowerPoint (.pptx), PDF, HTML eller emnepakke (.imscc, SCORM .zip). Du kan òg dra filene hit.",
                   "en": "Word (.docx), PowerPoint (.pptx), PDF, HTML or a course package (.imscc, SCORM .zip). You can also drag the files here."},
    "drop": {"nb": "Slipp filene her", "nn": "Slepp filene her", "en": "Drop the files here"},
    "url_legend": {"nb": "Eller en nettside", "nn": "Eller ei nettside", "en": "Or a web page"},
    "url_label": {"nb": "Adressen til siden (https://…)", "nn": "Adressa til sida (https://…)", "en": "The page's address (https://…)"},
    "lang_label": {"nb": "Språk", "nn": "Språk", "en": "Language"},
    "submit": {"nb": "Sjekk", "nn": "Sjekk", "en": "Check"},
    "uploading": {"nb": "Laster opp", "nn": "Lastar opp", "en": "Uploading"},
    "checking": {"nb": "Sjekker … dette kan ta noen sekunder.", "nn": "Sjekkar … dette kan ta nokre sekund.",
                 "en": "Checking … this can take a few seconds."},
    "done": {"nb": "Ferdig. Resultatet står under.", "nn": "Ferdig. Resultatet står under.", "en": "Done. The result is below."},
    "results": {"nb": "Resultat", "nn": "Resultat", "en": "Results"},
    "score": {"nb": "Poeng", "nn": "Poeng", "en": "Score"},
    "barriers": {"nb": "barrierer", "nn": "barrierar", "en": "barriers"},
    "to_review": {"nb": "å sjekke selv", "nn": "å sjekke sjølv", "en": "to review yourself"},
    "no_barriers": {"nb": "Ingen barrierer funnet. Bra jobbet!", "nn": "Ingen barrierar funne. Bra jobba!", "en": "No barriers found. Well done!"},
    "why": {"nb": "Hvem rammes", "nn": "Kven blir ramma", "en": "Who it hurts"},
    "fix": {"nb": "Slik fikser du det", "nn": "Slik fiksar du det", "en": "How to fix it"},
    "where": {"nb": "Hvor", "nn": "Kvar", "en": "Where"},
    "more_places": {"nb": "flere steder", "nn": "fleire stader", "en": "more places"},
    "not_checked": {"nb": "Kunne ikke sjekkes", "nn": "Kunne ikkje sjekkast", "en": "Could not be checked"},
    "skipped": {"nb": "Hoppet over", "nn": "Hoppa over", "en": "Skipped"},
    "download": {"nb": "Last ned rapporten", "nn": "Last ned rapporten", "en": "Download the report"},
    "download_html": {"nb": "som nettside (HTML)", "nn": "som nettside (HTML)", "en": "as a web page (HTML)"},
    "download_json": {"nb": "som data (JSON)", "nn": "som data (JSON)", "en": "as data (JSON)"},
    "progress_title": {"nb": "Siden forrige sjekk", "nn": "Sidan førre sjekk", "en": "Since the last check"},
    "progress_line": {"nb": "{fixed} fikset, {new} nye, poeng fra {old} til {now}.",
                      "nn": "{fixed} fiksa, {new} nye, poeng frå {old} til {now}.",
                      "en": "{fixed} fixed, {new} new, score from {old} to {now}."},
    "nothing_sent": {"nb": "Velg minst én fil eller skriv inn en adresse.", "nn": "Vel minst éi fil eller skriv inn ei adresse.",
                     "en": "Choose at least one file or enter an address."},
    "too_many": {"nb": "For mange filer: du kan sjekke {max} om gangen.", "nn": "For mange filer: du kan sjekke {max} om gongen.",
                 "en": "Too many files: you can check {max} at a time."},
    "too_large": {"nb": "«{name}» er for stor: grensen er {mb} MB per fil.", "nn": "«{name}» er for stor: grensa er {mb} MB per fil.",
                  "en": "“{name}” is too large: the limit is {mb} MB per file."},
    "too_large_total": {"nb": "Opplastingen er for stor: grensen er {mb} MB til sammen.", "nn": "Opplastinga er for stor: grensa er {mb} MB til saman.",
                        "en": "The upload is too large: the limit is {mb} MB in all."},
    "unsupported": {"nb": "«{name}» er en filtype som ikke kan sjekkes (bruk .docx, .pptx, .pdf, .html, .imscc eller .zip).",
                    "nn": "«{name}» er ein filtype som ikkje kan sjekkast (bruk .docx, .pptx, .pdf, .html, .imscc eller .zip).",
                    "en": "“{name}” is a file type that cannot be checked (use .docx, .pptx, .pdf, .html, .imscc or .zip)."},
    "bad_url": {"nb": "Adressen må begynne med http:// eller https://.", "nn": "Adressa må byrje med http:// eller https://.",
                "en": "The address must start with http:// or https://."},
    "internal_url": {"nb": "Denne tjeneren sjekker ikke adresser i et internt nett.", "nn": "Denne tenaren sjekkar ikkje adresser i eit internt nett.",
                     "en": "This server does not check addresses on an internal network."},
    "busy": {"nb": "Mange sjekker nå; prøv igjen om litt.", "nn": "Mange sjekkar no; prøv igjen om litt.", "en": "Many checks are running; try again shortly."},
    "token_title": {"nb": "Tilgangskode", "nn": "Tilgangskode", "en": "Access code"},
    "token_label": {"nb": "Skriv inn tilgangskoden du har fått", "nn": "Skriv inn tilgangskoden du har fått", "en": "Enter the access code you were given"},
    "token_wrong": {"nb": "Feil tilgangskode.", "nn": "Feil tilgangskode.", "en": "Wrong access code."},
    "footer": {"nb": "uu-check kjører på denne maskinen. Ingenting sendes videre, og filene slettes etter sjekken.",
               "nn": "uu-check køyrer på denne maskina. Ingenting blir sendt vidare, og filene blir sletta etter sjekken.",
               "en": "uu-check runs on this machine. Nothing is sent anywhere, and files are deleted after the check."},
    "critical": {"nb": "kritisk", "nn": "kritisk", "en": "critical"},
    "serious": {"nb": "alvorlig", "nn": "alvorleg", "en": "serious"},
    "moderate": {"nb": "moderat", "nn": "moderat", "en": "moderate"},
    "minor": {"nb": "mindre", "nn": "mindre", "en": "minor"},
    "needs-review": {"nb": "sjekk selv", "nn": "sjekk sjølv", "en": "check yourself"},
}


def web_label(key: str, lang: str, **args: object) -> str:
    text = WEB_LABELS[key].get(lang) or WEB_LABELS[key]["en"]
    return text.format(**args) if args else text


def accept_language(header: str | None) -> str:
    """The first of nb, nn, en the browser asks for ('no' means bokmål); English otherwise."""
    weighted = []
    for index, part in enumerate((header or "").split(",")):
        code, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, index, code.strip().lower()))
    for _, _, code in sorted(weighted):
        primary = code.split("-")[0]
        if primary in ("nb", "no"):
            return "nb"
        if primary in LANGS:
            return primary
    return "en"

"""Writes fixed-report.json: a hand-made report covering every shape a reporter must handle
(pages and documents, every severity, needs-review, an error and a skipped target, baseline
states, characters that need escaping). Run it again after changing the report model."""

from __future__ import annotations

import json
from pathlib import Path

from uu_check.model import Finding, Location, Report, Target, assign_fingerprints, score_target

FIX = ("Gi bildet en alternativ tekst.\n1. Høyreklikk bildet og velg «Vis alternativ tekst».\n"
       "2. Skriv hva bildet viser.\n3. Lagre dokumentet.")


def finding(rule: str, engine: str, severity: str, target: str, location: Location, message: str, *,
            outcome: str = "violation", wcag: tuple[str, ...] = ("1.1.1",), level: str | None = "A",
            baseline: str | None = None) -> Finding:
    return Finding(rule=rule, engine=engine, outcome=outcome, severity=severity, wcag=list(wcag), level=level,
                   en301549=["9.1.1.1"] if wcag else [], target=target, location=location, message=message,
                   fix=FIX, help_url="https://www.w3.org/WAI/WCAG22/Understanding/non-text-content",
                   title=f"Tittel for {rule}", why="Skjermleserbrukere får ikke vite hva bildet viser.",
                   evidence=None, baseline=baseline)


def build() -> Report:
    targets = [
        Target(id="t1", uri="file:///repo/kurs/uke1.html", kind="html", key="kurs/uke1.html", title="Uke 1 <brøk> & \"tall\"",
               sha256="a" * 64, mode="browser"),
        Target(id="t2", uri="file:///repo/kurs/uke2.docx", kind="docx", key="kurs/uke2.docx", title="Uke 2", sha256="b" * 64),
        Target(id="t3", uri="https://example.org/side", kind="html", key="https://example.org/side", title="Side",
               mode="browser"),
        Target(id="t4", uri="file:///repo/kurs/ødelagt.pdf", kind="pdf", key="kurs/ødelagt.pdf", status="error",
               error="ødelagt.pdf: not a PDF file", sha256="c" * 64),
        Target(id="t5", uri="file:///repo/kurs/gammel.doc", kind="unknown", key="kurs/gammel.doc", status="skipped",
               error="old Word format (.doc): save it as .docx to check it"),
        Target(id="t6", uri="file:///repo/kurs/ren.pptx", kind="pptx", key="kurs/ren.pptx", title="Ren", sha256="d" * 64),
    ]
    findings = {
        "t1": [
            finding("image-alt", "axe", "critical", "t1", Location(selector="main > img:nth-child(2)", snippet='<img src="kake.png">'),
                    "Bildet mangler alternativ tekst.", baseline="known"),
            finding("image-alt", "axe", "critical", "t1", Location(selector="#fig2", snippet='<img id="fig2" src="x.png">'),
                    "Bildet mangler alternativ tekst.", baseline="new"),
            finding("color-contrast", "axe", "serious", "t1", Location(selector="p.note", snippet="<p class=\"note\">=SUM(A1) | pipe</p>"),
                    "For lav kontrast: 2.3:1 (trenger 4.5:1).", wcag=("1.4.3",), level="AA", baseline="accepted"),
            finding("html-link-text", "html", "moderate", "t1", Location(selector="a[href='#']", snippet="<a href=\"#\">klikk her</a>"),
                    "Lenketeksten «klikk her» sier ikke hvor lenken går.", wcag=("2.4.4",), baseline="new"),
            finding("html-heading-order", "html", "minor", "t1", Location(selector="h4"), "Overskriftsnivå hopper fra 2 til 4.",
                    wcag=(), level=None, baseline="new"),
            finding("html-lang-parts", "html", "moderate", "t1", Location(selector="blockquote"),
                    "Teksten ser ut til å være på engelsk.", outcome="needs-review", wcag=("3.1.2",), level="AA"),
        ],
        "t2": [
            finding("docx-image-alt", "docx", "critical", "t2", Location(paragraph=14, snippet="image1.png", context="Innledning"),
                    "Bildet «image1.png» mangler alternativ tekst.", baseline="new"),
            finding("docx-table-header", "docx", "serious", "t2", Location(table=1, page=2),
                    "Tabellen har ingen overskriftsrad.", wcag=("1.3.1",), baseline="new"),
        ],
        "t3": [
            finding("link-name", "axe", "serious", "t3", Location(selector="nav a:nth-child(3)", snippet="<a href=\"/x\"><img src=\"i.svg\"></a>"),
                    "Lenken har ingen tekst.", wcag=("2.4.4", "4.1.2"), baseline="new"),
        ],
    }
    report = Report(tool={"name": "uu-check", "version": "0.1.0", "axe_core": "4.12.1"},
                    run={"started": "2026-11-22T10:00:00Z", "finished": "2026-11-22T10:00:07Z", "lang": "nb",
                         "level": "AA", "fail_on": "serious", "mode": "browser",
                         "comparison": {"against": "uu-check-baseline.json", "reasons": {},
                                        "fixed": [{"rule": "document-title", "target": "kurs/uke1.html",
                                                   "location": "html", "message": "Siden mangler tittel.",
                                                   "fingerprint": "0123456789abcdef01234567"}]}})
    for target in targets:
        mine = findings.get(target.id, [])
        assign_fingerprints(mine, target.key)
        if target.status == "checked":
            target.score = score_target(mine)
        report.targets.append(target)
        report.findings.extend(mine)
    accepted = next(f for f in report.findings if f.baseline == "accepted")
    report.run["comparison"]["reasons"][accepted.fingerprint] = "Logo-farge, godkjent av designavdelingen"
    report.sort()
    return report


if __name__ == "__main__":
    out = Path(__file__).with_name("fixed-report.json")
    out.write_text(json.dumps(build().to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out)

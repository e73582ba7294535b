"""The PowerPoint part of bench/bench_docs.py: realistic lecture decks, python-pptx opening them,
and uu-check checking them.

    python bench/bench_docs.py --kind pptx               # 200 decks
    python bench/bench_docs.py --kind pptx --files 50

Each deck looks like a teacher's lecture: 14-24 slides of 16:9, a title slide, bullet slides
with 3-6 points, pictures of a resized photo's weight (about 360 KB, some without alt text), a table, a chart in every
third deck, text boxes (one small source line, one light-grey hint), links and a repeated
title now and then, all in Norwegian with a few English slides. Decks are built with the same
helpers as the rule fixtures (fixtures/build/build_pptx.py).
"""

from __future__ import annotations

import random
from pathlib import Path

#: Real lecture sentences, so the language check sees text like a teacher's (not word salad).
SENTENCES = [
    "En brøk består av en teller og en nevner",
    "Telleren står over brøkstreken og sier hvor mange deler vi har",
    "Nevneren sier hvor mange like store deler helheten er delt i",
    "Vi forkorter en brøk ved å dele teller og nevner med det samme tallet",
    "Når vi utvider en brøk, ganger vi teller og nevner med det samme tallet",
    "Brøker med samme nevner legger vi sammen ved å legge sammen tellerne",
    "For å legge sammen brøker med ulik nevner må vi først finne fellesnevneren",
    "Et desimaltall er en annen måte å skrive en brøk på",
    "Prosent betyr hundredeler, så 25 prosent er det samme som en firedel",
    "Hvis vi deler en pizza i åtte stykker og spiser tre, har vi spist tre åttendedeler",
    "Jo større nevneren er, jo mindre er hver del",
    "Sjekk alltid om svaret kan forkortes før du leverer",
    "Regn ut oppgavene på neste side og sammenlign med sidemannen",
    "I morgen skal vi se på hvordan vi ganger og deler brøker",
    "Husk at nevneren aldri kan være null",
    "Tegn gjerne en figur når du skal forklare en brøk for noen andre",
]
TITLES = ["Hva er en brøk", "Teller og nevner", "Forkorte brøker", "Utvide brøker", "Fellesnevner",
          "Brøk og prosent", "Desimaltall", "Oppgaver", "Eksempel", "Oppsummering", "Regnestykker",
          "Brøk i hverdagen", "Sammenligne brøker", "Blandet tall"]


def _sentence(rng: random.Random, low: int = 0, high: int = 0) -> str:
    return rng.choice(SENTENCES) + "."


def photo(width: int, height: int, seed: int) -> bytes:
    """A PNG of noise: it compresses as badly as a photo, so decks have a photo's weight."""
    import struct
    import zlib

    noise = random.Random(seed).randbytes(width * height * 3)
    rows = b"".join(b"\x00" + noise[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")


def make_pptx(folder: Path, count: int) -> list[Path]:
    import build_pptx as B

    rng = random.Random(42)
    photos = [photo(400, 300, seed) for seed in range(4)]  # about 360 KB each, like a resized photo
    paths = []
    for number in range(count):
        prs = B.new_deck(title=f"Forelesning {number}" if number % 4 else None, lang="nb-NO")
        first = prs.slides.add_slide(prs.slide_layouts[B.TITLE_SLIDE])
        first.shapes.title.text = f"Brøk, del {number}"
        first.placeholders[1].text_frame.text = "Matematikk 1P – Kari Lærer"
        for index in range(rng.randint(13, 23)):
            title = "Eksempel" if index in (4, 7) and number % 2 else f"{rng.choice(TITLES)} ({index + 1})"
            kind = index % 6
            if kind == 3:
                slide = B.add_slide(prs, title, layout=B.TITLE_ONLY)
                rows = [["Brøk", "Desimaltall", "Prosent"]] + [
                    [f"{rng.randint(1, 9)}/{rng.randint(2, 12)}", "0,5", "50 %"] for _ in range(rng.randint(3, 6))]
                B.add_table(slide, rows, header=bool(index % 2), top=1.8)
            elif kind == 5 and number % 3 == 0 and index < 6:
                slide = B.add_slide(prs, title, layout=B.TITLE_ONLY)
                B.add_chart(slide, alt="Søylediagram over brøkene" if number % 2 else None)
            else:
                bullets = [_sentence(rng) for _ in range(rng.randint(3, 6))]
                if index == 9 and number % 5 == 0:
                    bullets = [B.EN_PARAGRAPH]
                slide = B.add_slide(prs, title, bullets=bullets)
                if kind in (1, 4):
                    B.add_picture(slide, name=f"Bilde {index}", alt=None if kind == 1 else _sentence(rng),
                                  left=8.5, top=2.0, width=4.0, image=rng.choice(photos))
                if kind == 2:
                    B.add_text_box(slide, "Kilde: læreboka, kapittel 2.", top=6.8, size=11, name="Kilde")
                    B.add_link(slide, "Les mer her" if index % 4 else "Oppgaver på NDLA",
                               f"https://ndla.no/{number}/{index}", top=6.0)
                if kind == 0:
                    B.add_text_box(slide, "Tips: " + _sentence(rng), top=6.2, color="BBBBBB", size=20)
        path = folder / f"deck-{number:03d}.pptx"
        B.save(prs, path)
        paths.append(path)
    return paths


def open_pptx(path: Path) -> None:
    from pptx import Presentation

    Presentation(str(path))


def check_pptx(path: Path) -> int:
    from uu_check.engines.pptx import check_file
    from uu_check.options import ScanOptions

    return len(check_file(path, ScanOptions(lang="nb")).findings)

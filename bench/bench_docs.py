"""Benchmark the document engines against the libraries they are built on.

    python bench/bench_docs.py                 # 200 Word files
    python bench/bench_docs.py --files 50 --kind docx --repeat 3

For each kind: generate N realistic documents into a temporary folder, then time in separate
processes (so peak memory is each phase's own) (a) the library only opening every file and
(b) uu-check's engine `check_file` on every file. Prints files/second, peak memory (VmHWM / max RSS)
and the ratio engine/open; the target is a ratio of at most 1.5. One file is processed before
timing in both phases, so one-time costs (imports, the language detector's models) are not
counted per file; the warm-up time is printed separately. The ratio is taken on CPU time
(time.process_time), which a busy shared machine disturbs far less than wall time; both are
printed.

Add a kind by writing `make_<kind>(folder, count)` and `open_<kind>(path)` and listing it in
KINDS. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fixtures" / "build"))
sys.path.insert(0, str(ROOT))


# -- docx ---------------------------------------------------------------------------------------

SENTENCES = (
    "En brøk består av en teller og en nevner.",
    "Telleren forteller hvor mange deler vi har, og nevneren forteller hvor mange deler helheten er delt i.",
    "Når vi forkorter en brøk, deler vi både teller og nevner på det samme tallet.",
    "Du kan utvide en brøk ved å gange teller og nevner med det samme tallet.",
    "Skriv svaret som en brøk, som et desimaltall og som prosent.",
    "Husk å vise hvordan du har tenkt, ikke bare svaret.",
    "Det er lurt å tegne en figur når du skal sammenligne to brøker.",
    "Vi bruker brøk i hverdagen, for eksempel når vi deler en pizza eller følger en oppskrift.",
    "Hvis nevnerne er like, kan du legge sammen tellerne og beholde nevneren.",
    "Oppgavene på dette arket skal leveres på fredag, og vi går gjennom dem i timen etterpå.",
    "Arbeid gjerne sammen to og to, men skriv ned svarene hver for dere.",
    "Se på eksempelet i læreboka før du begynner på de vanskeligste oppgavene.",
)


def make_docx(folder: Path, count: int) -> list[Path]:
    """A few pages each: headings, ~25 paragraphs, a bullet list, 2 tables, 2 pictures, links."""
    import build_docx as B
    from docx.shared import Cm, RGBColor

    rng = random.Random(42)
    paths = []
    for number in range(count):
        d = B.new_document(title=f"Arbeidsark {number}" if number % 3 else None)
        d.add_heading(f"Arbeidsark {number}", 1)
        for section in range(4):
            d.add_heading(f"Del {section + 1}", 2)
            for _ in range(6):
                d.add_paragraph(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))))
            if section == 1:
                for item in range(4):
                    d.add_paragraph(rng.choice(SENTENCES), style="List Bullet")
            if section in (0, 2):
                table = d.add_table(rows=6, cols=4)
                table.style = "Table Grid"
                for r in range(6):
                    for c in range(4):
                        table.cell(r, c).text = f"{rng.randint(1, 9)}/{rng.randint(2, 12)}"
                if section == 0:
                    B.mark_header_row(table)
            if section in (1, 3):
                B.add_picture(d.add_paragraph(), alt=None if section == 1 else "Pizza i åtte stykker",
                              width=Cm(6), rgb=(rng.randint(0, 255), 120, 80))
            paragraph = d.add_paragraph("Mer om dette: ")
            B.add_hyperlink(paragraph, "klikk her" if section == 2 else "oppgaver om brøk",
                            f"https://example.org/{number}/{section}")
        d.add_paragraph().add_run("Kilde: læreboka.").font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
        path = folder / f"doc-{number:03d}.docx"
        B.save(d, path)
        paths.append(path)
    return paths


def open_docx(path: Path) -> None:
    import docx

    docx.Document(str(path))


def check_docx(path: Path) -> int:
    from uu_check.engines.docx import check_file
    from uu_check.options import ScanOptions

    return len(check_file(path, ScanOptions(lang="nb")).findings)


from bench_pptx_decks import check_pptx, make_pptx, open_pptx  # noqa: E402  (the pptx part)

KINDS = {"docx": (make_docx, open_docx, check_docx), "pptx": (make_pptx, open_pptx, check_pptx)}


# -- runner -------------------------------------------------------------------------------------

def peak_rss_kb() -> int:
    """This process's peak resident memory. Linux's VmHWM belongs to the process image, while
    ru_maxrss survives exec and would report the parent's peak (the generator) instead."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def warm_language_detector() -> None:
    """Load the detector's language models (lingua loads them lazily, once per process, on the
    first text that needs each language): a one-time cost, like imports."""
    from uu_check.text.language import language_confidences

    for text in ("The numerator sits above the fraction bar and tells how many parts we have.",
                 "Telleren står over brøkstreken og forteller hvor mange deler vi har i alt.",
                 "Der Zähler steht über dem Bruchstrich und sagt, wie viele Teile wir haben."):
        language_confidences(text)


def phase(kind: str, which: str, folder: Path) -> dict:
    """Run one phase over every file in `folder` (in this process) and report its numbers."""
    _, opener, checker = KINDS[kind]
    function = opener if which == "open" else checker
    paths = sorted(folder.glob(f"*.{kind}"))
    started = time.perf_counter()
    function(paths[0])
    if which == "check":
        warm_language_detector()
    warm = time.perf_counter() - started
    findings = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        result = function(path)
        findings += result or 0
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rss_kb = peak_rss_kb()
    return {"files": len(paths), "seconds": elapsed, "cpu": cpu, "warmup": warm, "peak_mb": rss_kb / 1024,
            "findings": findings}


def run_kind(kind: str, count: int, repeat: int = 1) -> None:
    maker = KINDS[kind][0]
    with tempfile.TemporaryDirectory(prefix=f"uu-bench-{kind}-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = maker(folder, count)
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        print(f"{kind}: generated {len(paths)} files (avg {size:.0f} KB) in {time.perf_counter() - started:.1f} s")
        results: dict[str, dict] = {}
        for _ in range(max(1, repeat)):          # alternate the phases; keep each one's best run
            for which in ("open", "check"):
                output = subprocess.run(
                    [sys.executable, __file__, "--phase", which, "--kind", kind, str(folder)],
                    check=True, capture_output=True, text=True,
                ).stdout
                result = json.loads(output.strip().splitlines()[-1])
                if which not in results or result["cpu"] < results[which]["cpu"]:
                    results[which] = result
        for which, label in (("open", "library open only"), ("check", "uu-check check_file")):
            r = results[which]
            print(f"  {label:22s} {r['files'] / r['cpu']:7.1f} files/s (CPU)  {r['files'] / r['seconds']:7.1f} "
                  f"files/s (wall)  {r['cpu'] * 1000 / r['files']:6.1f} ms/file  peak {r['peak_mb']:5.0f} MB  "
                  f"(warm-up {r['warmup']:.2f} s)" + (f"  {r['findings']} findings" if which == "check" else ""))
        ratio = results["check"]["cpu"] / results["open"]["cpu"]
        wall = results["check"]["seconds"] / results["open"]["seconds"]
        print(f"  ratio check/open: {ratio:.2f}x CPU time, {wall:.2f}x wall time (target <= 1.5x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--kind", choices=sorted(KINDS), action="append")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each phase this many times (alternating) and keep the best: "
                             "steadier numbers on a busy machine")
    parser.add_argument("--phase", choices=("open", "check"))
    parser.add_argument("folder", nargs="?")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.kind[0], args.phase, Path(args.folder))))
        return
    for kind in args.kind or sorted(KINDS):
        run_kind(kind, args.files, args.repeat)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Score uu-check (axe-core plus our own HTML rules) on the W3C ACT Rules test cases.

    python bench/act_score.py                       # scan all ~1200 cases, print the table
    python bench/act_score.py --report r.json       # re-score an existing report, scan nothing
    python bench/act_score.py --report r.json --axe-only   # the same report, axe-core alone
    python bench/act_score.py --base r.json --sc 2.5.3,1.3.1 -o new.json
        # re-scan only the cases of ACT rules on these success criteria and merge them into
        # the base report (fast iteration on one rule; the cases a rule can be blamed on are
        # exactly those sharing one of its criteria)

Prints score.py's per-rule table and its last line,
`act: caught X/Y failed examples, false alarms A/B`. Scanning runs uu-check as a user would
(`uu-check scan <files> --format json`); see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACT = Path(os.environ.get("UU_ACT_DIR", ROOT.parent / "shared" / "act"))


def _cases(manifest: Path) -> list[dict]:
    return [c for c in json.loads(manifest.read_text()) if c.get("filetype", "html") == "html"]


def _scan(files: list[Path], output: Path, extra: list[str]) -> float:
    start = time.monotonic()
    command = ["uu-check", "scan", *map(str, files), "--format", "json", "-o", str(output), "-q",
               "--fail-on", "never", "--no-cache", *extra]
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def _merge(base: dict, update: dict) -> dict:
    """The base report with every target of `update` (by uri) replaced by the new result."""
    new_uris = {t["uri"] for t in update.get("targets", [])}
    kept = [t for t in base.get("targets", []) if t["uri"] not in new_uris]
    kept_ids = {t["id"] for t in kept}
    # target ids restart at each scan: give the update's ids a prefix no target in the base
    # uses, so they collide neither with the base's ids nor with those of an earlier merge
    taken = {t["id"] for t in base.get("targets", [])}
    prefix = "u"
    while any(f"{prefix}{t['id']}" in taken for t in update.get("targets", [])):
        prefix += "u"
    remap = {t["id"]: f"{prefix}{t['id']}" for t in update.get("targets", [])}
    merged = dict(base)
    merged["targets"] = kept + [{**t, "id": remap[t["id"]]} for t in update.get("targets", [])]
    merged["findings"] = [f for f in base.get("findings", []) if f.get("target") in kept_ids] + [
        {**f, "target": remap.get(f.get("target"), f.get("target"))} for f in update.get("findings", [])]
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--act", type=Path, default=ACT, help="the ACT suite folder (manifest.json, score.py)")
    parser.add_argument("--report", type=Path, help="score this existing report; scan nothing")
    parser.add_argument("--base", type=Path, help="a full report to merge a partial re-scan into")
    parser.add_argument("--sc", help="re-scan only cases of ACT rules with these success criteria")
    parser.add_argument("--rules", help="re-scan only cases of these ACT rule ids (comma list)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the (merged) report")
    parser.add_argument("--scan-args", default="", help="extra arguments for uu-check scan")
    parser.add_argument("--axe-only", action="store_true",
                        help="score only axe-core's findings of the report (the 'before' column: "
                             "what our own rules add is the difference)")
    args = parser.parse_args()

    manifest = args.act / "manifest.json"
    cases = _cases(manifest)
    output = args.output or Path(tempfile.gettempdir()) / "uu-act-report.json"
    if args.report:
        output = args.report
    elif args.sc or args.rules:
        wanted_sc = set(filter(None, (args.sc or "").split(",")))
        wanted_rules = set(filter(None, (args.rules or "").split(",")))
        chosen = [c for c in cases if c["ruleId"] in wanted_rules
                  or wanted_sc & set(c.get("sc") or c.get("sc_derived") or [])]
        files = sorted({args.act / c["path"] for c in chosen})
        partial = Path(tempfile.gettempdir()) / "uu-act-partial.json"
        seconds = _scan(files, partial, args.scan_args.split())
        print(f"scanned {len(files)} cases in {seconds:.0f} s", file=sys.stderr)
        update = json.loads(partial.read_text())
        if args.base:
            update = _merge(json.loads(args.base.read_text()), update)
        output.write_text(json.dumps(update))
    else:
        seconds = _scan([args.act / "testcases"], output, args.scan_args.split())
        print(f"scanned {len(cases)} cases in {seconds:.0f} s", file=sys.stderr)
    if args.axe_only:
        report = json.loads(output.read_text())
        report["findings"] = [f for f in report.get("findings", []) if f.get("engine") == "axe"]
        output = Path(tempfile.gettempdir()) / "uu-act-axe-only.json"
        output.write_text(json.dumps(report))
    result = subprocess.run([sys.executable, str(args.act / "score.py"), "--manifest", str(manifest),
                             "--from-report", str(output)], check=False)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

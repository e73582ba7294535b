"""Baselines over sample pages: the known state passes, one new barrier fails and is the only
one named, an accepted finding keeps its reason through rescans, a fix shows in `diff`.

Static mode (--no-browser) keeps this fast; the baseline logic is the same in browser mode."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import load_json_report
from tests.test_reporters import RESOURCES
from uu_check.cli import cli

PAGES = RESOURCES / "pages"
NEW_BARRIER = '<p>Se <a href="https://example.org/statistikk">https://example.org/statistikk</a></p>\n</main>'


def scan(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(cli, ["scan", "kurs", "--no-browser", "--no-cache", "--lang", "nb",
                                      "--format", "json", *args])
    return result.exit_code, load_json_report(result.stdout) if result.stdout.strip() else {}, result.stderr


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(PAGES, tmp_path / "kurs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_lifecycle(course: Path) -> None:
    code, first, _ = scan("--write-baseline", "baseline.json")
    assert code == 0  # recording the current state: nothing in it is new
    saved = json.loads((course / "baseline.json").read_text(encoding="utf-8"))
    assert saved["format"] == "uu-check-baseline/1"
    assert {e["rule"] for e in saved["findings"]} >= {"html-img-alt-filename", "html-table-no-headers"}
    assert all(e["status"] == "known" and e["target"].startswith("kurs/") for e in saved["findings"])

    code, known, _ = scan("--baseline", "baseline.json")
    assert code == 0
    assert {f["baseline"] for f in known["findings"]} == {"known"}

    page = course / "kurs" / "ren.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", NEW_BARRIER), encoding="utf-8")
    code, changed, _ = scan("--baseline", "baseline.json", "--fail-on", "minor")
    assert code == 1
    new = [f for f in changed["findings"] if f["baseline"] == "new"]
    assert [(f["rule"], changed["targets"][int(f["target"][1:]) - 1]["key"]) for f in new] == \
        [("html-link-text-url", "kurs/ren.html")]

    # Accept the new one with a reason; it no longer fails and the reason survives a rewrite.
    fingerprint = new[0]["fingerprint"]
    result = CliRunner().invoke(cli, ["scan", "kurs", "--no-browser", "--no-cache", "-q",
                                      "--write-baseline", "baseline.json"])
    assert result.exit_code == 0
    result = CliRunner().invoke(cli, ["baseline", "accept", fingerprint[:10], "--reason", "Adressen skal vises",
                                      "--baseline", "baseline.json"])
    assert result.exit_code == 0, result.output
    code, accepted, _ = scan("--baseline", "baseline.json", "--fail-on", "minor", "--write-baseline", "baseline.json")
    assert code == 0
    assert next(f for f in accepted["findings"] if f["fingerprint"] == fingerprint)["baseline"] == "accepted"
    entry = next(e for e in json.loads((course / "baseline.json").read_text(encoding="utf-8"))["findings"]
                 if e["fingerprint"] == fingerprint)
    assert entry["status"] == "accepted" and entry["reason"] == "Adressen skal vises"

    # Fix one barrier: the baseline comparison and `diff` both show it as fixed.
    (course / "before.json").write_text(json.dumps(accepted), encoding="utf-8")
    page = course / "kurs" / "uke1.html"
    page.write_text(page.read_text(encoding="utf-8").replace('alt="IMG_2041.png"', 'alt="En kake delt i fire"'),
                    encoding="utf-8")
    code, fixed, _ = scan("--baseline", "baseline.json")
    assert code == 0
    assert [f["rule"] for f in fixed["run"]["comparison"]["fixed"]] == ["html-img-alt-filename"]
    (course / "after.json").write_text(json.dumps(fixed), encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", "before.json", "after.json", "--format", "json"])
    assert result.exit_code == 0
    diff = json.loads(result.stdout)
    assert diff["summary"]["fixed"] == 1 and diff["summary"]["new"] == 0
    uke1 = next(t for t in diff["targets"] if t["key"] == "kurs/uke1.html")
    assert [f["rule"] for f in uke1["fixed"]] == ["html-img-alt-filename"]


def test_accept_needs_a_known_fingerprint_and_a_reason(course: Path) -> None:
    scan("--write-baseline", "baseline.json")
    result = CliRunner().invoke(cli, ["baseline", "accept", "ffffffffff", "--reason", "x", "--baseline", "baseline.json"])
    assert result.exit_code == 2 and "no finding with fingerprint" in result.output
    result = CliRunner().invoke(cli, ["baseline", "accept", "", "--reason", " ", "--baseline", "baseline.json"])
    assert result.exit_code == 2


def test_bad_baseline_file_is_one_line_exit_2(course: Path) -> None:
    (course / "baseline.json").write_text('{"format": "something else"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "kurs", "--no-browser", "--no-cache", "--baseline", "baseline.json"])
    assert result.exit_code == 2
    assert "baseline.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1

"""The cache of unchanged files and the SQLite store under it (asserted by the target note, not time)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import load_json_report
from tests.test_reporters import RESOURCES
from uu_check.cli import cli
from uu_check.model import Finding, Location, Target
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.store import CACHE_NOTE, ScanCache, Store, default_path

PAGES = RESOURCES / "pages"


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(PAGES, tmp_path / "kurs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cached(target: Target | dict) -> bool:
    notes = target["notes"] if isinstance(target, dict) else target.notes
    return any(note.startswith(CACHE_NOTE) for note in notes)


def scan(store: Store, lang: str = "nb", arguments: list[str] | None = None):
    options = ScanOptions(lang=lang, use_browser=False)
    return Scanner(options, cache=ScanCache(store, options)).scan(arguments or ["kurs"])


def test_second_scan_of_unchanged_files_comes_from_the_cache(course: Path) -> None:
    with Store(course / "cache" / "c.sqlite") as store:
        first = scan(store)
        assert not any(cached(t) for t in first.targets)
        second = scan(store)
        assert all(cached(t) for t in second.targets)
        assert {t.mode for t in second.targets} == {"static"}  # as it was checked
        assert [f.to_dict() for f in second.findings] == [f.to_dict() for f in first.findings]
        assert [t.score for t in second.targets] == [t.score for t in first.targets]

        page = course / "kurs" / "uke2.html"
        page.write_text(page.read_text(encoding="utf-8").replace("<h4>", "<h2>").replace("</h4>", "</h2>"),
                        encoding="utf-8")
        third = scan(store)
        reused = {t.key: cached(t) for t in third.targets}
        assert reused == {"kurs/ren.html": True, "kurs/uke1.html": True, "kurs/uke2.html": False}
        assert "html-heading-skip" not in {f.rule for f in third.findings}

        english = scan(store, lang="en")  # other settings: checked again
        assert not any(cached(t) for t in english.targets)
        assert len(store.runs("scan")) == 4


def test_pages_by_url_are_always_checked_again(course: Path, serve_dir) -> None:
    server = serve_dir(course / "kurs")
    with Store(course / "c.sqlite") as store:
        for _ in range(2):
            report = scan(store, arguments=[f"{server.url}/uke1.html"])
            assert report.targets[0].status == "checked" and not cached(report.targets[0])


def test_cli_cache_default_folder_env_and_no_cache(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*extra: str) -> dict:
        result = CliRunner().invoke(cli, ["scan", "kurs", "--no-browser", "--format", "json", "--fail-on", "never", *extra])
        assert result.exit_code == 0, result.output
        return load_json_report(result.stdout)

    run()
    assert (course / ".uu-check" / "cache.sqlite").is_file()
    assert (course / ".uu-check" / ".gitignore").read_text() == "*\n"
    assert all(cached(t) for t in run()["targets"])
    assert not any(cached(t) for t in run("--no-cache")["targets"])
    run("--cache-dir", "elsewhere")
    assert (course / "elsewhere" / "cache.sqlite").is_file()
    monkeypatch.setenv("UU_CHECK_CACHE", str(course / "env-cache"))
    assert default_path() == course / "env-cache" / "cache.sqlite"


def test_store_round_trips_runs_targets_and_findings(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        run = store.begin_run({"what": "crawl of example.org"}, kind="crawl")
        target = Target(id="t1", uri="https://example.org/", kind="html", key="https://example.org/", score=90)
        finding = Finding(rule="image-alt", engine="axe", outcome="violation", severity="critical", wcag=["1.1.1"],
                          level="A", en301549=[], target="t1", location=Location(selector="img"),
                          message="m", fix="f", help_url=None, fingerprint="abcdefabcdefabcdefabcdef")
        store.add_target(run, target, [finding], cache_key="k1")
        store.finish_run(run, {"pages": 1})
        [(back, findings)] = list(store.targets_of(run))
        assert back == target and findings == [finding]
        assert store.lookup("k1") == (target, [finding])
        assert store.runs("crawl")[0]["info"] == {"pages": 1}
        for _ in range(3):
            store.finish_run(store.begin_run(kind="crawl"))
        store.prune(keep_runs=2)
        assert len(store.runs("crawl")) == 2 and store.lookup("k1") is None
    assert json.loads(json.dumps(default_path(tmp_path).name)) == "cache.sqlite"

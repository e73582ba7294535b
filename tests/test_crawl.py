"""Crawling an LMS-like site on 127.0.0.1: scope, login cookie, documents, redirects, errors,
resume after a kill, and secrets that never leave the process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LocalServer, load_json_report
from tests.lms_site import SESSION, Site
from uu_check.options import ScanOptions
from uu_check.sources.crawl import CrawlSettings, Crawler
from uu_check.sources.urls import Scope, is_dangerous, normalise_url

pytestmark = pytest.mark.browser


def test_url_normal_form_and_dangerous_links() -> None:
    assert normalise_url("HTTP://Lms.Example:80/a?utm_source=x&b=1#top") == "http://lms.example/a?b=1"
    assert normalise_url("https://lms.example") == "https://lms.example/"
    assert normalise_url("https://user:pw@lms.example:8443/x") == "https://lms.example:8443/x"
    for url, text in (("https://x/logout", ""), ("https://x/a?action=delete", ""), ("https://x/p", "Logg ut"),
                      ("https://x/avmelding", "")):
        assert is_dangerous(url, text), url
    assert not is_dangerous("https://x/courses/42/pages/removal-of-fractions-is-fun-1", "Brøk")
    scope = Scope(["https://lms.example/courses/42"], exclude=("*/grades*",))
    assert scope.allows("https://lms.example/courses/43")
    assert not scope.allows("https://other.example/")
    assert not scope.allows("https://lms.example/courses/42/grades")


def crawl_site(tmp_path: Path, site: Site, server: LocalServer, *, cookie: bool = True, **settings: object):
    options = ScanOptions(lang="nb", timeout=20, jobs=2)
    if cookie:
        options.cookies = [{"name": "session", "value": SESSION, "url": server.url}]
    crawler = Crawler(options, [f"{server.url}/courses/42"], CrawlSettings(rate=0, **settings),  # type: ignore[arg-type]
                      state=tmp_path / "state.sqlite")
    return crawler.run()


def test_crawl_checks_every_in_scope_page_and_document_once(tmp_path: Path) -> None:
    site = Site()
    offsite = Site()
    with LocalServer(Path("."), offsite.handler()) as other:
        site.offsite = other.url
        with LocalServer(Path("."), site.handler()) as server:
            report = crawl_site(tmp_path, site, server)
    keys = [t.key.replace(server.url, "") for t in report.targets]
    assert len(keys) == len(set(keys)), "a page was checked twice"
    checked_pages = {k for k, t in zip(keys, report.targets) if t.kind == "html" and t.status == "checked"}
    assert checked_pages == site.expected_pages()
    kinds = {k: t.kind for k, t in zip(keys, report.targets)}
    assert kinds["/files/timeplan.pdf"] == "pdf" and kinds["/files/arbeidsark.docx"] == "docx"
    assert kinds["/files/download?id=7"] == "pptx"
    errors = {k: t.error for k, t in zip(keys, report.targets) if t.status == "error"}
    assert "HTTP 404" in errors["/courses/42/missing"]
    skipped = {k: t.error for k, t in zip(keys, report.targets) if t.status == "skipped"}
    assert "robots.txt" in skipped["/courses/42/private/notes"]
    requested = [path for path, _ in site.log]
    assert "/logout" not in requested and not any("delete" in p for p in requested)
    assert not any(p.startswith("/courses/42/private") for p in requested)
    assert other.url and offsite.log == [], "an off-site page was requested"
    assert all(logged_in for path, logged_in in site.log if path.startswith("/courses/"))
    page = next(t for t in report.targets if t.key.endswith("/modules/2/pages/3"))
    assert page.parent == {"course": f"{server.url}/courses/42", "linked_from": f"{server.url}/courses/42/modules/2"}
    assert any(f.rule == "image-alt" for f in report.findings_for(page.id))


def test_without_the_cookie_only_the_login_page_is_reached(tmp_path: Path) -> None:
    site = Site()
    with LocalServer(Path("."), site.handler()) as server:
        report = crawl_site(tmp_path, site, server, cookie=False)
    assert [t.title for t in report.targets] == ["Logg inn"]
    assert not any(p.startswith("/courses/42/modules") for p, _ in site.log)


def test_limits_on_depth_and_pages(tmp_path: Path) -> None:
    site = Site()
    with LocalServer(Path("."), site.handler()) as server:
        shallow = crawl_site(tmp_path, site, server, max_depth=1)
        few = crawl_site(tmp_path, site, server, max_pages=3)
    assert not any("/pages/" in t.key for t in shallow.targets)
    assert len(few.targets) == 3


def _cli(tmp_path: Path, server: LocalServer, out: Path, *extra: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "uu_check", "scan", f"{server.url}/courses/42", "--crawl", "--rate", "0",
            "--cookie", f"session={SESSION}", "--state", str(tmp_path / "crawl.sqlite"), "--format", "json",
            "-o", str(out), "--jobs", "1", "-vv", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "CI": os.environ.get("CI", "")})


def _fingerprints(path: Path) -> set[tuple[str, str]]:
    data = load_json_report(path.read_text(encoding="utf-8"))
    keys = {t["id"]: t["key"] for t in data["targets"]}
    return {(keys[f["target"]], f["fingerprint"]) for f in data["findings"]}


def test_resume_after_a_kill_gives_the_same_findings_and_no_secret_leaks(tmp_path: Path) -> None:
    site = Site()
    with LocalServer(Path("."), site.handler()) as server:
        whole = tmp_path / "whole"
        whole.mkdir()
        full = _cli(whole, server, whole / "report.json")
        out, err = full.communicate(timeout=600)
        assert full.returncode in (1, 3), err
        resumed_dir = tmp_path / "resumed"
        resumed_dir.mkdir()
        first = _cli(resumed_dir, server, resumed_dir / "report.json")
        state = resumed_dir / "crawl.sqlite"
        deadline = time.time() + 300
        while time.time() < deadline:
            time.sleep(0.5)
            if state.exists():
                try:
                    done = sqlite3.connect(state).execute("SELECT COUNT(*) FROM results").fetchone()[0]
                except sqlite3.Error:
                    continue
                if done >= 5:
                    break
        first.send_signal(signal.SIGKILL)
        first.communicate()
        assert not (resumed_dir / "report.json").exists()
        second = _cli(resumed_dir, server, resumed_dir / "report.json", "--resume")
        out2, err2 = second.communicate(timeout=600)
    assert _fingerprints(whole / "report.json") == _fingerprints(resumed_dir / "report.json")
    data = json.loads((resumed_dir / "report.json").read_text())
    assert len({t["key"] for t in data["targets"]}) == len(data["targets"])
    for text in (out, err, out2, err2, (whole / "report.json").read_text(), (resumed_dir / "report.json").read_text()):
        assert SESSION not in text

"""The on-disk store: SQLite with runs, targets and findings; the scan cache is built on it.

One small, general API (see docs/reports.md#the-store): a run has targets, a target has
findings, every row keeps its full JSON so nothing is lost when the model grows. The scan cache
looks up the newest checked target with the same *cache key* (content hash + everything that
changes the result) and reuses its findings, so an unchanged file is never checked twice.
Other features (a crawl's frontier, resumable runs) add their own tables to the same database
through `Store.connection`. One process writes; nothing here is shared across processes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from uu_check.model import Finding, Report, Target

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
#: Start of the note on a target whose findings came from the cache.
CACHE_NOTE = "from cache"
DEFAULT_DIR = ".uu-check"
DEFAULT_NAME = "cache.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'scan',
    started TEXT NOT NULL,
    finished TEXT,
    info TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    uri TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    sha256 TEXT,
    cache_key TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS targets_cache_key ON targets(cache_key);
CREATE INDEX IF NOT EXISTS targets_run ON targets(run_id);
CREATE INDEX IF NOT EXISTS targets_key ON targets(key);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    outcome TEXT NOT NULL,
    severity TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_target ON findings(target_id);
"""


class StoreError(Exception):
    """The store cannot be opened (unwritable folder, a newer schema, a corrupt file)."""


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """--cache-dir, else $UU_CHECK_CACHE (a folder, or a file ending in .sqlite), else
    .uu-check/ in the working directory."""
    if cache_dir:
        return Path(cache_dir) / DEFAULT_NAME
    env = os.environ.get("UU_CHECK_CACHE")
    if env:
        return Path(env) if env.endswith((".sqlite", ".db")) else Path(env) / DEFAULT_NAME
    return Path.cwd() / DEFAULT_DIR / DEFAULT_NAME


class Store:
    """runs -> targets -> findings in one SQLite file. Open with `Store(path)`, close with
    `close()` (or use as a context manager)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            self.connection.executescript(_SCHEMA)
            row = self.connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self.connection.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                self.connection.commit()
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"{path}: made by a newer uu-check (schema {row[0]}); use another --cache-dir")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{path}: cannot open the cache ({exc})") from None
        ignore = path.parent / ".gitignore"
        if path.parent.name == DEFAULT_DIR and not ignore.exists():
            try:
                ignore.write_text("*\n", encoding="utf-8")  # never commit the cache by accident
            except OSError:
                pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    # runs
    def begin_run(self, info: dict[str, Any] | None = None, *, kind: str = "scan") -> int:
        cursor = self.connection.execute("INSERT INTO runs (kind, started, info) VALUES (?, ?, ?)",
                                         (kind, _now(), json.dumps(info or {}, ensure_ascii=False)))
        self.connection.commit()
        return int(cursor.lastrowid)

    def finish_run(self, run_id: int, info: dict[str, Any] | None = None) -> None:
        if info is None:
            self.connection.execute("UPDATE runs SET finished=? WHERE id=?", (_now(), run_id))
        else:
            self.connection.execute("UPDATE runs SET finished=?, info=? WHERE id=?",
                                    (_now(), json.dumps(info, ensure_ascii=False), run_id))
        self.connection.commit()

    def runs(self, kind: str | None = None) -> list[dict[str, Any]]:
        query = "SELECT id, kind, started, finished, info FROM runs" + (" WHERE kind=?" if kind else "") + " ORDER BY id"
        return [{"id": r[0], "kind": r[1], "started": r[2], "finished": r[3], "info": json.loads(r[4])}
                for r in self.connection.execute(query, (kind,) if kind else ())]

    # targets and findings
    def add_target(self, run_id: int, target: Target, findings: list[Finding], *, cache_key: str | None = None) -> int:
        """Record one target and its findings (committed at once: a crash loses nothing done)."""
        with self.connection:
            cursor = self.connection.execute(
                "INSERT INTO targets (run_id, key, uri, kind, status, sha256, cache_key, data) VALUES (?,?,?,?,?,?,?,?)",
                (run_id, target.key or target.uri, target.uri, target.kind, target.status, target.sha256, cache_key,
                 json.dumps(target.to_dict(), ensure_ascii=False)))
            row_id = int(cursor.lastrowid)
            self.connection.executemany(
                "INSERT INTO findings (target_id, fingerprint, rule, outcome, severity, data) VALUES (?,?,?,?,?,?)",
                [(row_id, f.fingerprint, f.rule, f.outcome, f.severity, json.dumps(f.to_dict(), ensure_ascii=False))
                 for f in findings])
        return row_id

    def findings_of(self, target_row: int) -> list[Finding]:
        rows = self.connection.execute("SELECT data FROM findings WHERE target_id=? ORDER BY id", (target_row,))
        return [Finding.from_dict(json.loads(r[0])) for r in rows]

    def targets_of(self, run_id: int) -> Iterator[tuple[Target, list[Finding]]]:
        rows = self.connection.execute("SELECT id, data FROM targets WHERE run_id=? ORDER BY id", (run_id,)).fetchall()
        for row_id, data in rows:
            yield Target.from_dict(json.loads(data)), self.findings_of(row_id)

    def lookup(self, cache_key: str) -> tuple[Target, list[Finding]] | None:
        """The newest checked target stored under `cache_key`, with its findings."""
        found = self.lookup_row(cache_key)
        return None if found is None else found[1:]

    def lookup_row(self, cache_key: str) -> tuple[int, Target, list[Finding]] | None:
        """Like lookup(), with the target's row id (for copy_target)."""
        row = self.connection.execute(
            "SELECT id, data FROM targets WHERE cache_key=? AND status='checked' ORDER BY id DESC LIMIT 1",
            (cache_key,)).fetchone()
        if row is None:
            return None
        return row[0], Target.from_dict(json.loads(row[1])), self.findings_of(row[0])

    def copy_target(self, run_id: int, target_row: int, *, commit: bool = True) -> int:
        """Record a stored target and its findings again under another run, row for row (no
        re-encoding: this is what makes a cache hit cheap). commit=False leaves the
        transaction open for the caller (finish_run commits)."""
        with self.connection if commit else contextlib.nullcontext():
            cursor = self.connection.execute(
                "INSERT INTO targets (run_id, key, uri, kind, status, sha256, cache_key, data) "
                "SELECT ?, key, uri, kind, status, sha256, cache_key, data FROM targets WHERE id=?", (run_id, target_row))
            row_id = int(cursor.lastrowid)
            self.connection.execute(
                "INSERT INTO findings (target_id, fingerprint, rule, outcome, severity, data) "
                "SELECT ?, fingerprint, rule, outcome, severity, data FROM findings WHERE target_id=? ORDER BY id",
                (row_id, target_row))
        return row_id

    def prune(self, keep_runs: int = 20) -> None:
        """Forget all but the newest `keep_runs` runs of each kind (the cache needs only one)."""
        with self.connection:
            self.connection.execute(
                "DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs r WHERE (SELECT COUNT(*) FROM runs n "
                "WHERE n.kind = r.kind AND n.id > r.id) < ?)", (keep_runs,))


@functools.cache
def rules_fingerprint() -> str:
    """A hash of the rule catalog and of the code that produces findings: a changed rule, text
    or check invalidates every cached result, even between releases."""
    from uu_check.catalog import catalog_dir

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    roots = [catalog_dir(), package / "checks", package / "engines", package / "text"]
    extra = [package / "registry.py", package / "model.py", package / "catalog.py"]
    files = sorted(p for root in roots if root.is_dir() for p in root.rglob("*")
                   if p.is_file() and p.suffix in (".yaml", ".py", ".js"))
    for path in [*files, *extra]:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


class ScanCache:
    """What the Scanner consults before checking a file, and fills after.

    The key covers the file's content, its identity (the fingerprints depend on it) and every
    setting that changes findings: rules selected, level, language, mode, rule options, the
    tool and axe-core versions, the browser named and the catalog/code hash. URLs are never cached."""

    def __init__(self, store: Store, options: Any) -> None:
        from uu_check import __version__

        self.store = store
        self.hits = 0
        self.disabled = False
        axe_version = None
        if options.use_browser:
            from uu_check.engines.axe import axe_version as _axe

            axe_version = _axe()
        self._settings = json.dumps({
            "tool": __version__, "axe": axe_version, "rules": rules_fingerprint(), "lang": options.lang,
            "level": options.level, "select": sorted(options.select), "ignore": sorted(options.ignore),
            "browser": options.use_browser, "browser_path": options.browser_path if options.use_browser else None,
            "rule_options": options.rule_options,
        }, sort_keys=True, default=str)
        self.run_id = store.begin_run({"settings": json.loads(self._settings)}, kind="scan")

    def key(self, spec: Any) -> str | None:
        if spec.path is None or spec.url is not None or spec.status is not None:
            return None
        content = spec.sha256()
        if content is None:
            return None
        raw = "\x1f".join((content, spec.kind, spec.key, self._settings))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def _failed(self, exc: Exception) -> None:
        """The cache is only a speed-up: a locked, full or concurrently pruned database (several
        scans sharing one cache folder) turns it off for this run instead of failing the scan."""
        if not self.disabled:
            log.warning("cache disabled for this run: %s", exc)
        self.disabled = True

    def lookup(self, spec: Any) -> tuple[Target, list[Finding]] | None:
        if self.disabled:
            return None
        try:
            return self._lookup(spec)
        except sqlite3.Error as exc:
            self._failed(exc)
            return None

    def save(self, spec: Any, target: Target, findings: list[Finding]) -> None:
        if self.disabled:
            return
        try:
            self._save(spec, target, findings)
        except sqlite3.Error as exc:
            self._failed(exc)

    def finish(self, report: Report) -> None:
        if self.disabled:
            return
        try:
            self._finish(report)
        except sqlite3.Error as exc:
            self._failed(exc)

    def _lookup(self, spec: Any) -> tuple[Target, list[Finding]] | None:
        """The cached target and findings for an unchanged file, with a note saying so."""
        key = self.key(spec)
        found = self.store.lookup_row(key) if key else None
        if found is None:
            return None
        row, target, findings = found
        target.uri, target.parent = spec.uri, spec.parent
        self.store.copy_target(self.run_id, row, commit=False)  # as checked, for the next run
        # The mode stays as it was checked (browser/static): reporters and tools read it; the
        # note says the result was reused.
        target.notes = [n for n in target.notes if not n.startswith(CACHE_NOTE)]
        target.notes.append(f"{CACHE_NOTE}: unchanged since it was checked")
        self.hits += 1
        return target, findings

    def _save(self, spec: Any, target: Target, findings: list[Finding]) -> None:
        if target.status != "checked":
            return
        key = self.key(spec)
        if key:
            self.store.add_target(self.run_id, target, findings, cache_key=key)

    def _finish(self, report: Report) -> None:
        self.store.finish_run(self.run_id, {"settings": json.loads(self._settings), "summary": report.summary(),
                                            "cache_hits": self.hits})
        self.store.prune(keep_runs=20)

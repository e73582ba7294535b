"""The crawl's state in SQLite: the frontier (what is queued and what is done) and each target's
results, so a killed crawl resumes where it stopped and results stream to disk instead of
piling up in memory. The coordinating process is the only writer.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from uu_check.model import Finding, Target

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
  url TEXT PRIMARY KEY, depth INTEGER NOT NULL, kind TEXT NOT NULL, parent TEXT,
  status TEXT NOT NULL DEFAULT 'queued', seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS frontier_queue ON frontier (status, seq);
CREATE TABLE IF NOT EXISTS results (
  seq INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, target TEXT NOT NULL, findings TEXT NOT NULL);
"""


class CrawlStore:
    def __init__(self, path: Path, *, fresh: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh and path.exists():
            path.unlink()
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM frontier").fetchone()[0]

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        self.db.commit()

    def enqueue(self, url: str, depth: int, kind: str, parent: dict[str, Any] | None) -> bool:
        """Queue a URL once; False when it was already known (queued or done)."""
        self._seq += 1
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO frontier (url, depth, kind, parent, seq) VALUES (?, ?, ?, ?, ?)",
            (url, depth, kind, json.dumps(parent) if parent else None, self._seq))
        if cursor.rowcount == 0:
            self._seq -= 1
            return False
        return True

    def next_batch(self, limit: int) -> list[tuple[str, int, str, dict[str, Any] | None, int]]:
        """Queued URLs in discovery order: (url, depth, kind, parent, seq)."""
        rows = self.db.execute("SELECT url, depth, kind, parent, seq FROM frontier WHERE status = 'queued' "
                               "ORDER BY seq LIMIT ?", (limit,)).fetchall()
        return [(u, d, k, json.loads(p) if p else None, s) for u, d, k, p, s in rows]

    def status(self, url: str) -> str | None:
        row = self.db.execute("SELECT status FROM frontier WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def mark(self, url: str, status: str) -> None:
        self.db.execute("UPDATE frontier SET status = ? WHERE url = ?", (status, url))

    def record(self, seq: int, url: str, target: Target, findings: list[Finding]) -> None:
        """Store one finished target and mark it done, in one transaction."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                            (seq, url, json.dumps(target.to_dict()), json.dumps([f.to_dict() for f in findings])))
            self.db.execute("UPDATE frontier SET status = 'done' WHERE url = ?", (url,))

    def counts(self) -> dict[str, int]:
        rows = dict(self.db.execute("SELECT status, COUNT(*) FROM frontier GROUP BY status").fetchall())
        return {"queued": rows.get("queued", 0), "done": rows.get("done", 0), "found": sum(rows.values())}

    def results(self) -> Iterator[tuple[Target, list[Finding]]]:
        for target, findings in self.db.execute("SELECT target, findings FROM results ORDER BY seq"):
            yield Target.from_dict(json.loads(target)), [Finding.from_dict(f) for f in json.loads(findings)]

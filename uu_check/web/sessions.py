"""What the web app remembers, in memory only, per browser session: the last score and
fingerprints of each file name (to show progress when a teacher checks again) and recent reports
(to download). Nothing is written to disk; old sessions are forgotten first."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from uu_check.model import Report

MAX_SESSIONS = 500
MAX_REPORTS = 10
SESSION_SECONDS = 8 * 3600


@dataclass
class Previous:
    score: int | None
    fingerprints: frozenset[str]


@dataclass
class Session:
    touched: float = field(default_factory=time.monotonic)
    history: dict[str, Previous] = field(default_factory=dict)
    reports: OrderedDict[str, Report] = field(default_factory=OrderedDict)


class SessionStore:
    def __init__(self) -> None:
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str | None) -> tuple[str, Session]:
        with self._lock:
            now = time.monotonic()
            for key in [k for k, s in self._sessions.items() if now - s.touched > SESSION_SECONDS]:
                del self._sessions[key]
            if session_id and session_id in self._sessions:
                session = self._sessions.pop(session_id)
            else:
                session_id, session = secrets.token_urlsafe(24), Session()
            session.touched = now
            self._sessions[session_id] = session
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
            return session_id, session

    def add_report(self, session: Session, report: Report) -> str:
        report_id = secrets.token_urlsafe(12)
        with self._lock:
            session.reports[report_id] = report
            while len(session.reports) > MAX_REPORTS:
                session.reports.popitem(last=False)
        return report_id

    def __len__(self) -> int:
        return len(self._sessions)

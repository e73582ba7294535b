"""A small LMS-like site for crawl tests, served by a real HTTP server on 127.0.0.1.

Course 42 sits behind a login that sets a session cookie; it has modules, pages, linked PDF,
DOCX and PPTX files, a redirect, a 404, a slow page, a robots.txt-disallowed area, an off-site
link and a logout link. Every request is logged (path and whether the session cookie came along).
"""

from __future__ import annotations

import http.server
import io
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

SESSION = "s3cr3t-session-value-42"
MODULES = 3
PAGES_PER_MODULE = 4


def make_pdf() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Oppgave 1: Regn ut 1/2 + 1/4.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pptx() -> bytes:
    import pptx

    deck = pptx.Presentation()
    deck.slides.add_slide(deck.slide_layouts[6])
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


@dataclass
class Site:
    offsite: str = "http://127.0.0.1:9"
    log: list[tuple[str, bool]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.files = {
            "/files/timeplan.pdf": ("application/pdf", make_pdf()),
            "/files/arbeidsark.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", make_docx()),
            "/files/download?id=7": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", make_pptx()),
        }

    def page(self, title: str, body: str) -> bytes:
        return (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>{title}</title></head>'
                f'<body><main><h1>{title}</h1>{body}</main></body></html>').encode()

    def expected_pages(self) -> set[str]:
        pages = {"/courses/42", "/courses/42/slow"}
        for m in range(1, MODULES + 1):
            pages.add(f"/courses/42/modules/{m}")
            pages.update(f"/courses/42/modules/{m}/pages/{p}" for p in range(1, PAGES_PER_MODULE + 1))
        return pages

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _logged_in(self) -> bool:
                cookie = SimpleCookie(self.headers.get("Cookie", ""))
                return "session" in cookie and cookie["session"].value == SESSION

            def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_HEAD(self) -> None:  # noqa: N802
                self.do_GET()

            def do_GET(self) -> None:  # noqa: N802
                path = self.path
                with site.lock:
                    site.log.append((path, self._logged_in()))
                if path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nDisallow: /courses/42/private/\n", "text/plain")
                if path == "/favicon.ico":
                    return self._send(404)
                if path == "/login":
                    return self._send(200, site.page("Logg inn", '<form><label>Brukernavn <input name="u"></label></form>'))
                if path.startswith("/courses/") and not self._logged_in():
                    return self._send(302, headers={"Location": "/login"})
                if path in site.files:
                    content_type, data = site.files[path]
                    return self._send(200, data, content_type)
                if path == "/courses/42":
                    links = "".join(f'<li><a href="/courses/42/modules/{m}?utm_source=menu">Modul {m}</a></li>'
                                    for m in range(1, MODULES + 1))
                    return self._send(200, site.page("Matematikk 1P", f"<ul>{links}</ul>"
                                      '<p><a href="/logout">Logg ut</a> <a href="/courses/42/old-front">Gammel forside</a>'
                                      f' <a href="{site.offsite}/annen-side">Udir</a>'
                                      ' <a href="/courses/42/private/notes">Notater</a>'
                                      ' <a href="/courses/42/missing">Borte</a> <a href="/courses/42/slow">Treg side</a></p>'
                                      '<p><a href="/courses/42/delete?id=3">Slett emnet</a></p>'))
                if path == "/courses/42/old-front":
                    return self._send(301, headers={"Location": "/courses/42"})
                if path == "/courses/42/slow":
                    time.sleep(1.5)
                    return self._send(200, site.page("Treg side", "<p>Endelig.</p>"))
                if path.startswith("/courses/42/modules/"):
                    parts = path.split("?")[0].split("/")
                    module = int(parts[4])
                    if len(parts) == 5:
                        links = "".join(f'<li><a href="/courses/42/modules/{module}/pages/{p}#top">Side {p}</a></li>'
                                        for p in range(1, PAGES_PER_MODULE + 1))
                        return self._send(200, site.page(f"Modul {module}", f"<ul>{links}</ul>"))
                    page = int(parts[6])
                    extra = ""
                    if module == 1 and page == 1:
                        extra = ('<p><a href="/files/timeplan.pdf">Timeplan (PDF)</a> '
                                 '<a href="/files/arbeidsark.docx">Arbeidsark (Word)</a> '
                                 '<a href="/files/download?id=7">Lysark</a></p>')
                    return self._send(200, site.page(f"Modul {module}, side {page}",
                                      f'<p>Innhold.</p><img src="/files/bilde{page}.png">'
                                      f'<p><a href="/courses/42/modules/{module}">Tilbake til modulen</a></p>{extra}'))
                return self._send(404, site.page("Fant ikke siden", "<p>404</p>"))

        return Handler

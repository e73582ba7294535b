"""`uu-check serve`: start the local web page for teachers."""

from __future__ import annotations

import os

import click

from uu_check.web.netguard import is_loopback_host


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep it local unless you need a server).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True)
@click.option("--token", envvar="UU_CHECK_TOKEN", help="Access code people must enter (or UU_CHECK_TOKEN); needed beyond localhost.")
@click.option("--allow-internal", is_flag=True, help="Allow checking addresses on internal networks when exposed.")
@click.option("--max-file-mb", type=click.FloatRange(min=0.1), default=50, show_default=True)
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--browser", "browser_path", metavar="PATH", help="Chromium or Chrome to use.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True, help="Seconds per file or page.")
def serve_command(host: str, port: int, token: str | None, allow_internal: bool, max_file_mb: float, max_files: int,
                  browser_path: str | None, timeout: float) -> None:
    """Start a local web page: drop a file or paste a link, get the barriers and how to fix them."""
    import uvicorn

    from uu_check.web.app import WebSettings, create_app

    if not is_loopback_host(host):
        click.echo(f"warning: uu-check serve listens on {host}, reachable by others on the network; "
                   + ("an access code is required." if token else "set --token (or UU_CHECK_TOKEN) so only your school can use it."),
                   err=True)
    settings = WebSettings(host=host, token=token, allow_internal=allow_internal, max_file_mb=max_file_mb,
                           max_files=max_files, browser_path=browser_path or os.environ.get("UU_CHECK_BROWSER"), timeout=timeout)
    click.echo(f"uu-check: open http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/ in your browser (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)

"""Command-line options shared by several commands."""

from __future__ import annotations

import click

from uu_check.catalog import LANGS

lang_option = click.option(
    "--lang", type=click.Choice(LANGS), default=None,
    help="Language of messages and advice: nb (bokmål), nn (nynorsk), en. Default: from the system locale.")

#!/usr/bin/env bash
# Install uu-check with its test tools, and make sure a Chromium is available.
# Order: a browser uu-check already finds; Playwright's own download; the system's Chromium via apt.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

"$PYTHON" -m pip install --quiet --disable-pip-version-check -e '.[test]'

have_browser() { "$PYTHON" -c 'from uu_check.engines.browser import find_browser; print(find_browser())' >/dev/null 2>&1; }

if have_browser; then
  echo "setup: browser found: $("$PYTHON" -c 'from uu_check.engines.browser import find_browser; print(find_browser())')"
  exit 0
fi
echo "setup: no browser yet; trying Playwright's Chromium download"
if timeout 300 "$PYTHON" -m playwright install chromium >/dev/null 2>&1 && have_browser; then
  echo "setup: using Playwright's Chromium"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium with apt-get"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if have_browser; then
  echo "setup: browser found: $("$PYTHON" -c 'from uu_check.engines.browser import find_browser; print(find_browser())')"
else
  echo "setup: no browser could be installed; install Chromium or Chrome yourself, or use --no-browser" >&2
  exit 1
fi

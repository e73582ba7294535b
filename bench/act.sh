#!/bin/sh
# Score uu-check (axe-core + our own HTML rules) on the W3C ACT Rules test cases.
# Prints score.py's per-rule table and, last, `act: caught X/Y failed examples, false alarms A/B`.
# Takes several minutes (about 1200 pages in one Chromium); run it alone.
#   bench/act.sh                  # full run, report in /tmp/uu-act-report.json
#   bench/act.sh --report FILE    # re-score an existing report
# Other options: see `python bench/act_score.py --help`.
set -e
cd "$(dirname "$0")/.."
exec python bench/act_score.py "$@"

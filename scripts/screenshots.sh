#!/usr/bin/env bash
# Save a full-page PNG of every main page, as each role, in English and Dutch, at laptop and phone
# width, from a fresh demo database: bash scripts/screenshots.sh DIR [--page NAME ...] [--role ROLE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet -r requirements-dev.txt
exec .venv/bin/python scripts/screenshots.py "$@"

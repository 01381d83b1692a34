#!/usr/bin/env bash
# Run the whole test suite. Without DATABASE_URL, REDIS_URL, Chromium and npm the tests
# that need them are skipped and say why; .ci/run provides all four.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements-dev.txt
# axe-core (pinned in package.json) for the accessibility tests, when npm is there; without it they skip.
if command -v npm >/dev/null && [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --silent
fi
# In parallel, one process per core (pytest-xdist); "-n 0" after it runs the tests in this process.
exec .venv/bin/python -m pytest -n "${TEST_PROCESSES:-auto}" --dist loadgroup "$@"

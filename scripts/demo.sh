#!/usr/bin/env bash
# Create the environment, install, migrate, seed the demo and serve the portal at
# http://127.0.0.1:8000 on the embedded default (SQLite, tasks in-process, mail to
# the console), with DEBUG off (scripts/demo.env): the portal's own error pages.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt
set -a
. scripts/demo.env
set +a
SECRET_KEY=${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}
export SECRET_KEY
.venv/bin/python manage.py collectstatic --no-input --verbosity 0
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py seed_demo
echo "ICM Portal: http://127.0.0.1:8000/"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000

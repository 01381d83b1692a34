"""Gunicorn's configuration for the portal (``gunicorn -c gunicorn.conf.py icm_portal.wsgi``), from the
environment: GUNICORN_BIND, WEB_CONCURRENCY (worker processes), GUNICORN_TIMEOUT."""

import os

from gunicorn.http import wsgi

# All addresses of its container by default: docker-compose publishes the port (or a proxy reaches it).
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request that takes longer is a fault: its worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so that memory a request kept does not add up: every 10,000
# requests, which under a burst of 300 a second is a minute, not the few seconds that a restart
# (loading Django again, compiling the templates) would cost each time at 1,000.
max_requests = 10_000
max_requests_jitter = 1_000
accesslog = "-"
errorlog = "-"
# The workers' heartbeat files live in memory, not on a container's slow overlay disk (gunicorn's
# advice for Docker); gunicorn creates them itself, unpredictably named and unlinked at once.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108


def _without_server_header(default_headers):
    """The response headers without ``Server: gunicorn``: which server it is tells an attacker what to try."""

    def headers(self):
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    return headers


wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)

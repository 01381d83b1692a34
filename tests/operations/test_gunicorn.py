"""gunicorn.conf.py, as the Dockerfile and docker-compose start the web process."""

import os
import sys

import pytest

from .servers import ROOT, Process, free_port, http_get, wait_until


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "g7" * 20,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    env.pop("REDIS_URL", None)
    argv = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "icm_portal.wsgi:application"]
    process = Process("gunicorn", argv, env=env, log_dir=tmp_path).start("Booting worker")
    yield process, f"http://127.0.0.1:{port}"
    process.stop()


def test_gunicorn_names_neither_itself_nor_its_version_and_logs_each_request(gunicorn):
    process, url = gunicorn

    status, headers, body = wait_until(lambda: _answer(url), timeout=30, what="gunicorn answers")

    assert (status, body) == (200, '{"status": "ok"}')
    assert "Server" not in headers
    wait_until(lambda: '"GET /health/ HTTP/1.1" 200' in process.output(), timeout=10, what="the access log line")


def _answer(url):
    try:
        return http_get(f"{url}/health/")
    except OSError:
        return None

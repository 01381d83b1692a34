"""What production runs, installed from requirements.txt alone into a fresh environment and started:
gunicorn with gunicorn.conf.py, a Celery worker and beat, DEBUG=0, on a PostgreSQL database and a
Redis of their own, with an SMTP server; a person registers interest over HTTP and the mail arrives.

The environment is built anew each run (that is the point: a dependency that only the development
tools bring in is found here); pip's download cache makes it fast after the first time.
"""

import os
import subprocess
import sys
import time

import pytest

from .conftest import ProductionShape, production_env
from .servers import ROOT, wait_until
from .web import Form, WebClient


@pytest.fixture(scope="session")
def production_python(work_root):
    """A fresh virtual environment with requirements.txt installed, and nothing else."""
    venv = work_root / "production-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    started = time.monotonic()
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"requirements.txt installed in {time.monotonic() - started:.0f}s")
    return python


@pytest.fixture
def production(production_python, cluster, redis_server, smtp, tmp_path):
    database_url = cluster.createdb(f"production_{os.getpid()}")
    env = production_env(
        database_url=database_url, redis_url=redis_server.url(), smtp_port=smtp.port, work_dir=tmp_path
    )
    shape = ProductionShape(python=production_python, env=env, work_dir=tmp_path)
    yield shape
    shape.stop()


def registration_values(form, email):
    """What a student types: the text fields, and the first choice wherever there is one to make."""
    values = {name: next(v for v in choices if v) for name, choices in form.options.items() if any(choices)}
    values.update(name="Production Student", email=email, preferred_period="Spring semester", website="")
    values.update(message="Registered through the production install.", consent="on")
    return values


def test_the_production_install_starts_and_a_registration_mail_arrives(production, smtp):
    production.manage("migrate", "--no-input", "-v", "0")
    production.manage("collectstatic", "--no-input", "-v", "0")
    production.manage("seed_demo")
    production.web(), production.worker(), production.beat()

    browser = WebClient(production.url)
    home = wait_until(lambda: _answered(browser, "/"), timeout=30, what="gunicorn answers")
    assert home.status == 200
    assert "Server" not in home.headers
    [call_page, *_] = home.links(r'href="(/calls/\d+/)"')
    form = Form.find(browser.get(call_page).text, "consent")
    response, _ = browser.submit(call_page, "consent", **registration_values(form, "prod.student@example.org"))

    assert response.status == 200, response.text[:2000]
    assert call_page in response.url  # the confirmation page of this call, or its next step
    wait_until(
        lambda: any("prod.student@example.org" in to for to in smtp.recipients()),
        timeout=60,
        what="a mail to the registered address",
    )


def test_check_deploy_is_clean_in_the_production_install(production_python, cluster, tmp_path):
    """As the web process would start, HTTPS redirect included: no error, no warning."""
    env = production_env(
        database_url=cluster.url("postgres"), redis_url="redis://127.0.0.1:6379/0", smtp_port=25, work_dir=tmp_path
    )
    env.pop("SECURE_SSL_REDIRECT")
    result = subprocess.run(
        [str(production_python), "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _answered(browser, path):
    try:
        return browser.get(path)
    except OSError:
        return None

"""The demo (scripts/demo.sh) runs with DEBUG off: a missing page is the portal's own 404, and the
stylesheets are served, over plain HTTP on this machine."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _demo_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    for line in (ROOT / "scripts" / "demo.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    env.update(
        SECRET_KEY="a-demo-secret-key-for-this-test-only-0123456789",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_demo_script_reads_its_environment():
    script = (ROOT / "scripts" / "demo.sh").read_text()
    assert ". scripts/demo.env" in script and "collectstatic" in script
    assert "DEBUG=0" in (ROOT / "scripts" / "demo.env").read_text()


def test_the_demo_shows_the_portals_404_page_and_serves_its_styles(tmp_path):
    env = _demo_environment(tmp_path)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--no-input", "--verbosity", "0"], env=env, check=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        status, html = _get(base + "/no-such-page/")
        assert status == 404
        assert "Page not found" in html and 'href="/accounts/login/"' in html
        assert "Django tried these URL patterns" not in html
        stylesheet = re.search(r'href="(/static/css/portal[^"]*\.css)"', html).group(1)
        assert _get(base + stylesheet)[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)

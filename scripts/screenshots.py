"""Save a full-page PNG of every main page (icm_portal/pages/tour.py) as each role sees it, in English
and Dutch, on a laptop (1280 × 800) and a phone (390 × 844), from a fresh demo database.

    .venv/bin/python scripts/screenshots.py DIR [--page NAME ...] [--role ROLE ...]

Files are named LANGUAGE-WIDTH-ROLE-PAGE.png. The demo runs on a SQLite file of its own in a
temporary folder, served by Django's development server on a free port, so nothing of an existing
database is touched. Needs Playwright (requirements-dev.txt) and Chromium (CHROMIUM_PATH).
"""

import argparse
import importlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCALES = {"en": "en-GB", "nl": "nl-NL"}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port, server):
    for _ in range(240):
        if server.poll() is not None:
            raise SystemExit("the development server stopped before it answered")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    raise SystemExit("the development server did not answer")


def _demo_environment(folder):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        EMAIL_URL="memorymail://",  # the demo's mails are kept in memory, not printed
        DEBUG="1",
    )
    return env


def _visits(tour, roles, names):
    """(role, file stem, URL) of each page to take, resolved from the demo data."""
    pages_of = tour.pages_of
    return [
        (role, f"{role}-{page.slug}", page.url())
        for role in roles
        for page in pages_of(role)
        if not names or page.name in names or page.name.split(":")[-1] in names
    ]


def _log_in(page, role, passwords):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(role)
    page.locator("input[name=password]").fill(passwords[role])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def take(folder, visits, base_url, passwords):
    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--headless=new", "--no-sandbox"])
        roles = dict.fromkeys(role for role, _, _ in visits)
        for role in roles:
            for language, locale in LOCALES.items():
                for size in SIZES.values():
                    context = browser.new_context(base_url=base_url, locale=locale, viewport=size)
                    page = context.new_page()
                    if role in passwords:
                        _log_in(page, role, passwords)
                    for visitor, stem, url in visits:
                        if visitor != role:
                            continue
                        page.goto(url)
                        path = folder / f"{language}-{size['width']}-{stem}.png"
                        page.screenshot(path=str(path), full_page=True, animations="disabled")
                        saved.append(path)
                    context.close()
        browser.close()
    return saved


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the PNG files go (made if missing)")
    parser.add_argument("--page", action="append", default=[], help="a URL name (e.g. home, call_page); all if none")
    parser.add_argument("--role", action="append", default=[], help="anonymous, student, staff, coordinator1, ir1")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    with tempfile.TemporaryDirectory(prefix="icm-screenshots-") as temporary:
        env = _demo_environment(Path(temporary))
        for command in (["migrate", "--no-input", "-v", "0"], ["seed_demo"]):
            done = subprocess.run([*manage, *command], env=env, cwd=ROOT, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"manage.py {command[0]} failed:\n{done.stderr}")
        os.environ.update(env, DJANGO_SETTINGS_MODULE="icm_portal.settings")
        sys.path.insert(0, str(ROOT))
        django.setup()  # only now: on the demo database just made
        tour = importlib.import_module("icm_portal.pages.tour")
        visits = _visits(tour, args.role or tour.ROLES, set(args.page))
        if not visits:
            raise SystemExit("no page matches --page and --role")
        port = _free_port()
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port, server)
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is done; Playwright's loop runs now
            saved = take(args.folder, visits, f"http://127.0.0.1:{port}", tour.PASSWORDS)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{len(saved)} screenshots in {args.folder}")


if __name__ == "__main__":
    main()

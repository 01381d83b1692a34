"""Visiting the demo's pages (icm_portal/pages/tour.py) in Chromium as each role, in each language:
one browser context per role and language, signed in once through the log-in form."""

from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command

from icm_portal.pages.tour import ANONYMOUS, PASSWORDS

LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}
LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
# How far the page scrolls sideways (0 when it fits its window's width).
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def seed_demo():
    call_command("seed_demo", stdout=StringIO())


@contextmanager
def visitor(browser, live_server, role, language, bypass_csp=False, viewport=None):
    """A page signed in as the role (none for anonymous), whose browser asks for the language.

    ``bypass_csp`` lets a test add its own script to the page (axe-core), which the portal's
    Content-Security-Policy would otherwise refuse.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale=LANGUAGES[language],
        bypass_csp=bypass_csp,
        viewport=viewport or LAPTOP,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        if role != ANONYMOUS:
            page.goto("/accounts/login/")
            page.locator("input[name=username]").fill(role)
            page.locator("input[name=password]").fill(PASSWORDS[role])
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        yield page
    finally:
        context.close()

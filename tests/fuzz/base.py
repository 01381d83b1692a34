"""The test case every fuzz target shares: the security tests' world built once per class, a
savepoint per example (hypothesis' Django ``TestCase``), and the properties every answer must have."""

import shutil
import tempfile
import unicodedata

from django.test import override_settings
from hypothesis.extra.django import TestCase

from icm_portal.outbox.models import Message
from tests.security.world import build_world

# What shows the person that their input was refused or taken: a field's error, an alert, a message.
FEEDBACK_MARKERS = ("invalid-feedback", 'role="alert"', "alert-danger", "alert-warning", 'class="alert ')


def control_characters_in(text):
    return [c for c in str(text) if unicodedata.category(c) == "Cc"]


class PortalFuzzCase(TestCase):
    """Subclasses fuzz one form or endpoint each; every example meets the same world."""

    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="icm-fuzz-media-")
        # The registration rate limit would otherwise answer 429 after the thirtieth example.
        cls._overrides = override_settings(MEDIA_ROOT=cls._media, REGISTRATION_RATE_LIMIT=(10**9, 600))
        cls._overrides.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._overrides.disable()
        shutil.rmtree(cls._media, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        world = build_world()
        cls.users, cls.objects = world.users, world.objects

    def sign_in(self, role):
        if role == "anonymous":
            self.client.logout()
        else:
            self.client.force_login(self.users[role])

    def request(self, method, url, data=None):
        response = getattr(self.client, method.lower())(url, data or {})
        assert response.status_code < 500, f"{method} {url} answered {response.status_code}"
        return response

    def assert_answered_with_feedback(self, response):
        """A POST answers with its errors on the page, or redirects to a page with a message."""
        if response.status_code in (301, 302, 303):
            response = self.request("GET", response["Location"])
        html = response.content.decode()
        assert any(marker in html for marker in FEEDBACK_MARKERS), (
            f"answered {response.status_code} without a message for the person"
        )
        return response

    def assert_shown_escaped(self, values, urls, *, role):
        """What was typed never comes back as markup: on the pages that show it, nor in the mails."""
        raw = [str(value) for value in values if value and "<" in str(value)]
        if not raw:
            return
        self.sign_in(role)
        for url in urls:
            html = self.request("GET", url).content.decode()
            for value in raw:
                assert value not in html, f"{url} shows {value!r} unescaped"
        for body in Message.objects.values_list("body_html", flat=True):
            for value in raw:
                assert value not in body, f"a mail shows {value!r} unescaped"

    def assert_no_control_characters(self, **stored):
        for name, value in stored.items():
            assert not control_characters_in(value), f"stored {name} {value!r} holds control characters"

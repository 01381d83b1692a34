"""The test case every fuzz target shares: the security tests' world built once per class, a
savepoint per example (hypothesis' Django ``TestCase``), and the properties every answer must have."""

import shutil
import tempfile
import unicodedata

from django.test import override_settings
from hypothesis.extra.django import TestCase

from icm_portal.outbox.models import Message
from tests.security.world import build_world

# What shows the person why their input was refused: a field's error, or the form's.
ERROR_MARKERS = ("invalid-feedback", "alert-danger", "errorlist", "errornote")
MESSAGES_MARKER = '<div class="messages">'  # base.html's list of the messages framework's messages


def control_characters_in(text):
    return [c for c in str(text) if unicodedata.category(c) == "Cc"]


class PortalFuzzCase(TestCase):
    """Subclasses fuzz one form or endpoint each; every example meets the same world."""

    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="icm-fuzz-media-")
        # The registration rate limit would otherwise answer 429 after the thirtieth example.
        # A fast password hasher: sign-in examples and the world's accounts hash many passwords.
        cls._overrides = override_settings(
            MEDIA_ROOT=cls._media,
            REGISTRATION_RATE_LIMIT=(10**9, 600),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        )
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

    def assert_answered_with_feedback(self, response, *, done_marker=MESSAGES_MARKER):
        """A POST answers with its errors on the page, or redirects to a page with a message
        (what was done, or why nothing was); ``done_marker`` marks that message."""
        if response.status_code in (301, 302, 303):
            html = self.request("GET", response["Location"]).content.decode()
            assert done_marker in html, f"redirected to {response['Location']} without a message"
        else:
            html = response.content.decode()
            assert any(marker in html for marker in ERROR_MARKERS), (
                f"answered {response.status_code} without a message for the person"
            )

    def assert_shown_escaped(self, values, urls, *, role, always=False):
        """What was typed never comes back as markup: on the pages that show it, nor in the mails.

        The pages are asked only when a value holds markup, or ``always`` (to see them answer)."""
        raw = [str(value) for value in values if value and "<" in str(value)]
        if not raw and not always:
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

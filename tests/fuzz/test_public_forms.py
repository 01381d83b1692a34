"""Fuzzing what anyone may send without an account: the registration form of a call's page, the
withdraw link, signing in and the password reset."""

import re

from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from applications.models import PendingRegistration, Registration
from icm_portal.outbox.models import Message

from .base import PortalFuzzCase
from .strategies import accepted_text, mostly_valid, one_of_or_typed, typed_number, typed_text

UNIT = object()  # replaced by the world's unit when the example runs

registration_forms = mostly_valid(
    {
        "name": accepted_text(60),
        "email": st.just("fuzz.student@example.org"),
        "kind": st.sampled_from(["student", "staff"]),
        "unit": st.just(UNIT),
        "study_level": st.sampled_from(["bachelor", "master", "phd"]),
        "countries": st.lists(st.just("ET"), max_size=1),
        "preferred_period": accepted_text(60),
        "message": accepted_text(300),
        "language": st.sampled_from(["en", "nl"]),
        "consent": st.just("on"),
    },
    {
        "name": typed_text(),
        "email": st.one_of(st.emails().map(lambda e: e[:254]), typed_text(40)),
        "kind": typed_text(10),
        "unit": typed_number(),
        "study_level": one_of_or_typed(["bachelor", "master", "phd", ""]),
        "countries": st.lists(one_of_or_typed(["ET", "CU", "NL"]), max_size=3),
        "preferred_period": typed_text(),
        "message": typed_text(300),
        "language": typed_text(5),
        "consent": st.sampled_from(["", "off", "yes"]),
        "website": typed_text(10),  # the honeypot: filled in, nothing is stored
    },
)


VALID_REGISTRATION = {
    "name": "Demo Student",
    "email": "fuzz.student@example.org",
    "kind": "student",
    "unit": UNIT,
    "study_level": "master",
    "countries": ["ET"],
    "preferred_period": "Spring",
    "message": "<b>Hello</b>",
    "language": "en",
    "consent": "on",
}


class RegistrationFormFuzz(PortalFuzzCase):
    @given(form=registration_forms)
    @example(form={**VALID_REGISTRATION, "name": "Demo\x1bStudent"})  # was stored with the escape code
    def test_the_registration_form_answers_every_input_and_stores_nothing_that_renders(self, form):
        call = self.objects["call"]
        data = {key: (self.objects["unit"].pk if value is UNIT else value) for key, value in form.items()}
        before = set(Registration.objects.values_list("pk", flat=True))
        waiting = set(PendingRegistration.objects.values_list("pk", flat=True))
        response = self.request("POST", reverse("applications:call_page", args=[call.pk]), data)
        self.assert_answered_with_feedback(response, done_marker="alert-info")  # "check your mailbox"
        event(f"answered {response.status_code}")
        confirmed = []
        for pending in PendingRegistration.objects.exclude(pk__in=waiting):  # stored once the link is followed
            mail = Message.objects.filter(template="registration_confirm_address", to_email=pending.email).latest("pk")
            link = re.search(r"/registrations/confirm/[A-Za-z0-9_-]+/", mail.body_text).group(0)
            self.request("POST", link)
            confirmed.append(pending.email_normalised)
        stored = Registration.objects.exclude(pk__in=before) | Registration.objects.filter(
            email_normalised__in=confirmed
        )
        for registration in stored:
            self.assert_no_control_characters(name=registration.name)
            self.assert_shown_escaped(
                [registration.name, registration.preferred_period, registration.message, registration.email],
                [
                    reverse("applications:registration_list", args=[call.pk]),
                    reverse("applications:registration_detail", args=[registration.pk]),
                ],
                role="ir_staff",
            )


class WithdrawLinkFuzz(PortalFuzzCase):
    @given(token=st.one_of(st.text(min_size=1, max_size=80), st.text(alphabet="\x00\x01/%?#.", min_size=1)))
    @example(token="\x00")  # answered 500 (PostgreSQL refuses NUL in a query)
    @example(token="a" * 65)
    def test_any_withdraw_link_answers_a_page_not_an_error(self, token):
        from urllib.parse import quote

        url = "/registrations/withdraw/" + quote(token, safe="") + "/"
        for method in ("GET", "POST"):
            response = self.client.generic(method, url)
            assert response.status_code in (200, 404, 400), (method, token, response.status_code)


class SignInFuzz(PortalFuzzCase):
    @given(username=typed_text(40), password=typed_text(40))
    def test_signing_in_with_anything_answers_the_form_with_its_message(self, username, password):
        response = self.request("POST", reverse("login"), {"username": username, "password": password})
        assert response.status_code == 200
        self.assert_answered_with_feedback(response)

    @given(email=st.one_of(st.emails(), typed_text(60)))
    def test_a_password_reset_for_anything_answers_without_an_error(self, email):
        response = self.request("POST", reverse("password_reset"), {"email": email})
        assert response.status_code in (200, 302)

"""The public call page: what the call offers, the form, its errors, the window, rate limit and honeypot."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from applications.models import PendingRegistration, Registration
from icm_portal.outbox.models import Message

pytestmark = pytest.mark.django_db


def _url(call):
    return reverse("applications:call_page", args=[call.pk])


def test_call_page_shows_offer_partners_projects_and_form(client, call, awarded_proposal):
    response = client.get(_url(call))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Ethiopian Space Science and Technology Institute" in html
    assert "Ethiopia" in html
    assert "Astronomy for society" in html
    assert "3 places: Student mobility for studies" in html
    assert 'name="consent"' in html
    assert "withdraw your registration at any time" in html  # the privacy text beside the consent


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, call):
    html = client.get(_url(call)).content.decode()
    start = html.index('aria-hidden="true"')
    wrapper = html[html.rindex("<div", 0, start) : html.index("</div>", start)]
    assert "visually-hidden" in wrapper
    assert 'name="website"' in html[start:]
    field = html[html.index('name="website"') - 200 : html.index('name="website"') + 200]
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


def test_call_page_runs_the_same_queries_for_one_or_several_projects(
    client, call, awarded_proposal, django_assert_num_queries
):
    from tests.factories import FlowFactory, InstitutionFactory, ProposalFactory

    with django_assert_num_queries(10) as one:
        client.get(_url(call))
    for _ in range(3):
        proposal = ProposalFactory(call=call, state="awarded", partner=InstitutionFactory(country="JP"))
        FlowFactory(proposal=proposal)
        FlowFactory(proposal=proposal, participants=2)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(_url(call))


def test_registering_is_confirmed_through_the_mailed_link(client, call, registration_data, follow_confirmation_link):
    response = client.post(_url(call), registration_data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("applications:registration_done", args=[call.pk])
    assert "Check your mailbox" in response.content.decode()

    response = follow_confirmation_link("demo.student@example.org")
    assert "Your registration for Erasmus+ ICM test call is received" in response.content.decode()
    assert Registration.objects.get().name == "Demo Student"
    assert Message.objects.filter(template="registration_confirmation").count() == 1
    assert Message.objects.filter(template="registration_new_ir").count() == 1


def test_registering_again_says_the_registration_was_updated(client, call, registration_data, follow_confirmation_link):
    client.post(_url(call), registration_data)
    follow_confirmation_link("demo.student@example.org")
    registration_data["email"] = "DEMO.student@example.org "
    client.post(_url(call), registration_data)
    response = follow_confirmation_link("DEMO.student@example.org")

    assert "we have updated your registration" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 121, "Ensure this value has at most 120 characters"),
        ("email", "not-an-address", "Enter a valid email address."),
        ("email", "", "This field is required."),
        ("kind", "", "This field is required."),
        ("kind", "alumnus", "Select a valid choice."),
        ("unit", "", "This field is required."),
        ("unit", "999999", "Select a valid choice."),
        ("study_level", "", "Choose your study level."),
        ("countries", ["XX"], "Select a valid choice."),
        ("preferred_period", "y" * 101, "Ensure this value has at most 100 characters"),
        ("message", "z" * 2001, "Ensure this value has at most 2000 characters"),
        ("language", "de", "Select a valid choice."),
        ("consent", "", "Registration needs your consent"),
    ],
)
def test_each_field_error_is_shown_beside_the_field_and_input_kept(
    client, call, registration_data, field, value, message
):
    registration_data[field] = value
    if field == "consent":
        del registration_data["consent"]

    response = client.post(_url(call), registration_data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    error_id = f"error_1_id_{field}"
    assert error_id in html  # crispy ties the message to the field (aria-describedby)
    if field != "name":
        assert 'value="Demo Student"' in html  # what was typed is kept
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "text"),
    [
        (dt.timedelta(days=3), dt.timedelta(days=30), "Registration of interest opens on"),
        (dt.timedelta(days=-30), dt.timedelta(days=-1), "Registration of interest closed on"),
    ],
)
def test_outside_the_window_the_page_says_so_and_offers_no_form(client, call, registration_data, opens, closes, text):
    call.registration_open = timezone.now() + opens
    call.registration_close = timezone.now() + closes
    call.save()

    html = client.get(_url(call)).content.decode()
    assert text in html
    assert 'name="consent"' not in html

    client.post(_url(call), registration_data)
    assert not Registration.objects.exists()


@override_settings(REGISTRATION_RATE_LIMIT=(3, 600))
def test_past_the_rate_limit_a_friendly_429(client, call, registration_data):
    for n in range(3):
        registration_data["email"] = f"person{n}@example.org"
        assert client.post(_url(call), registration_data).status_code == 302

    registration_data["email"] = "person-too-many@example.org"
    response = client.post(_url(call), registration_data)

    assert response.status_code == 429
    assert "Please try again in a few minutes" in response.content.decode()
    assert PendingRegistration.objects.count() == 3
    other_address = client.post(_url(call), {**registration_data}, REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302


def test_without_a_client_address_the_form_still_answers(client, call, registration_data):
    """Behind a proxy on a Unix socket REMOTE_ADDR is empty: one shared count, not an error page."""
    response = client.post(_url(call), registration_data, REMOTE_ADDR="")

    assert response.status_code == 302
    assert PendingRegistration.objects.count() == 1


def test_honeypot_silently_discards_the_bot(client, call, registration_data):
    registration_data["website"] = "http://spam.example.com"
    response = client.post(_url(call), registration_data, follow=True)

    assert response.status_code == 200
    assert "Check your mailbox" in response.content.decode()
    assert not Registration.objects.exists()
    assert not PendingRegistration.objects.exists()
    assert not Message.objects.exists()


def test_confirmation_page_without_registering_goes_back_to_the_call(client, call):
    response = client.get(reverse("applications:registration_done", args=[call.pk]))
    assert response.status_code == 302
    assert response["Location"] == _url(call)


def test_unknown_call_is_404(client, db):
    assert client.get(reverse("applications:call_page", args=[999999])).status_code == 404


def test_a_failed_registration_opens_with_a_summary_linking_to_the_field(client, call, registration_data):
    registration_data["email"] = "demo.student-at-example.org"

    html = client.post(_url(call), registration_data).content.decode()

    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    assert "There is a problem" in summary
    assert '<a href="#id_email"' in summary and "Enter a valid email address." in summary
    assert html.index("data-error-summary") < html.index("<h1")  # at the top, before the page's heading
    assert 'id="id_email"' in html


def test_the_summary_speaks_dutch_in_the_dutch_interface(client, call, registration_data):
    registration_data["email"] = "demo.student-at-example.org"
    client.cookies["django_language"] = "nl"

    html = client.post(_url(call), registration_data, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "Er is een probleem" in html
    assert "There is a problem" not in html


def test_a_page_without_errors_has_no_summary(client, call):
    assert "data-error-summary" not in client.get(_url(call)).content.decode()


def test_a_missing_choice_links_to_its_first_button(client, call, registration_data):
    del registration_data["kind"]

    html = client.post(_url(call), registration_data).content.decode()

    assert '<a href="#id_kind_0"' in html and 'id="id_kind_0"' in html


@pytest.mark.parametrize(("language", "opens"), [("en", "30 January 2026, 08:41"), ("nl", "30 januari 2026, 08:41")])
def test_the_registration_window_is_written_in_the_language_of_the_page(client, call, language, opens):
    call.registration_open = dt.datetime(2026, 1, 30, 7, 41, tzinfo=dt.UTC)  # 08:41 in Amsterdam
    call.save()
    client.cookies["django_language"] = language

    html = client.get(_url(call)).content.decode()

    assert f'<dd class="col-sm-8">{opens}</dd>' in html

"""Each role lands on a page of its own after signing in; the navigation holds only places to go."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Registration
from projects.models import ProposalState
from tests.factories import CallContactFactory, CallFactory, ProposalFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password, next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("login"), data)
    assert response.status_code == 302
    return client.get(response["Location"])


def _h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def test_ir_staff_land_on_what_needs_a_decision(client, ir_user):
    call = CallFactory(name="ICM 2023", envelope=Decimal("450000.00"))
    ProposalFactory(call=call, state=ProposalState.SUBMITTED)
    ProposalFactory(call=call, state=ProposalState.SUBMITTED)
    ProposalFactory(call=call, state=ProposalState.UNDER_REVIEW)
    ProposalFactory(
        call=call, state=ProposalState.AWARDED, requested_amount=Decimal("60000"), awarded_amount=Decimal("50000")
    )
    ProposalFactory(call=call, state=ProposalState.DRAFT)
    response = _sign_in(client, "ir-staff", "pw-ir-staff-1")
    html = response.content.decode()
    assert _h1(response) == "What needs a decision"
    assert "ICM 2023" in html
    assert '<dd class="col-sm-7" data-figure="submitted">2</dd>' in html
    assert '<dd class="col-sm-7" data-figure="under-review">1</dd>' in html
    assert "400,000.00 of 450,000.00" in html  # the envelope left after the award
    assert reverse("projects:review_queue", args=[call.pk]) in html
    assert f'href="{reverse("applications:call_page", args=[call.pk])}"' in html  # the page applicants see
    assert call.proposals_close.strftime("%Y") in html


def test_ir_staff_see_a_closed_call_while_proposals_await_a_decision(client, ir_user):
    past = timezone.now() - dt.timedelta(days=200)
    closed = CallFactory(
        name="Closed with work",
        proposals_open=past,
        proposals_close=past + dt.timedelta(days=10),
        registration_open=past,
        registration_close=past + dt.timedelta(days=20),
    )
    CallFactory(
        name="Closed and done",
        proposals_open=past,
        proposals_close=past + dt.timedelta(days=10),
        registration_open=past,
        registration_close=past + dt.timedelta(days=20),
    )
    ProposalFactory(call=closed, state=ProposalState.UNDER_REVIEW)
    client.force_login(ir_user)
    html = client.get(reverse("home")).content.decode()
    assert "Closed with work" in html
    assert "Closed and done" not in html


def test_coordinator_lands_on_their_proposals_and_what_awaits_them(client, coordinator, other_coordinator):
    call = CallFactory(name="ICM 2023")
    ProposalFactory(call=call, coordinator=coordinator, title="Draft with Yerevan")
    ProposalFactory(call=call, coordinator=coordinator, title="Sent to Addis Ababa", state=ProposalState.SUBMITTED)
    ProposalFactory(call=call, coordinator=other_coordinator, title="Someone else's")
    response = _sign_in(client, "coordinator", "pw-coordinator-1")
    html = response.content.decode()
    assert _h1(response) == "Your proposals"
    drafts, with_ir = html.split('id="with-ir-heading"')
    assert "Draft with Yerevan" in drafts and "submit before" in drafts
    assert "Sent to Addis Ababa" in with_ir and "Submitted" in with_ir
    assert "Someone else" not in html


def test_a_coordinator_of_many_proposals_sees_the_first_ten_of_each_list_and_how_many(client, coordinator):
    """Ten calls' worth of projects: the home page stays short, "My proposals" lists them all."""
    call = CallFactory(name="ICM 2023")
    for n in range(12):
        ProposalFactory(call=call, coordinator=coordinator, title=f"Draft {n:02d}")
        ProposalFactory(call=call, coordinator=coordinator, title=f"Sent {n:02d}", state=ProposalState.SUBMITTED)

    html = _sign_in(client, "coordinator", "pw-coordinator-1").content.decode()

    drafts, with_ir = html.split('id="with-ir-heading"')
    assert sum(f"Draft {n:02d}<" in drafts for n in range(12)) == 10
    assert "The first 10 of 12, soonest deadline first." in drafts
    assert sum(f"Sent {n:02d}<" in with_ir for n in range(12)) == 10
    assert "The first 10 of 12." in with_ir
    assert "All your drafts" in drafts


def _registration(call, email, unit):
    Registration.objects.create(
        call=call,
        name="Some One",
        email=email,
        email_normalised=email.lower(),
        kind="student",
        unit=unit,
        study_level="master",
        language="en",
        consent_at=timezone.now(),
    )


def test_person_without_a_role_lands_on_their_interest_registrations(client, plain_user):
    unit = UnitFactory()
    _registration(CallFactory(name="ICM 2023"), "Someone@Example.org", unit)
    _registration(CallFactory(name="Not mine"), "other@example.org", unit)
    response = _sign_in(client, "someone", "pw-someone-1")
    html = response.content.decode()
    assert _h1(response) == "Your applications and registrations"
    mine = html.split('id="open-calls-heading"')[0]
    assert "ICM 2023" in mine
    assert "Not mine" not in mine


def test_a_next_parameter_still_wins_over_the_landing_page(client, coordinator):
    response = client.post(
        reverse("login"),
        {"username": "coordinator", "password": "pw-coordinator-1", "next": reverse("projects:estimate")},
    )
    assert response["Location"] == reverse("projects:estimate")


def test_the_signed_in_name_is_not_a_navigation_item(client, ir_user):
    client.force_login(ir_user)
    html = client.get(reverse("home")).content.decode()
    navigation = html.split("<nav ")[1].split("</nav>")[0]
    footer = html.split("<footer ")[1].split("</footer>")[0]
    assert "Iris Relations" not in navigation
    assert "Change password" in navigation
    assert "Signed in as Iris Relations" in footer


def test_call_page_names_its_ir_contacts(client):
    contact = CallContactFactory(name="IR Contact One", email="ir-one@example.org")
    html = client.get(reverse("applications:call_page", args=[contact.call.pk])).content.decode()
    assert "IR Contact One" in html
    assert 'href="mailto:ir-one@example.org"' in html


def test_pages_link_an_svg_favicon_and_favicon_ico_leads_to_it(client):
    html = client.get(reverse("home")).content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert icon.endswith(".svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon


@pytest.mark.parametrize("who", ["ir_user", "coordinator", "plain_user"])
def test_each_landing_page_runs_the_same_queries_for_one_or_several_calls(
    client, request, django_assert_num_queries, who
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    ProposalFactory(state=ProposalState.SUBMITTED, coordinator=user)
    client.get(reverse("home"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for _ in range(3):
        ProposalFactory(state=ProposalState.UNDER_REVIEW, coordinator=user)
        ProposalFactory(coordinator=user)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200

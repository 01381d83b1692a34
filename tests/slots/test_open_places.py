"""The public open places: open slots only, filtered, soonest deadline first, paged; a page per slot."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilities.models import Activity, Direction
from mobilities.slots.states import SlotState
from projects.models import ProposalState
from tests.factories import InstitutionFactory, ProposalFactory

from .factories import SlotFactory, awarded_flow

pytestmark = pytest.mark.django_db


def _slot(title, *, country="ET", partner=None, direction=Direction.INCOMING, activity=Activity.STUDENT_STUDY, **extra):
    partner = partner or InstitutionFactory(name=f"University of {title}", country=country)
    proposal = ProposalFactory(partner=partner, state=ProposalState.AWARDED)
    flow = awarded_flow(participants=5, proposal=proposal, direction=direction, activity=activity)
    if direction == Direction.OUTGOING:
        extra.setdefault("host_unit", None)
        extra.setdefault("host_institution", partner)
        extra.setdefault("applicants_from", "home")
    return SlotFactory(flow=flow, title=title, **extra)


def _titles(client, **query):
    page = client.get(reverse("applications:open_places"), query).content.decode()
    return [t for t in ("Addis", "Tokyo", "Irvine", "Draft", "Closed", "Past") if f">{t}<" in page]


def test_the_list_shows_open_slots_soonest_deadline_first(client):
    now = timezone.now()
    _slot("Tokyo", country="JP", closes_at=now + dt.timedelta(days=20))
    _slot("Addis", closes_at=now + dt.timedelta(days=5))
    _slot("Draft", state=SlotState.DRAFT)
    _slot("Closed", state=SlotState.CLOSED)
    _slot("Past", opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(hours=1))
    page = client.get(reverse("applications:open_places")).content.decode()
    assert page.index(">Addis<") < page.index(">Tokyo<")
    assert _titles(client) == ["Addis", "Tokyo"]


def test_the_filters_narrow_the_list(client):
    _slot("Addis", for_master=True)
    tokyo = _slot("Tokyo", country="JP", activity=Activity.STAFF_TEACHING, for_master=False, min_days=5, max_days=10)
    irvine = _slot(
        "Irvine", country="US", direction=Direction.OUTGOING, activity=Activity.STUDENT_TRAINEESHIP, for_phd=True
    )
    assert _titles(client, country="JP") == ["Tokyo"]
    assert _titles(client, partner=irvine.flow.proposal.partner_id) == ["Irvine"]
    assert _titles(client, activity=Activity.STAFF_TEACHING) == ["Tokyo"]
    assert _titles(client, kind="staff") == ["Tokyo"]
    assert _titles(client, kind="student") == ["Addis", "Irvine"]
    assert _titles(client, level="phd") == ["Irvine"]
    assert _titles(client, direction=Direction.OUTGOING) == ["Irvine"]
    assert _titles(client, project=tokyo.flow.proposal_id) == ["Tokyo"]
    assert _titles(client, call=irvine.flow.proposal.call_id) == ["Irvine"]
    assert _titles(client, country="not-a-country") == ["Addis", "Tokyo", "Irvine"]  # ignored, never an error


def test_the_list_is_paginated(client):
    for n in range(21):
        _slot(f"Stay {n}", closes_at=timezone.now() + dt.timedelta(days=n + 1))
    page = client.get(reverse("applications:open_places")).content.decode()
    assert "21 slots open" in page and "Page 1 of 2" in page and ">Stay 20<" not in page
    assert ">Stay 20<" in client.get(reverse("applications:open_places"), {"page": 2}).content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_runs_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    for n in range(count):
        _slot(f"Stay {n}")
    url = reverse("applications:open_places")
    # The partners to filter by and the soonest deadline (how long they stay true), then the page.
    with django_assert_num_queries(4):
        assert client.get(url, {"kind": "student"}).status_code == 200
    with django_assert_num_queries(2):  # a filtered list is read each time; the partners are kept
        assert client.get(url, {"kind": "student"}).status_code == 200
    client.get(url)
    with django_assert_num_queries(0):  # the list everyone sees comes from the cache
        assert client.get(url).status_code == 200


def test_the_slot_page_says_what_it_offers_and_leads_to_the_application(client):
    slot = _slot(
        "Addis",
        description="Three months of research with a Leiden astronomer.",
        language="English",
        language_level="B2",
        requires_transcript=True,
    )
    page = client.get(reverse("applications:slot", args=[slot.pk])).content.decode()
    assert "Three months of research with a Leiden astronomer." in page
    assert "level B2 or higher" in page and "transcript of records" in page
    assert reverse("applications:apply", args=[slot.pk]) in page


def test_a_slot_that_opens_later_or_has_closed_offers_no_application(client):
    later = _slot("Later", opens_at=timezone.now() + dt.timedelta(days=2))
    page = client.get(reverse("applications:slot", args=[later.pk])).content.decode()
    assert "Applications open on" in page and reverse("applications:apply", args=[later.pk]) not in page
    closed = _slot("Closed", state=SlotState.FILLED)
    page = client.get(reverse("applications:slot", args=[closed.pk])).content.decode()
    assert "Applications for this place are closed." in page


@pytest.mark.parametrize("state", [SlotState.DRAFT, SlotState.CANCELLED])
def test_a_draft_or_cancelled_slot_is_not_found(client, state):
    slot = _slot("Hidden", state=state)
    assert client.get(reverse("applications:slot", args=[slot.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 5])
def test_the_slot_page_runs_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    slots = [_slot(f"Stay {n}") for n in range(count)]
    with django_assert_num_queries(1):
        assert client.get(reverse("applications:slot", args=[slots[-1].pk])).status_code == 200


def test_the_call_page_and_each_awarded_project_link_to_their_open_places(client):
    slot = _slot("Addis")
    call = slot.flow.proposal.call
    call.decisions_published_at = timezone.now()
    call.save()
    page = client.get(reverse("applications:call_page", args=[call.pk])).content.decode()
    assert f"{reverse('applications:open_places')}?call={call.pk}" in page
    assert f"{reverse('applications:open_places')}?project={slot.flow.proposal_id}" in page


def test_the_public_pages_speak_dutch(client):
    slot = _slot("Addis")
    page = client.get(reverse("applications:open_places"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Open plaatsen" in page and "1 plaats open, eerstvolgende deadline eerst." in page
    page = client.get(reverse("applications:slot", args=[slot.pk]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Aanmelden" in page and "Wie zich mag aanmelden" in page


def test_the_home_page_leads_to_the_open_places(client):
    assert reverse("applications:open_places") in client.get(reverse("home")).content.decode()

"""The slot pages of a project's coordinators and IR staff: open, edit, act, and a call's slots."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from mobilities.models import Activity, Direction, Slot
from mobilities.slots.states import SlotState
from projects.models import ProposalState
from tests.factories import ProposalFactory, UnitFactory, UserFactory

from .factories import SlotFactory, awarded_flow

pytestmark = pytest.mark.django_db


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def slot_post(**changes):
    now = timezone.now()
    data = {
        "title": "Research semester at Leiden Observatory",
        "host_unit": UnitFactory(name="Leiden Observatory").pk,
        "for_master": "on",
        "earliest_start": "2027-02-01",
        "latest_end": "2027-07-31",
        "min_days": "90",
        "max_days": "150",
        "places": "2",
        "description": "A research project with a Leiden astronomer.",
        "eligibility": "",
        "language": "English",
        "language_level": "B2",
        "other_documents": "",
        "opens_at": _local(now - dt.timedelta(days=1)),
        "closes_at": _local(now + dt.timedelta(days=30)),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def proposal(coordinator):
    return ProposalFactory(coordinator=coordinator, state=ProposalState.AWARDED, title="Astronomy for society")


@pytest.fixture
def flow(proposal):
    return awarded_flow(participants=3, proposal=proposal)


def test_a_coordinator_opens_a_slot_from_the_proposal_page(client, coordinator, flow, proposal):
    client.force_login(coordinator)
    page = client.get(reverse("projects:proposal_detail", args=[proposal.pk])).content.decode()
    create_url = reverse("projects:slot_create", args=[flow.pk])
    assert create_url in page and "3 participants awarded" in page

    response = client.post(create_url, slot_post())
    slot = Slot.objects.get(flow=flow)
    assert response.status_code == 302 and response["Location"] == reverse("projects:slot_detail", args=[slot.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Research semester at Leiden Observatory" in page
    assert "Draft" in page and "Open for applications" in page  # the state, and the button to open it
    # The application window was typed in Amsterdam time.
    assert timezone.localtime(slot.closes_at).strftime("%Y-%m-%dT%H:%M") == slot_post()["closes_at"]


def test_too_many_places_are_refused_beside_the_field_keeping_what_was_typed(client, coordinator, flow):
    client.force_login(coordinator)
    response = client.post(reverse("projects:slot_create", args=[flow.pk]), slot_post(places="4"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "this slot can have at most 3 places" in page
    assert "Research semester at Leiden Observatory" in page
    assert not Slot.objects.exists()


def test_an_outgoing_staff_slot_asks_neither_host_unit_nor_levels(client, coordinator, proposal):
    flow = awarded_flow(
        participants=2, proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STAFF_TEACHING, days=7
    )
    client.force_login(coordinator)
    page = client.get(reverse("projects:slot_create", args=[flow.pk])).content.decode()
    assert 'name="host_unit"' not in page and 'name="for_master"' not in page
    response = client.post(
        reverse("projects:slot_create", args=[flow.pk]),
        slot_post(host_unit=None, for_master=None, min_days="5", max_days="14", places="2"),
    )
    assert response.status_code == 302
    assert Slot.objects.get(flow=flow).host_institution == proposal.partner


def test_the_slot_moves_through_its_lifecycle_from_its_page(client, coordinator, flow):
    slot = SlotFactory(flow=flow, state=SlotState.DRAFT)
    client.force_login(coordinator)
    for action, label in [("open", "Open for applications"), ("close", "Closed"), ("reopen", "Open for applications")]:
        response = client.post(reverse("projects:slot_act", args=[slot.pk, action]), follow=True)
        assert f"Done: the slot is “{label}”." in response.content.decode()
    response = client.post(reverse("projects:slot_act", args=[slot.pk, "open"]), follow=True)
    page = response.content.decode()
    assert "Only a draft slot can be opened" in page
    assert "Closed → Open for applications on" in page  # the timeline records each change and who made it
    assert page.count(" by Cora Ordinator") == 3


def test_an_edit_changes_the_slot(client, coordinator, flow):
    slot = SlotFactory(flow=flow, state=SlotState.OPEN)
    client.force_login(coordinator)
    response = client.post(reverse("projects:slot_edit", args=[slot.pk]), slot_post(title="Three months of research"))
    assert response.status_code == 302
    assert Slot.objects.get(pk=slot.pk).title == "Three months of research"


def test_a_filled_slot_is_read_not_edited(client, coordinator, flow):
    slot = SlotFactory(flow=flow, state=SlotState.FILLED)
    client.force_login(coordinator)
    response = client.get(reverse("projects:slot_edit", args=[slot.pk]), follow=True)
    assert "This slot can no longer be changed." in response.content.decode()


@pytest.mark.parametrize("name", ["slot_detail", "slot_edit"])
def test_another_coordinator_never_sees_the_slot(client, other_coordinator, flow, name):
    slot = SlotFactory(flow=flow)
    client.force_login(other_coordinator)
    assert client.get(reverse(f"projects:{name}", args=[slot.pk])).status_code == 404
    assert client.post(reverse("projects:slot_act", args=[slot.pk, "close"])).status_code == 404
    assert client.get(reverse("projects:slot_create", args=[flow.pk])).status_code == 404
    assert Slot.objects.get(pk=slot.pk).state == SlotState.OPEN


def test_my_proposals_leads_to_the_slots_of_an_awarded_project(client, coordinator, proposal):
    proposal.awarded_amount = 0
    proposal.save()
    client.force_login(coordinator)
    page = client.get(reverse("projects:my_proposals")).content.decode()
    assert reverse("projects:proposal_detail", args=[proposal.pk]) + "#slots" in page


def _applications(slot, states):
    for state in states:
        Application.objects.create(
            slot=slot,
            applicant=UserFactory(),
            name="Applicant",
            motivation="Why",
            cv="applications/cv.pdf",
            language="en",
            consent_at=timezone.now(),
            state=state,
        )


def test_ir_staff_see_every_slot_of_a_call_with_places_filled_and_open(client, ir_user, flow):
    slot = SlotFactory(flow=flow, places=2, title="Research stay at Leiden")
    _applications(slot, ["selected", "submitted", "reserve"])
    SlotFactory(flow=flow, places=1, state=SlotState.CANCELLED, title="Cancelled stay")
    client.force_login(ir_user)
    page = client.get(reverse("projects:call_slots", args=[flow.proposal.call_id])).content.decode()
    assert "2 places in slots: 1 filled, 1 open." in page
    assert "Research stay at Leiden" in page and "Cancelled stay" in page


@pytest.mark.parametrize("count", [1, 4])
def test_the_call_slots_page_runs_a_fixed_number_of_queries(
    client, ir_user, count, django_assert_num_queries, session_queries
):
    flow = awarded_flow(participants=50)
    for _ in range(count):
        _applications(SlotFactory(flow=flow, places=2), ["selected", "submitted"])
    client.force_login(ir_user)
    with django_assert_num_queries(6 + session_queries):
        response = client.get(reverse("projects:call_slots", args=[flow.proposal.call_id]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_the_slot_page_and_the_awarded_proposal_page_run_a_fixed_number_of_queries(
    client, coordinator, proposal, count, django_assert_num_queries, session_queries
):
    flows = [awarded_flow(participants=10, proposal=proposal) for _ in range(count)]
    slots = [SlotFactory(flow=flow) for flow in flows for _ in range(count)]
    client.force_login(coordinator)
    with django_assert_num_queries(10 + session_queries):  # its slots, and its placements against the award
        assert client.get(reverse("projects:proposal_detail", args=[proposal.pk])).status_code == 200
    with django_assert_num_queries(5 + session_queries):
        assert client.get(reverse("projects:slot_detail", args=[slots[-1].pk])).status_code == 200


def test_the_slot_pages_speak_dutch(client, coordinator, flow):
    slot = SlotFactory(flow=flow, state=SlotState.DRAFT)
    client.force_login(coordinator)
    page = client.get(reverse("projects:slot_detail", args=[slot.pk]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wat de plaats biedt" in page and "De plaats annuleren" in page
    page = client.get(reverse("projects:slot_create", args=[flow.pk]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Een plaats openstellen" in page and "Opslaan als concept" in page


def test_a_flow_without_an_award_sends_back_to_the_proposal_with_the_reason(client, coordinator, proposal):
    flow = awarded_flow(participants=2, awarded=0, proposal=proposal)
    client.force_login(coordinator)
    response = client.get(reverse("projects:slot_create", args=[flow.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:proposal_detail", args=[proposal.pk])
    assert "this flow has none awarded" in response.content.decode()


def test_a_revised_award_stops_the_edit_with_the_reason_above_the_form(client, coordinator, flow):
    slot = SlotFactory(flow=flow, state=SlotState.OPEN)
    flow.awarded_participants = None
    flow.save()
    client.force_login(coordinator)
    response = client.post(reverse("projects:slot_edit", args=[slot.pk]), slot_post(places="1"))
    assert response.status_code == 400
    assert "this flow has none awarded" in response.content.decode()

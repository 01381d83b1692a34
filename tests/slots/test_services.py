"""Opening slots from an awarded flow: places within the award, the lifecycle, who may act."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mobilities.models import Activity, Direction, Flow, Slot
from mobilities.slots import services
from mobilities.slots.lifecycle import SLOT
from mobilities.slots.signals import slot_opened
from mobilities.slots.states import ApplicantsFrom, SlotState
from projects.models import ProposalState
from tests.factories import FlowFactory, ProposalFactory

from .factories import SlotFactory, awarded_flow, slot_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(coordinator):
    return awarded_flow(participants=3, proposal=ProposalFactory(coordinator=coordinator, state=ProposalState.AWARDED))


def test_a_coordinator_opens_a_draft_slot_from_their_awarded_flow(flow, coordinator):
    slot = services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields())
    assert slot.state == SlotState.DRAFT
    assert slot.places == 2
    assert slot.applicants_from == ApplicantsFrom.PARTNER  # incoming: the partner sends its people
    assert slot.created_by == coordinator


def test_an_outgoing_slot_is_hosted_by_the_partner_and_open_to_home_people(coordinator):
    proposal = ProposalFactory(coordinator=coordinator, state=ProposalState.AWARDED)
    flow = awarded_flow(proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STAFF_TEACHING, days=7)
    fields = slot_fields(host_unit=None, for_master=False, min_days=5, max_days=14, places=1)
    slot = services.create_slot(flow_id=flow.pk, by=coordinator, fields=fields)
    assert slot.host_institution == proposal.partner
    assert slot.applicants_from == ApplicantsFrom.HOME


def test_places_never_exceed_the_participants_awarded_for_the_flow(flow, coordinator):
    services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=2))
    with pytest.raises(ValidationError) as refused:
        services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=2))
    assert "at most 1 places" in refused.value.message_dict["places"][0]
    services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=1))
    assert sum(Slot.objects.filter(flow=flow).values_list("places", flat=True)) == 3


def test_a_cancelled_slot_gives_its_places_back(flow, coordinator):
    slot = services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=3))
    services.take_action(slot_id=slot.pk, action="cancel", by=coordinator)
    assert services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=3)).places == 3


def test_editing_a_slot_counts_the_other_slots_only(flow, coordinator):
    slot = services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=2))
    services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(places=1))
    with pytest.raises(ValidationError):
        services.update_slot(slot_id=slot.pk, by=coordinator, fields=slot_fields(places=3))
    assert (
        services.update_slot(slot_id=slot.pk, by=coordinator, fields=slot_fields(places=2, title="New")).title == "New"
    )


def test_a_flow_without_an_award_opens_no_slot(coordinator):
    flow = FlowFactory(proposal=ProposalFactory(coordinator=coordinator, state=ProposalState.UNDER_REVIEW))
    with pytest.raises(ValidationError, match="awarded flow"):
        services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields())


def test_another_coordinator_cannot_see_the_flow(flow, other_coordinator):
    with pytest.raises(Flow.DoesNotExist):
        services.create_slot(flow_id=flow.pk, by=other_coordinator, fields=slot_fields())


def test_ir_staff_open_slots_of_any_awarded_flow(flow, ir_user):
    assert services.create_slot(flow_id=flow.pk, by=ir_user, fields=slot_fields()).pk


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latest_end": dt.date(2027, 1, 1)}, "latest_end"),
        ({"min_days": 150, "max_days": 90}, "max_days"),
        ({"min_days": 30}, "min_days"),  # a student stay lasts at least 60 days
        ({"latest_end": dt.date(2027, 3, 1)}, "latest_end"),  # shorter than the shortest stay
        ({"closes_at": timezone.now() - dt.timedelta(days=2)}, "closes_at"),
        ({"for_master": False}, "for_bachelor"),
        ({"host_unit": None}, "host_unit"),
    ],
)
def test_a_slot_that_does_not_hold_together_is_refused_beside_its_field(flow, coordinator, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields(**changes))
    assert field in refused.value.message_dict


def test_the_lifecycle_moves_a_slot_draft_open_closed_open_filled(flow, coordinator):
    slot = services.create_slot(flow_id=flow.pk, by=coordinator, fields=slot_fields())
    for action, state in [("open", "open"), ("close", "closed"), ("reopen", "open"), ("fill", "filled")]:
        slot = services.take_action(slot_id=slot.pk, action=action, by=coordinator)
        assert slot.state == state
    assert SLOT.allowed_actions(coordinator, slot) == frozenset()


def test_a_filled_slot_can_be_neither_cancelled_nor_edited(flow, coordinator):
    slot = SlotFactory(flow=flow, state=SlotState.FILLED)
    with pytest.raises(ValidationError, match="no longer be cancelled"):
        services.take_action(slot_id=slot.pk, action="cancel", by=coordinator)
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.update_slot(slot_id=slot.pk, by=coordinator, fields=slot_fields())


def test_a_slot_whose_window_closed_does_not_open(flow, coordinator):
    slot = SlotFactory(
        flow=flow,
        state=SlotState.DRAFT,
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="set a later closing date"):
        services.take_action(slot_id=slot.pk, action="open", by=coordinator)
    assert Slot.objects.get(pk=slot.pk).state == SlotState.DRAFT


def test_another_coordinator_may_not_act_on_a_slot(flow, other_coordinator):
    slot = SlotFactory(flow=flow, state=SlotState.DRAFT)
    with pytest.raises(Slot.DoesNotExist):
        services.take_action(slot_id=slot.pk, action="open", by=other_coordinator)


def test_opening_tells_the_apps_once(flow, coordinator):
    heard = []

    def listener(sender, slot, by, **kwargs):
        heard.append((slot.pk, by))

    slot_opened.connect(listener)
    try:
        slot = SlotFactory(flow=flow, state=SlotState.DRAFT)
        services.take_action(slot_id=slot.pk, action="open", by=coordinator)
        services.change_state(slot_id=slot.pk, to_state=SlotState.OPEN, by=coordinator)  # already open
    finally:
        slot_opened.disconnect(listener)
    assert heard == [(slot.pk, coordinator)]


@pytest.mark.postgres
def test_the_database_refuses_places_beyond_the_award(flow):
    SlotFactory(flow=flow, places=3)
    with pytest.raises(IntegrityError, match="would hold 4 places for 3 awarded"), transaction.atomic():
        SlotFactory(flow=flow, places=1)


@pytest.mark.postgres
def test_the_database_refuses_an_award_smaller_than_the_places_opened(flow):
    SlotFactory(flow=flow, places=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flow.objects.filter(pk=flow.pk).update(awarded_participants=1)
    Flow.objects.filter(pk=flow.pk).update(awarded_participants=None)  # a revised award keeps its slots
    Slot.objects.filter(flow=flow).update(state=SlotState.CANCELLED)
    Flow.objects.filter(pk=flow.pk).update(awarded_participants=1)


@pytest.mark.postgres
def test_the_database_counts_a_slot_again_when_it_leaves_cancelled(flow):
    SlotFactory(flow=flow, places=3, state=SlotState.CANCELLED)
    SlotFactory(flow=flow, places=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(flow=flow, state=SlotState.CANCELLED).update(state=SlotState.DRAFT)

"""Interest meets places: opening a slot invites, once, everyone whose registration matches it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Registration, SlotInvitation
from icm_portal.outbox.models import Message
from mobilities.models import Activity, Direction
from mobilities.slots import services
from mobilities.slots.states import SlotState
from projects.models import ProposalState
from tests.factories import CallFactory, InstitutionFactory, ProposalFactory, UnitFactory

from .factories import SlotFactory, awarded_flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(coordinator):
    partner = InstitutionFactory(name="University of California, Irvine", country="US", city="Irvine")
    return ProposalFactory(coordinator=coordinator, partner=partner, state=ProposalState.AWARDED, title="Protein ML")


def _register(call, name, *, kind="student", level="master", countries="", partners=(), proposals=(), **extra):
    email = f"{name.lower().replace(' ', '.')}@example.org"
    registration = Registration.objects.create(
        call=call,
        name=name,
        email=email,
        email_normalised=email,
        kind=kind,
        unit=UnitFactory(name="Leiden Academic Centre for Drug Research"),
        study_level=level if kind == "student" else "",
        countries=countries,
        language=extra.pop("language", "en"),
        consent_at=timezone.now(),
        **extra,
    )
    registration.partners.set(partners)
    registration.proposals.set(proposals)
    return registration


def _outgoing_slot(proposal, **extra):
    flow = awarded_flow(
        participants=4, proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STUDENT_TRAINEESHIP
    )
    fields = {"host_unit": None, "host_institution": proposal.partner, "applicants_from": "home", "for_master": True}
    return SlotFactory(flow=flow, state=SlotState.DRAFT, title="Six months of research at UC Irvine", **fields | extra)


def _invited(slot):
    return sorted(SlotInvitation.objects.filter(slot=slot).values_list("registration__name", flat=True))


def test_opening_a_slot_invites_the_matching_registrations_once_each(proposal, coordinator):
    call = proposal.call
    _register(call, "By Country", countries="JP,US")
    _register(call, "By Partner", partners=[proposal.partner])
    _register(call, "By Project", proposals=[proposal])
    _register(call, "Whole Call")
    _register(call, "Other Country", countries="ET")
    _register(call, "Bachelor", level="bachelor", countries="US")
    _register(call, "Staff Member", kind="staff", countries="US")
    _register(call, "Followed Up", countries="US", state="closed")
    _register(CallFactory(), "Other Call", countries="US")
    slot = _outgoing_slot(proposal)

    services.take_action(slot_id=slot.pk, action="open", by=coordinator)
    assert _invited(slot) == ["By Country", "By Partner", "By Project", "Whole Call"]
    mails = Message.objects.filter(template="slot_invitation")
    assert mails.count() == 4
    mail = mails.get(to_email="by.country@example.org")
    assert "Six months of research at UC Irvine" in mail.body_text
    assert reverse("applications:slot", args=[slot.pk]) in mail.body_text

    # Closed and opened again: nobody is mailed twice; a newcomer is invited.
    services.take_action(slot_id=slot.pk, action="close", by=coordinator)
    _register(call, "Newcomer", countries="US")
    services.take_action(slot_id=slot.pk, action="reopen", by=coordinator)
    assert Message.objects.filter(template="slot_invitation").count() == 5
    assert "Newcomer" in _invited(slot)


def test_the_invitation_is_in_the_registrations_language(proposal, coordinator):
    _register(proposal.call, "Nederlandse Student", countries="US", language="nl")
    slot = _outgoing_slot(proposal)
    services.take_action(slot_id=slot.pk, action="open", by=coordinator)
    mail = Message.objects.get(template="slot_invitation")
    assert mail.language == "nl"
    assert "Beste Nederlandse Student" in mail.body_text


def test_a_staff_slot_invites_staff_only(proposal, coordinator):
    _register(proposal.call, "Lecturer", kind="staff", countries="US")
    _register(proposal.call, "Student", countries="US")
    flow = awarded_flow(
        participants=2, proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STAFF_TRAINING
    )
    slot = SlotFactory(
        flow=flow,
        state=SlotState.DRAFT,
        host_unit=None,
        host_institution=proposal.partner,
        applicants_from="home",
        for_master=False,
        min_days=5,
        max_days=14,
    )
    services.take_action(slot_id=slot.pk, action="open", by=coordinator)
    assert _invited(slot) == ["Lecturer"]


def test_an_incoming_slot_invites_nobody_of_ours(proposal, coordinator):
    _register(proposal.call, "Home Student", countries="US")
    slot = SlotFactory(flow=awarded_flow(proposal=proposal), state=SlotState.DRAFT)
    services.take_action(slot_id=slot.pk, action="open", by=coordinator)
    assert _invited(slot) == []


def test_the_registration_shows_the_invitations_that_went_out(client, proposal, coordinator, ir_user):
    registration = _register(proposal.call, "By Country", countries="US")
    slot = _outgoing_slot(proposal)
    client.force_login(ir_user)
    url = reverse("applications:registration_detail", args=[registration.pk])
    assert "No slot matching this registration has opened yet." in client.get(url).content.decode()
    services.take_action(slot_id=slot.pk, action="open", by=coordinator)
    page = client.get(url).content.decode()
    assert "Six months of research at UC Irvine: invited on" in page


@pytest.mark.parametrize("count", [1, 4])
def test_the_registration_page_runs_a_fixed_number_of_queries_with_its_invitations(
    client, proposal, ir_user, count, django_assert_num_queries, session_queries
):
    registration = _register(proposal.call, "By Country", countries="US")
    for _ in range(count):
        SlotInvitation.objects.create(slot=_outgoing_slot(proposal, places=1), registration=registration)
    client.force_login(ir_user)
    url = reverse("applications:registration_detail", args=[registration.pk])
    client.get(url)
    with django_assert_num_queries(6 + session_queries):
        page = client.get(url).content.decode()
    assert page.count("invited on") == count

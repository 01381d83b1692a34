"""A coordinator opens a slot from their awarded project in Chromium; anyone then finds it among the
open places, and a student whose interest matches it has an invitation in the outbox."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Registration
from icm_portal.outbox.models import Message
from mobilities.models import Activity, Direction
from projects.models import ProposalState
from tests.factories import InstitutionFactory, ProposalFactory, UnitFactory
from tests.slots.factories import awarded_flow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def awarded(coordinator):
    partner = InstitutionFactory(name="University of California, Irvine", country="US", city="Irvine")
    proposal = ProposalFactory(
        coordinator=coordinator, partner=partner, state=ProposalState.AWARDED, title="Protein binding with UC Irvine"
    )
    flow = awarded_flow(
        participants=4, proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STUDENT_TRAINEESHIP, days=180
    )
    Registration.objects.create(
        call=proposal.call,
        name="PhD Candidate",
        email="phd.candidate@example.org",
        email_normalised="phd.candidate@example.org",
        kind="student",
        study_level="phd",
        unit=UnitFactory(name="Leiden Academic Centre for Drug Research"),
        countries="US",
        language="en",
        consent_at=timezone.now(),
    )
    return flow


def test_a_coordinator_opens_a_slot_and_anyone_finds_it(page, live_server, log_in, coordinator, awarded):
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"/proposals/{awarded.proposal_id}/")
    page.get_by_role("link", name="Open a slot").click()
    page.get_by_label("Title").fill("Six months of research at UC Irvine")
    page.get_by_label("PhD candidates").check()
    page.get_by_label("Earliest start").fill("2027-09-01")
    page.get_by_label("Latest end").fill("2028-04-30")
    page.get_by_label("Places").fill("5")
    page.get_by_label("Description").fill("Machine learning and molecular dynamics in California.")
    now = timezone.localtime()
    page.get_by_label("Applications open").fill((now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Applications close").fill((now + dt.timedelta(days=30)).strftime("%Y-%m-%dT17:00"))
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("at most 4 places")

    page.get_by_label("Places").fill("4")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Six months of research at UC Irvine")
    page.get_by_role("button", name="Open for applications").click()
    expect(page.locator("[data-slot-state]")).to_have_text("Open for applications")
    assert Message.objects.filter(template="slot_invitation", to_email="phd.candidate@example.org").count() == 1

    page.goto("/places/?level=phd")
    page.get_by_role("link", name="Six months of research at UC Irvine").click()
    expect(page.locator("[data-slot-next-step]")).to_contain_text("Applications are open until")
    expect(page.get_by_role("link", name="Apply")).to_be_visible()

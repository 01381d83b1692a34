"""Slots for the tests: an awarded flow of an awarded proposal, and a slot of it."""

import datetime as dt

import factory
from django.utils import timezone

from mobilities.models import Activity, Direction, Slot
from mobilities.slots.states import ApplicantsFrom, SlotState
from projects.models import ProposalState
from tests.factories import FlowFactory, ProposalFactory, UnitFactory


def awarded_flow(*, participants=3, awarded=None, proposal=None, **flow):
    """A flow of an awarded proposal with ``awarded`` (default: all) participants awarded."""
    proposal = proposal or ProposalFactory(state=ProposalState.AWARDED)
    return FlowFactory(
        proposal=proposal,
        participants=participants,
        awarded_participants=participants if awarded is None else awarded,
        **flow,
    )


def slot_fields(**changes):
    """What a coordinator types for an incoming student slot of 150 days."""
    now = timezone.now()
    fields = {
        "title": "Research semester at Leiden Observatory",
        "host_unit": UnitFactory(name="Leiden Observatory"),
        "for_bachelor": False,
        "for_master": True,
        "for_phd": False,
        "earliest_start": dt.date(2027, 2, 1),
        "latest_end": dt.date(2027, 7, 31),
        "min_days": 90,
        "max_days": 150,
        "places": 2,
        "description": "A research project with a Leiden astronomer.",
        "eligibility": "Master's students of the partner.",
        "language": "English",
        "language_level": "B2",
        "requires_transcript": True,
        "other_documents": "",
        "opens_at": now - dt.timedelta(days=1),
        "closes_at": now + dt.timedelta(days=30),
    }
    fields.update(changes)
    return fields


class SlotFactory(factory.django.DjangoModelFactory):
    """An open incoming student slot of an awarded flow (written directly: the services are tested apart)."""

    class Meta:
        model = Slot

    flow = factory.LazyFunction(lambda: awarded_flow(participants=4))
    title = factory.Sequence(lambda n: f"Research stay {n}")
    host_unit = factory.LazyAttribute(lambda s: s.flow.proposal.unit)
    applicants_from = ApplicantsFrom.PARTNER
    for_master = True
    earliest_start = dt.date(2027, 2, 1)
    latest_end = dt.date(2027, 7, 31)
    min_days = 90
    max_days = 150
    places = 1
    description = "A research project."
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    state = SlotState.OPEN


__all__ = ["Activity", "Direction", "SlotFactory", "awarded_flow", "slot_fields"]

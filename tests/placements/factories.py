"""Slots and applications made straight through the ORM, for the placements' tests."""

import datetime as dt

import factory
from django.utils import timezone

from applications.models import Application, ApplicationState
from mobilities.models import Slot
from mobilities.slots.states import ApplicantsFrom, SlotState
from tests.factories import FlowFactory, UnitFactory, UserFactory


class SlotFactory(factory.django.DjangoModelFactory):
    """A closed slot of an incoming student flow: 1 Sep 2024 to 31 Jul 2025, 60 to 180 days."""

    class Meta:
        model = Slot

    flow = factory.SubFactory(FlowFactory)
    title = factory.Sequence(lambda n: f"Research project {n}")
    host_unit = factory.SubFactory(UnitFactory)
    applicants_from = ApplicantsFrom.PARTNER
    for_master = True
    earliest_start = dt.date(2024, 9, 1)
    latest_end = dt.date(2025, 7, 31)
    min_days = 60
    max_days = 180
    places = 1
    description = "A research project at the host."
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    state = SlotState.CLOSED


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    slot = factory.SubFactory(SlotFactory)
    applicant = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Applicant Number{n}")
    motivation = "Why I apply."
    cv = "applications/cv.pdf"
    language = "en"
    consent_at = factory.LazyFunction(timezone.now)
    state = ApplicationState.SELECTED

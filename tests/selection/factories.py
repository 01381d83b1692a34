"""Factories of the selection's tests: an open slot of an awarded flow, and applications for it."""

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from applications.models import Application
from mobilities.models import Slot
from mobilities.slots.states import ApplicantsFrom, SlotState
from projects.models import ProposalState
from tests.factories import FlowFactory, UnitFactory, UserFactory

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)


class SlotFactory(factory.django.DjangoModelFactory):
    """An open slot of an awarded outgoing flow, hosted by the partner, open for a week more."""

    class Meta:
        model = Slot

    flow = factory.SubFactory(
        FlowFactory, proposal__state=ProposalState.AWARDED, direction="outgoing", participants=6, awarded_participants=6
    )
    title = factory.Sequence(lambda n: f"Research stay {n}")
    host_unit = None
    host_institution = factory.LazyAttribute(lambda s: s.flow.proposal.partner)
    applicants_from = ApplicantsFrom.HOME
    for_master = True
    earliest_start = dt.date(2027, 2, 1)
    latest_end = dt.date(2027, 8, 31)
    min_days = 60
    max_days = 180
    places = 2
    description = "Three months of research with a partner group."
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    state = SlotState.OPEN


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    slot = factory.SubFactory(SlotFactory)
    applicant = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda a: f"Applicant {a.applicant.username}")
    study_level = "master"
    motivation = "I want to learn from the partner group."
    cv = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="cv.pdf"))
    language = "en"
    consent_at = factory.LazyFunction(timezone.now)


__all__ = ["ApplicationFactory", "SlotFactory", "UnitFactory", "MINIMAL_PDF"]

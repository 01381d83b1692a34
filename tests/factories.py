"""One factory per model, for tests that need rows without caring about them all."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from mobilities.models import Activity, Direction, Flow, RateTable
from projects.models import Call, CallContact, Institution, Proposal, Region, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-factory-1")


class RateTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateTable
        django_get_or_create = ("year",)

    year = 2023
    name = "KA171 call 2023"


class HomeInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("is_home",)

    is_home = True
    name = "Leiden University"
    country = "NL"
    city = "Leiden"
    latitude = Decimal("52.160000")
    longitude = Decimal("4.497000")
    region = Region.EU_ASSOCIATED
    erasmus_code = "NL LEIDEN01"
    schac_code = "leidenuniv.nl"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Partner University {n}")
    country = "ET"
    city = "Addis Ababa"
    latitude = Decimal("9.030000")
    longitude = Decimal("38.740000")
    region = Region.SUB_SAHARAN_AFRICA


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Faculty {n}")


class CallFactory(factory.django.DjangoModelFactory):
    """An open call: proposals and registrations accepted now."""

    class Meta:
        model = Call

    name = factory.Sequence(lambda n: f"Erasmus+ ICM test call {n}")
    year = 2023
    proposals_open = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    proposals_close = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    registration_open = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    registration_close = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=40))
    envelope = Decimal("450000.00")
    rate_table = factory.SubFactory(RateTableFactory)


class CallContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallContact

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"IR contact {n}")
    email = factory.Sequence(lambda n: f"ir-contact{n}@example.org")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Exchange project {n}")
    unit = factory.SubFactory(UnitFactory)
    partner = factory.SubFactory(InstitutionFactory)
    coordinator = factory.SubFactory(UserFactory)
    summary = "What the project does."
    partner_needs = "What the partner needs."
    activities = "Teaching and research stays."
    strategy_fit = "Innovating and Connecting."
    earlier_cooperation = "Joint papers since 2019."
    dissemination = "Seminars and a report."


class FlowFactory(factory.django.DjangoModelFactory):
    """A flow with its stored figures as the 2023 rates give them (incoming student, 150 days, 5,708 km)."""

    class Meta:
        model = Flow

    proposal = factory.SubFactory(ProposalFactory)
    direction = Direction.INCOMING
    activity = Activity.STUDENT_STUDY
    participants = 1
    days = 150
    distance_km = Decimal("5708.0")
    distance_band = "4000-7999"
    travel_per_participant = Decimal("820.00")
    individual_support_per_participant = Decimal("4250.00")
    grant_per_participant = Decimal("5070.00")
    funded_days = 150
    organisational_support = factory.LazyAttribute(lambda f: Decimal("350.00") * f.participants)
    grant_total = factory.LazyAttribute(lambda f: (Decimal("5070.00") + Decimal("350.00")) * f.participants)

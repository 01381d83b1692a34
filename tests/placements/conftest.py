"""An awarded project of the 2023 call with an incoming student flow (Addis Ababa → Leiden) and an
outgoing staff flow (Leiden → Tokyo), each with a slot and a selected applicant."""

import datetime as dt
from decimal import Decimal

import pytest

from mobilities.models import Activity, Direction
from projects.models import ProposalState
from tests.factories import CallFactory, FlowFactory, HomeInstitutionFactory, InstitutionFactory, ProposalFactory

from .factories import ApplicationFactory, SlotFactory


@pytest.fixture
def home(db):
    return HomeInstitutionFactory()


@pytest.fixture
def proposal(rates_2023, home, coordinator):
    call = CallFactory(rate_table=rates_2023)
    partner = InstitutionFactory(name="Ethiopian Space Science and Technology Institute", erasmus_code="")
    return ProposalFactory(
        call=call, partner=partner, coordinator=coordinator, state=ProposalState.AWARDED, title="Astronomy"
    )


@pytest.fixture
def student_flow(proposal):
    return FlowFactory(proposal=proposal, participants=2, awarded_participants=2, awarded_amount=Decimal("10840.00"))


@pytest.fixture
def staff_flow(proposal):
    return FlowFactory(
        proposal=proposal,
        position=1,
        direction=Direction.OUTGOING,
        activity=Activity.STAFF_TEACHING,
        days=5,
        travel_days=2,
        distance_km=Decimal("9324.1"),
        distance_band="8000+",
        travel_per_participant=Decimal("1500.00"),
        individual_support_per_participant=Decimal("1260.00"),
        grant_per_participant=Decimal("2760.00"),
        funded_days=7,
        grant_total=Decimal("3110.00"),
        awarded_participants=1,
        awarded_amount=Decimal("3110.00"),
    )


@pytest.fixture
def student_slot(student_flow):
    return SlotFactory(flow=student_flow, places=2)


@pytest.fixture
def staff_slot(staff_flow):
    return SlotFactory(
        flow=staff_flow,
        title="Teaching week in Tokyo",
        earliest_start=dt.date(2024, 10, 1),
        latest_end=dt.date(2025, 6, 30),
        min_days=5,
        max_days=14,
        applicants_from="home",
    )


@pytest.fixture
def selected_student(student_slot):
    return ApplicationFactory(slot=student_slot, name="Abebe Kebede")


@pytest.fixture
def selected_staff(staff_slot):
    return ApplicationFactory(slot=staff_slot, name="Hanna de Vries")

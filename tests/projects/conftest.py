"""Fixtures of the proposal journey: an open call with two IR contacts, the home and a partner university."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import (
    CallContactFactory,
    CallFactory,
    HomeInstitutionFactory,
    InstitutionFactory,
    ProposalFactory,
    UnitFactory,
)

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)


@pytest.fixture
def home(db):
    return HomeInstitutionFactory()


@pytest.fixture
def partner(db):
    """ESSTI, Addis Ababa: 5,708 km from Leiden, band 4000-7999."""
    return InstitutionFactory(
        name="Ethiopian Space Science and Technology Institute",
        country="ET",
        city="Addis Ababa",
        latitude=Decimal("9.030000"),
        longitude=Decimal("38.740000"),
    )


@pytest.fixture
def unit(db):
    return UnitFactory(name="Leiden Observatory")


@pytest.fixture
def open_call(rates_2023):
    call = CallFactory(name="Erasmus+ ICM test call", rate_table=rates_2023)
    CallContactFactory(call=call, name="IR office", email="ir-office@example.org")
    CallContactFactory(call=call, name="IR desk", email="ir-desk@example.org", language="nl")
    return call


@pytest.fixture
def closed_call(rates_2023):
    now = timezone.now()
    return CallFactory(
        name="Erasmus+ ICM closed call",
        rate_table=rates_2023,
        proposals_open=now - dt.timedelta(days=60),
        proposals_close=now - dt.timedelta(days=1),
    )


@pytest.fixture
def draft(coordinator, open_call, partner, unit, home):
    """A complete draft of ``coordinator`` without flows."""
    return ProposalFactory(call=open_call, coordinator=coordinator, partner=partner, unit=unit)


INCOMING_STUDENTS = {
    "direction": "incoming",
    "activity": "student_study",
    "participants": 2,
    "days": 150,
    "green_travel": False,
}
OUTGOING_STAFF = {
    "direction": "outgoing",
    "activity": "staff_teaching",
    "participants": 1,
    "days": 5,
    "green_travel": False,
}

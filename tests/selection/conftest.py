"""Fixtures of the selection: an open slot coordinated by ``coordinator``, and people who apply."""

import pytest

from tests.factories import UserFactory

from .factories import SlotFactory


@pytest.fixture
def slot(coordinator):
    return SlotFactory(flow__proposal__coordinator=coordinator, places=2)


@pytest.fixture
def applicants(db):
    return [UserFactory(username=f"applicant{n}", first_name="Ada", last_name=f"Nr{n}") for n in range(6)]

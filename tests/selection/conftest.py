"""Fixtures of the selection: an open slot coordinated by ``coordinator``, and people who apply."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import UserFactory

from .factories import SlotFactory


@pytest.fixture
def slot(coordinator):
    return SlotFactory(flow__proposal__coordinator=coordinator, places=2)


@pytest.fixture
def applicants(db):
    return [UserFactory(username=f"applicant{n}", first_name="Ada", last_name=f"Nr{n}") for n in range(6)]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The sign-up's rate limit counts in the cache; every test starts with none."""
    if hasattr(cache, "delete_pattern"):  # Redis, shared with the broker: only the limiter's keys
        cache.delete_pattern("rl:*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are asserted in English, whatever language an earlier request of the worker left active."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def session_queries():
    """The queries a signed-in request spends reading its session: none where Redis keeps sessions."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1

"""Fixtures for interest registrations: an open call with an IR contact and an awarded project."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from icm_portal.celery import app as celery_app
from projects.models import ProposalState
from tests.factories import (
    CallContactFactory,
    CallFactory,
    FlowFactory,
    InstitutionFactory,
    ProposalFactory,
    UnitFactory,
)


def _forget_rate_limits():
    if hasattr(cache, "delete_pattern"):  # Redis, shared with the broker: only the limiter's keys
        cache.delete_pattern("rl:*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limit counts in the cache; every test starts with none."""
    _forget_rate_limits()
    yield
    _forget_rate_limits()


@pytest.fixture
def call(db):
    call = CallFactory(name="Erasmus+ ICM test call")
    CallContactFactory(call=call, name="IR contact", email="ir-office@example.org")
    return call


@pytest.fixture
def unit(db):
    return UnitFactory(name="Leiden Observatory")


@pytest.fixture
def awarded_proposal(call, unit):
    partner = InstitutionFactory(
        name="Ethiopian Space Science and Technology Institute", country="ET", city="Addis Ababa"
    )
    proposal = ProposalFactory(
        call=call, unit=unit, partner=partner, state=ProposalState.AWARDED, title="Astronomy for society"
    )
    FlowFactory(proposal=proposal, participants=3)
    call.decisions_published_at = timezone.now()  # the call's page lists awarded projects from then on
    call.save(update_fields=["decisions_published_at"])
    return proposal


@pytest.fixture
def registration_data(unit):
    """What a student types into the form, valid."""
    return {
        "name": "Demo Student",
        "email": "demo.student@example.org",
        "kind": "student",
        "unit": str(unit.pk),
        "study_level": "master",
        "countries": ["ET"],
        "preferred_period": "Spring semester",
        "message": "I would like to do a research project.",
        "language": "en",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def register(call, unit):
    """Call the service with sensible defaults; keyword arguments override them."""
    from applications.services import register_interest

    def _register(**overrides):
        arguments = {
            "call": call,
            "name": "Demo Student",
            "email": "demo.student@example.org",
            "kind": "student",
            "unit": unit,
            "study_level": "master",
            "countries": ["ET"],
            "language": "en",
            "consent": True,
        }
        arguments.update(overrides)
        return register_interest(**arguments)

    return _register


@pytest.fixture
def follow_confirmation_link(client):
    """Open the confirmation link mailed to ``email`` and press the button, as the person would."""
    import re

    from icm_portal.outbox.models import Message

    def _follow(email, *, press=True):
        mail = Message.objects.filter(template="registration_confirm_address", to_email=email).latest("id")
        path = re.search(r"https?://[^/\s]+(/registrations/confirm/[A-Za-z0-9_-]+/)", mail.body_text).group(1)
        page = client.get(path)
        return client.post(path, follow=True) if press else page

    return _follow


@pytest.fixture
def eager_tasks():
    """Tasks run in-process, as in the embedded default (no REDIS_URL), whatever the environment."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def session_queries():
    """The queries a signed-in request spends reading its session: none where Redis keeps sessions."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1

"""Fixtures of the application to the National Agency: the demo's 2023 call, proposals with flows,
and Celery run in-process."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from icm_portal.celery import app as celery_app
from mobilities.models import Activity, Direction
from projects.demo import catalogue
from projects.models import Proposal, ProposalState
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory


@pytest.fixture
def demo_call(db):
    """The demo's call (the 2023 announcement): thirteen proposals, 103 participants (seed_demo)."""
    call_command("seed_demo", stdout=StringIO())
    return catalogue.demo_call()


@pytest.fixture
def demo_ir(demo_call):
    return get_user_model().objects.get(username="ir1")


@pytest.fixture
def demo_proposal_ids(demo_call):
    return list(Proposal.objects.filter(call=demo_call).order_by("pk").values_list("pk", flat=True))


@pytest.fixture
def eager_tasks():
    """Tasks run in-process, as in the embedded default (no REDIS_URL), whatever the environment."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("100000.00"))


def proposal_with_flows(call, *, country="ET", state=ProposalState.UNDER_REVIEW, flows=None, **extra):
    """A proposal of ``call`` with a partner in ``country`` and flows priced as the factory prices them."""
    partner = InstitutionFactory(country=country)
    proposal = ProposalFactory(call=call, state=state, partner=partner, **extra)
    rows = flows or [(Direction.INCOMING, Activity.STUDENT_STUDY, 2)]
    for position, (direction, activity, participants) in enumerate(rows):
        FlowFactory(
            proposal=proposal, direction=direction, activity=activity, participants=participants, position=position
        )
    proposal.requested_amount = sum(flow.grant_total for flow in proposal.flows.all())
    proposal.save()
    return proposal

"""Shared fixtures: role accounts, and skips that say why a real part is missing."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from icm_portal.roles import COORDINATORS, IR_STAFF


def _redis_answers():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
REDIS_UP = _redis_answers()


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(
        reason="needs PostgreSQL: set DATABASE_URL=postgres://… (bash .ci/run does); SQLite cannot show row locks"
    )
    skip_redis = pytest.mark.skip(
        reason="needs Redis and a Celery worker: set REDIS_URL=redis://… to a running Redis (bash .ci/run does)"
    )
    for item in items:
        if "postgres" in item.keywords and not ON_POSTGRES:
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not REDIS_UP:
            item.add_marker(skip_redis)


@pytest.fixture
def role_groups(db):
    """The role groups; made by a data migration, recreated here after a flush."""
    return {
        IR_STAFF: Group.objects.get_or_create(name=IR_STAFF)[0],
        COORDINATORS: Group.objects.get_or_create(name=COORDINATORS)[0],
    }


@pytest.fixture
def ir_user(role_groups, django_user_model):
    user = django_user_model.objects.create_user(
        "ir-staff", "ir@example.org", "pw-ir-staff-1", first_name="Iris", last_name="Relations"
    )
    user.groups.add(role_groups[IR_STAFF])
    return user


@pytest.fixture
def coordinator(role_groups, django_user_model):
    user = django_user_model.objects.create_user(
        "coordinator", "coordinator@example.org", "pw-coordinator-1", first_name="Cora", last_name="Ordinator"
    )
    user.groups.add(role_groups[COORDINATORS])
    return user


@pytest.fixture
def other_coordinator(role_groups, django_user_model):
    user = django_user_model.objects.create_user("coordinator-2", "coordinator2@example.org", "pw-coordinator-2")
    user.groups.add(role_groups[COORDINATORS])
    return user


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user("someone", "someone@example.org", "pw-someone-1")


@pytest.fixture
def ir_admin(client, ir_user):
    """A client signed in to the admin as IR staff."""
    ir_user.is_staff = True
    ir_user.save()
    client.force_login(ir_user)
    return client


@pytest.fixture
def rates_2023(db):
    """The 2023 rate table of ka171-rules.md, as the data migration installs it
    (recreated here because transactional tests flush the tables)."""
    from mobilities.rates import install_default_rates

    return install_default_rates()

"""Shared fixtures: role accounts, skips that say why a real part is missing (and fail the run where
TESTS_FORBID_SKIPS=1, as in CI), and a session's own keys and queue on a shared Redis."""

import os
import shutil
import socket
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from icm_portal import public_cache
from icm_portal.celery import app as celery_app
from icm_portal.roles import COORDINATORS, IR_STAFF

# This session's name on a shared Redis: its cache keys' prefix and its Celery queue.
SESSION = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
FORBID_SKIPS = os.environ.get("TESTS_FORBID_SKIPS") == "1"
_skipped = []


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


def pytest_configure(config):
    """Parallel sessions on one REDIS_URL (xdist workers, other checkouts) never see each other's cache
    keys nor take each other's tasks: each has its prefix and its queue (tests/outbox's worker consumes it)."""
    settings.CACHES["default"]["KEY_PREFIX"] = SESSION
    # Accounts made by the factories hash their passwords: with production's PBKDF2 (a million
    # rounds, about half a second here) a fixture of fifty projects spent its time hashing.
    # The production install's tests start the portal with its own settings and hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    celery_app.conf.task_default_queue = SESSION
    # Uploads of tests that do not choose a folder land in one of the session's own, not in media/.
    settings.MEDIA_ROOT = config.icm_media = Path(tempfile.mkdtemp(prefix="icm-test-media-"))


def pytest_unconfigure(config):
    if getattr(config, "icm_media", None):
        shutil.rmtree(config.icm_media, ignore_errors=True)


def _record_skip(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append((report.nodeid, reason))


def pytest_runtest_logreport(report):
    _record_skip(report)


def pytest_collectreport(report):
    _record_skip(report)


def pytest_sessionfinish(session, exitstatus):
    if FORBID_SKIPS and _skipped and "PYTEST_XDIST_WORKER" not in os.environ and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if FORBID_SKIPS and _skipped:
        terminalreporter.section("skipped, and TESTS_FORBID_SKIPS=1 forbids it", sep="=", red=True, bold=True)
        for nodeid, reason in _skipped:
            terminalreporter.line(f"{nodeid}: {reason}", red=True)
        terminalreporter.line(f"{len(_skipped)} skipped: the run fails.", red=True, bold=True)


def pytest_collection_modifyitems(config, items):
    # Tests that open dozens of connections at once run one after another (pytest-xdist's loadgroup),
    # so that two of them never exhaust PostgreSQL's max_connections together.
    for item in items:
        if "concurrency" in item.fspath.basename:
            item.add_marker(pytest.mark.xdist_group("many-connections"))
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


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """No test sees what another cached of a page (their rows were rolled back, sending no signal)."""
    public_cache.forget_all()


@pytest.fixture
def session_queries():
    """The queries a signed-in request spends reading its session: none where Redis keeps sessions."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


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

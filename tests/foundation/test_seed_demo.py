"""seed_demo makes the role accounts and the demo call once; running it again changes nothing; the
call is named for the year its dates lie in."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from applications.models import Registration
from icm_portal.roles import COORDINATORS, IR_STAFF
from projects.models import Call, Proposal

pytestmark = pytest.mark.django_db


def _snapshot():
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in {"auth", "projects", "mobilities", "applications", "outbox"}:
            counts[model._meta.label] = model.objects.count()
    return counts


def test_seed_demo_prints_log_ins_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    User = get_user_model()
    assert User.objects.filter(groups__name=IR_STAFF).count() == 2
    assert User.objects.filter(groups__name=COORDINATORS).count() >= 3
    assert User.objects.filter(username__in=["student", "staff"]).count() == 2
    assert "demo-ir1-icm" in out.getvalue()
    assert User.objects.get(username="ir1").check_password("demo-ir1-icm")

    before = _snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert _snapshot() == before


@pytest.mark.parametrize("today", ["2026-12-01T10:00:00+01:00", "2027-03-15T10:00:00+01:00"])
def test_the_demo_call_is_named_for_the_year_its_dates_lie_in(today, monkeypatch):
    """A visitor reading "Erasmus+ ICM 2027" finds a call whose deadline is in 2027, still open today."""
    now = dt.datetime.fromisoformat(today)
    monkeypatch.setattr(timezone, "now", lambda: now)
    call_command("seed_demo", stdout=StringIO())
    call = Call.objects.get()
    deadline_year = timezone.localtime(call.proposals_close).year
    assert (call.name, call.year) == (f"Erasmus+ ICM {deadline_year}", deadline_year)
    assert abs(timezone.localtime(call.proposals_open).year - call.year) <= 1
    assert timezone.localtime(call.proposals_close).strftime("%H:%M") == "17:00"  # on the hour, as calls close
    assert call.accepts_proposals(now) and call.accepts_registrations(now)
    assert Proposal.objects.filter(call=call).count() == 13
    assert Registration.objects.filter(call=call).count() == 5


def test_seeding_again_next_year_keeps_the_one_demo_call(monkeypatch):
    call_command("seed_demo", stdout=StringIO())
    name = Call.objects.get().name
    later = timezone.now() + dt.timedelta(days=400)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("seed_demo", stdout=StringIO())
    assert list(Call.objects.values_list("name", flat=True)) == [name]

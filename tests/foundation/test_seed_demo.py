"""seed_demo makes the role accounts once; running it again changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from icm_portal.roles import COORDINATORS, IR_STAFF

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

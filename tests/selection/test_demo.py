"""The demo applications: every state on the demo slots, the demo accounts' own, never beyond the places."""

import pytest
from django.db.models import Count

from applications.models import Application, ApplicationState
from applications.selection.demo import seed_applications
from tests.factories import UserFactory

from .factories import SlotFactory

pytestmark = pytest.mark.django_db


def test_demo_applications_cover_every_state_and_the_demo_accounts_and_run_once(coordinator):
    study = SlotFactory(flow__proposal__coordinator=coordinator, places=1)
    teaching = SlotFactory(
        flow__proposal__coordinator=coordinator, flow__activity="staff_teaching", for_master=False, places=2
    )
    draft = SlotFactory(state="draft")
    accounts = {name: UserFactory(username=name) for name in ("student", "staff")}

    summary = seed_applications([study, teaching, draft], accounts)

    assert summary == "14 demo applications"
    assert set(Application.objects.values_list("state", flat=True)) == set(ApplicationState.values)
    assert Application.objects.get(applicant=accounts["student"]).slot == study
    assert Application.objects.get(applicant=accounts["staff"]).slot == teaching
    assert not Application.objects.filter(slot=draft).exists()
    selected = dict(
        Application.objects.filter(state="selected")
        .values_list("slot")
        .annotate(n=Count("id"))
        .values_list("slot", "n")
    )
    assert selected[study.pk] <= study.places and selected[teaching.pk] <= teaching.places
    assert seed_applications([study, teaching, draft], accounts) == ""
    assert Application.objects.count() == 14

"""``seed_demo --scale N`` adds N calls' worth of data that keeps the portal's invariants, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Sum

from applications.models import Application, Registration
from mobilities.models import Flow, Slot
from projects.models import Call, Institution, Proposal

pytestmark = pytest.mark.django_db


def test_one_call_of_scale_data_holds_the_invariants_and_comes_once():
    call_command("seed_demo", stdout=StringIO())
    demo = {model: model.objects.count() for model in (Call, Proposal, Slot, Application, Registration, Institution)}

    out = StringIO()
    call_command("seed_demo", "--scale", "1", stdout=out)

    added = Call.objects.exclude(pk=Call.objects.order_by("pk").first().pk).get()
    assert "Scale: 1 calls added" in out.getvalue()
    assert added.proposals.count() == 500
    assert Institution.objects.count() - demo[Institution] == 50
    assert Slot.objects.filter(flow__proposal__call=added).count() == 200
    assert Application.objects.filter(slot__flow__proposal__call=added).count() == 2000
    assert added.registrations.count() == 10_000
    # What the services and the database keep: awards within the envelope, places within the award.
    awarded = added.proposals.aggregate(total=Sum("awarded_amount"))["total"]
    assert awarded <= added.envelope
    over = Flow.objects.filter(proposal__call=added).annotate(places=Sum("slots__places"))
    assert not over.filter(places__gt=F("awarded_participants")).exists()

    counts = {model: model.objects.count() for model in (Call, Proposal, Slot, Application, Registration)}
    call_command("seed_demo", "--scale", "1", stdout=StringIO())
    assert {model: model.objects.count() for model in counts} == counts

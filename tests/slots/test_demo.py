"""The demo's slots: the three projects of the announcement open the places it tells of."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from applications.models import SlotInvitation
from mobilities.models import Slot

pytestmark = pytest.mark.django_db


def test_the_demo_opens_the_announced_places_and_invites_the_matching_registrations(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Slots: 6 created" in out.getvalue()
    slots = {slot.title: slot for slot in Slot.objects.select_related("flow__proposal")}
    assert slots["Three-month research project at Leiden Observatory"].min_days == 90
    assert slots["Six months of research at UC Irvine"].for_phd
    assert slots["Network visit to Fukushima University"].state == "draft"
    for slot in slots.values():
        assert slot.places <= slot.flow.awarded_participants

    page = client.get(reverse("applications:open_places")).content.decode()
    assert "5 slots open" in page and "Training at ESSTI in Addis Ababa" in page
    invited = set(SlotInvitation.objects.values_list("registration__email", "slot__title"))
    assert ("phd.candidate@example.org", "Six months of research at UC Irvine") in invited
    assert ("staff@example.org", "Training at ESSTI in Addis Ababa") in invited

    call_command("seed_demo", stdout=out)
    assert Slot.objects.count() == 6 and SlotInvitation.objects.count() == len(invited)

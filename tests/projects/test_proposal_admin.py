"""IR staff confirm requested partner universities and merge duplicates in the admin."""

import pytest
from django.urls import reverse

from projects import services
from projects.models import Institution
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_ir(client, ir_user):
    ir_user.is_staff = True
    ir_user.save()
    client.force_login(ir_user)
    return client


def _act(client, action, institutions):
    return client.post(
        reverse("admin:projects_institution_changelist"),
        {"action": action, "_selected_action": [i.pk for i in institutions]},
        follow=True,
    )


def test_merging_moves_the_duplicates_proposals_and_deletes_it(admin_client_ir, partner, coordinator):
    duplicate = services.request_partner(name="ESSTI Addis", country="ET", city="Addis Ababa", by=coordinator)
    proposal = ProposalFactory(partner=duplicate)
    response = _act(admin_client_ir, "merge_into_confirmed_partner", [partner, duplicate])
    assert "1 proposal now has" in response.text
    proposal.refresh_from_db()
    assert proposal.partner == partner
    assert not Institution.objects.filter(pk=duplicate.pk).exists()


def test_merging_needs_exactly_one_confirmed_partner(admin_client_ir, coordinator):
    one = services.request_partner(name="A", country="ET", city="Addis Ababa", by=coordinator)
    two = services.request_partner(name="B", country="ET", city="Addis Ababa", by=coordinator)
    response = _act(admin_client_ir, "merge_into_confirmed_partner", [one, two])
    assert "Select exactly one confirmed partner university" in response.text
    assert Institution.objects.filter(pk__in=[one.pk, two.pk]).count() == 2


def test_confirming_a_requested_partner(admin_client_ir, coordinator):
    requested = services.request_partner(name="Universidad de La Habana", country="CU", city="Havana", by=coordinator)
    _act(admin_client_ir, "confirm_partners", [requested])
    requested.refresh_from_db()
    assert requested.is_confirmed


def test_the_proposal_admin_is_for_ir_staff_only(client, coordinator, draft):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    assert client.get(reverse("admin:projects_proposal_change", args=[draft.pk])).status_code in (302, 403)

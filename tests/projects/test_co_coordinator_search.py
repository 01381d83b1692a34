"""Co-coordinators are found with a search over the coordinators, not picked from a long multiple select."""

import pytest
from django.urls import reverse

from icm_portal.roles import COORDINATORS
from projects.models import Proposal
from tests.factories import CallFactory, UnitFactory

pytestmark = pytest.mark.django_db

URL = "projects:co_coordinator_search"


@pytest.fixture
def colleagues(role_groups, django_user_model):
    made = []
    for n in range(25):
        user = django_user_model.objects.create_user(
            f"astro{n}", f"astro{n}@example.org", None, first_name="Astrid", last_name=f"Observer {n:02d}"
        )
        user.groups.add(role_groups[COORDINATORS])
        made.append(user)
    django_user_model.objects.create_user("astro-student", "astro-student@example.org", None, first_name="Astrid")
    return made


def _search(client, q):
    response = client.get(reverse(URL), {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_search_finds_coordinators_by_name_and_email_twenty_at_most(client, coordinator, colleagues):
    client.force_login(coordinator)
    found = _search(client, "astrid")
    assert len(found) == 20
    assert found[0] == {
        "id": colleagues[0].pk,
        "label": "Astrid Observer 00 (astro0@example.org)",
        "name": "Astrid Observer 00",
        "email": "astro0@example.org",
    }
    assert [each["name"] for each in _search(client, "astro7@example")] == ["Astrid Observer 07"]
    assert [each["name"] for each in _search(client, "astrid 13")] == ["Astrid Observer 13"]


def test_search_leaves_out_the_one_asking_and_people_without_the_role(client, coordinator, colleagues):
    client.force_login(coordinator)
    assert _search(client, "Ordinator") == []  # coordinator's own last name
    assert all(each["email"] != "astro-student@example.org" for each in _search(client, "astro"))


def test_search_needs_two_characters(client, coordinator, colleagues):
    client.force_login(coordinator)
    assert _search(client, "a") == []


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("plain_user", 403), ("ir_user", 403)])
def test_search_is_for_signed_in_coordinators_only(client, request, colleagues, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(URL), {"q": "astrid"})
    assert response.status_code == status
    assert b"astro0@example.org" not in response.content


def test_proposal_form_offers_the_search_and_still_takes_the_select_without_script(client, coordinator, colleagues):
    call = CallFactory()
    client.force_login(coordinator)
    html = client.get(reverse("projects:proposal_create", args=[call.pk])).content.decode()
    assert f'data-search-url="{reverse(URL)}"' in html
    assert "js/search_select.js" in html
    response = client.post(
        reverse("projects:proposal_create", args=[call.pk]),
        {
            "title": "Astronomy for society",
            "unit": UnitFactory().pk,
            "co_coordinators": [colleagues[3].pk],
            "flows-TOTAL_FORMS": "0",
            "flows-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert list(Proposal.objects.get().co_coordinators.all()) == [colleagues[3]]

"""A call mailed to every student may award hundreds of projects: its page stays small and its form
lets people search the projects instead of listing them all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.forms import LISTED_PROJECTS
from applications.models import PendingRegistration
from applications.selectors import PROJECTS_PER_PAGE
from tests.factories import FlowFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _url(call):
    return reverse("applications:call_page", args=[call.pk])


@pytest.fixture
def many_projects(call, unit):
    partners = [
        InstitutionFactory(name=name, country=country)
        for name, country in (
            ("Tohoku University", "JP"),
            ("Universidade de Brasília", "BR"),
            ("Jimma University", "ET"),
        )
    ]
    projects = []
    for n in range(LISTED_PROJECTS + 15):
        proposal = ProposalFactory(
            call=call, unit=unit, state="awarded", partner=partners[n % 3], title=f"Exchange project {n:03d}"
        )
        FlowFactory(proposal=proposal, participants=2)
        projects.append(proposal)
    call.decisions_published_at = timezone.now()  # the call's page lists awarded projects from then on
    call.save(update_fields=["decisions_published_at"])
    return projects


def test_the_page_lists_one_page_of_projects_and_counts_them_all(client, call, many_projects):
    html = client.get(_url(call)).content.decode()

    assert html.count('class="card mb-2 call-project"') == PROJECTS_PER_PAGE
    assert f"{len(many_projects)} exchange projects are awarded in this call, for {2 * len(many_projects)}" in html
    assert f"Projects 1–{PROJECTS_PER_PAGE} of {len(many_projects)}" in html
    # The form lists no project until one is chosen: a search stands in for 45 checkboxes.
    assert 'name="proposals"' in html and "data-search-url" in html
    assert "Exchange project 044" not in html

    listed = []
    for page in (1, 2, 3):
        html = client.get(_url(call), {"page": page}).content.decode()
        listed += [title for title in (p.title for p in many_projects) if f">{title}</h3>" in html]
    assert sorted(listed) == sorted(p.title for p in many_projects)  # each project on one page


def test_the_page_runs_the_same_queries_for_many_or_more_projects(
    client, call, unit, django_assert_num_queries, many_projects
):
    with django_assert_num_queries(9):
        client.get(_url(call))
    for _n in range(30):
        FlowFactory(proposal=ProposalFactory(call=call, unit=unit, state="awarded"))
    with django_assert_num_queries(9):
        client.get(_url(call))


def test_the_project_search_finds_by_title_partner_or_city_and_only_awarded_ones(client, call, many_projects):
    ProposalFactory(call=call, state="submitted", title="Exchange project not awarded")
    search = reverse("applications:call_project_search", args=[call.pk])

    found = client.get(search, {"q": "exchange 041"}).json()["results"]
    assert [result["label"].split(" (")[0] for result in found] == ["Exchange project 041"]
    assert len(client.get(search, {"q": "exchange"}).json()["results"]) == 20
    assert client.get(search, {"q": "not awarded"}).json()["results"] == []
    partner = many_projects[0].partner
    assert len(client.get(search, {"q": "tohoku"}).json()["results"]) == 15
    partner.city = "Sendai"
    partner.save()
    assert len(client.get(search, {"q": "sendai"}).json()["results"]) == 15
    assert client.get(search, {"q": "e"}).json()["results"] == []  # one letter matches too much to help


def test_a_project_chosen_by_search_is_registered_and_kept_when_the_form_fails(
    client, call, many_projects, registration_data
):
    chosen = many_projects[40]
    failing = {**registration_data, "email": "not-an-address", "proposals": [chosen.pk]}

    html = client.post(_url(call), failing).content.decode()

    assert f'<option value="{chosen.pk}" selected>Exchange project 040' in html
    assert html.count("<option") < 15  # the chosen project, not the call's 45

    client.post(_url(call), {**registration_data, "proposals": [chosen.pk]})
    pending = PendingRegistration.objects.get()
    assert pending.submission["proposals"] == [chosen.pk]


def test_a_project_of_another_call_cannot_be_chosen(client, call, many_projects, registration_data):
    elsewhere = ProposalFactory(state="awarded")

    response = client.post(_url(call), {**registration_data, "proposals": [elsewhere.pk]})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not PendingRegistration.objects.exists()


def test_a_registration_sent_reads_none_of_the_projects_listed_on_the_page(
    client, call, many_projects, registration_data
):
    # A burst of registrations when the call is mailed out: sending the form stores it and mails the
    # link, without loading the page of projects it does not show (the redirect shows no page).
    with CaptureQueriesContext(connection) as queries:
        response = client.post(_url(call), registration_data)

    assert response.status_code == 302 and PendingRegistration.objects.count() == 1
    listed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "mobilities_flow"."id"')]
    assert listed == []

"""Odd query strings and posts on the projects pages answer with a page or a message, never a server error."""

import pytest
from django.urls import reverse

from projects.models import ProposalState
from tests.factories import FlowFactory, ProposalFactory

pytestmark = pytest.mark.django_db

ODD_VALUES = ["abc", "-1", "", "99999999999999999999", "x" * 3000, "1.5", "\x00"]
LIST_PARAMETERS = ["page", "sort", "state", "q", "country", "region", "unit", "activity", "calls"]


@pytest.fixture
def proposals(coordinator, open_call, partner, unit, home):
    proposal = ProposalFactory(
        call=open_call, coordinator=coordinator, partner=partner, unit=unit, state=ProposalState.SUBMITTED
    )
    FlowFactory(proposal=proposal)
    return [proposal]


@pytest.mark.parametrize("parameter", LIST_PARAMETERS)
@pytest.mark.parametrize(
    "role, name, with_call",
    [
        ("coordinator", "projects:my_proposals", False),
        ("ir_user", "projects:review_calls", False),
        ("ir_user", "projects:calls_compare", False),
        ("ir_user", "projects:partner_list", False),
        ("ir_user", "projects:review_queue", True),
        ("ir_user", "projects:call_overview", True),
    ],
)
def test_lists_answer_odd_query_strings_with_a_page(
    client, request, proposals, open_call, role, name, with_call, parameter
):
    client.force_login(request.getfixturevalue(role))
    url = reverse(name, args=[open_call.pk] if with_call else [])
    for value in ODD_VALUES:
        assert client.get(url, {parameter: value}).status_code in (200, 400), value


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_ignore_odd_query_strings(client, ir_user, proposals, open_call, export_format):
    client.force_login(ir_user)
    url = reverse("projects:call_export", args=[open_call.pk, export_format])
    for value in ODD_VALUES:
        assert client.get(url, {"state": value, "sort": value, "page": value}).status_code == 200


def test_an_unknown_export_format_is_404(client, ir_user, open_call):
    client.force_login(ir_user)
    assert client.get(reverse("projects:call_export", args=[open_call.pk, "pdf"])).status_code == 404


def test_a_page_past_the_end_shows_the_last_page(client, coordinator, proposals):
    client.force_login(coordinator)
    response = client.get(reverse("projects:my_proposals"), {"page": "99999"})
    assert response.status_code == 200
    assert proposals[0].title in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "32768", "", "\x00"])
@pytest.mark.parametrize("field", ["flows-0-participants", "flows-0-days", "flows-0-direction", "flows-TOTAL_FORMS"])
def test_a_draft_with_odd_flow_values_is_answered_on_the_form(client, coordinator, draft, field, value):
    client.force_login(coordinator)
    data = {
        "title": draft.title,
        "flows-TOTAL_FORMS": "1",
        "flows-INITIAL_FORMS": "0",
        "flows-0-direction": "incoming",
        "flows-0-activity": "student_study",
        "flows-0-participants": "2",
        "flows-0-days": "150",
        field: value,
    }
    response = client.post(reverse("projects:proposal_edit", args=[draft.pk]), data)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "", "\x00"])
def test_a_reduced_award_with_odd_participants_is_refused_on_the_page(client, ir_user, proposals, value):
    proposal = proposals[0]
    flow = proposal.flows.get()
    client.force_login(ir_user)
    response = client.post(
        reverse("projects:award_proposal", args=[proposal.pk]),
        {"award-kind": "reduced", f"award-flow_{flow.pk}": value},
    )
    assert response.status_code in (200, 302)
    proposal.refresh_from_db()
    assert proposal.state != ProposalState.AWARDED or value == ""


BEYOND_ANY_ID = 99999999999999999999999  # past PostgreSQL's bigint: must not reach the database as an error


@pytest.mark.parametrize(
    "role, name, args",
    [
        ("ir_user", "projects:proposal_detail", 1),
        ("ir_user", "projects:review_proposal", 1),
        ("ir_user", "projects:review_queue", 1),
        ("ir_user", "projects:call_overview", 1),
        ("ir_user", "projects:partner_update", 1),
        ("ir_user", "projects:proposal_return_to_draft", 1),
        ("ir_user", "applications:registration_detail", 1),
        ("ir_user", "applications:registration_list", 1),
        ("ir_user", "applications:call_page", 1),
        ("coordinator", "projects:proposal_edit", 1),
        ("coordinator", "projects:proposal_withdraw", 1),
        ("coordinator", "projects:proposal_create", 1),
        ("coordinator", "projects:attachment_download", 2),
    ],
)
def test_ids_beyond_any_row_answer_404(client, request, role, name, args):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name, args=[BEYOND_ANY_ID] * args)).status_code == 404

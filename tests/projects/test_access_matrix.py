"""Who reaches which URL of the projects app: every URL for every role, in one table.

Anonymous people are sent to sign in; an object a person may not see answers 404; IR-only pages
answer 403 to everyone else who is signed in; reviews and decisions are IR staff's alone, and
never on a proposal they coordinate.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from icm_portal.roles import IR_STAFF
from projects import services
from projects.models import ProposalState
from projects.proposals.decisions import award_proposal
from tests.factories import FlowFactory, ProposalFactory

from .conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "plain_user", "coordinator", "other_coordinator", "ir_user")
LOGIN = 302
# Status per role, in the order of ROLES. "ok" is any answer but 403/404/500 (a page or a redirect).
OK = "ok"
IR_ONLY = (LOGIN, 403, 403, 403, OK)
OWN_DRAFT = (LOGIN, 403, OK, 404, 403)  # coordinator pages on the coordinator's own proposal
VISIBLE = (LOGIN, 404, OK, 404, OK)  # the proposal's own page: its coordinators and IR staff

MATRIX = [
    ("get", "projects:my_proposals", None, (LOGIN, 403, OK, OK, 403)),
    ("get", "projects:proposal_create", "call", (LOGIN, 403, OK, OK, 403)),
    ("get", "projects:proposal_detail", "draft", VISIBLE),
    ("get", "projects:proposal_edit", "draft", OWN_DRAFT),
    ("post", "projects:proposal_edit", "draft", OWN_DRAFT),
    ("post", "projects:proposal_submit", "draft", OWN_DRAFT),
    ("get", "projects:proposal_withdraw", "submitted", OWN_DRAFT),
    ("get", "projects:proposal_return_to_draft", "submitted", IR_ONLY),
    ("post", "projects:attachment_add", "draft", OWN_DRAFT),
    ("get", "projects:attachment_download", "attachment", VISIBLE),
    ("post", "projects:attachment_delete", "attachment", OWN_DRAFT),
    ("get", "projects:partner_list", None, IR_ONLY),
    ("get", "projects:partner_create", None, IR_ONLY),
    ("get", "projects:partner_update", "partner", IR_ONLY),
    ("get", "projects:review_calls", None, IR_ONLY),
    ("get", "projects:calls_compare", None, IR_ONLY),
    ("get", "projects:review_queue", "call", IR_ONLY),
    ("get", "projects:call_overview", "call", IR_ONLY),
    ("get", "projects:call_export", "export", IR_ONLY),
    ("get", "projects:review_proposal", "submitted", IR_ONLY),
    ("post", "projects:review_proposal", "submitted", IR_ONLY),
    ("post", "projects:start_review", "submitted", IR_ONLY),
    ("post", "projects:award_proposal", "submitted", IR_ONLY),
    ("post", "projects:reject_proposal", "submitted", IR_ONLY),
    ("post", "projects:revise_decision", "awarded", IR_ONLY),
]


@pytest.fixture
def objects(coordinator, open_call, partner, unit, home, settings, tmp_path, ir_user):
    settings.MEDIA_ROOT = tmp_path
    draft = ProposalFactory(call=open_call, coordinator=coordinator, partner=partner, unit=unit)
    attachment = services.add_attachment(
        proposal_id=draft.pk, by=coordinator, uploaded_file=SimpleUploadedFile("letter.pdf", MINIMAL_PDF)
    )
    submitted = ProposalFactory(
        call=open_call, coordinator=coordinator, partner=partner, unit=unit, state=ProposalState.SUBMITTED
    )
    awarded = ProposalFactory(
        call=open_call, coordinator=coordinator, partner=partner, unit=unit, state=ProposalState.UNDER_REVIEW
    )
    FlowFactory(proposal=awarded)
    awarded.requested_amount = awarded.flows.get().grant_total
    awarded.save()
    award_proposal(proposal_id=awarded.pk, by=ir_user)
    return {
        None: [],
        "call": [open_call.pk],
        "draft": [draft.pk],
        "submitted": [submitted.pk],
        "awarded": [awarded.pk],
        "attachment": [draft.pk, attachment.pk],
        "partner": [partner.pk],
        "export": [open_call.pk, "csv"],
    }


def _answer(client, method, name, args):
    return getattr(client, method)(reverse(name, args=args))


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)), ids=ROLES)
@pytest.mark.parametrize("method, name, target, expected", MATRIX, ids=[f"{m} {n}" for m, n, _t, _e in MATRIX])
def test_every_url_answers_each_role_as_the_rules_say(
    client, request, objects, role_index, role, method, name, target, expected
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = _answer(client, method, name, objects[target])
    want = expected[role_index]
    if want == OK:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    else:
        assert response.status_code == want
        if want == LOGIN:
            assert "/accounts/login/" in response["Location"]


OBJECT_URLS = [(m, n, t) for m, n, t, _e in MATRIX if t not in (None, "export")]


@pytest.mark.parametrize("method, name, target", OBJECT_URLS, ids=[f"{m} {n}" for m, n, _t in OBJECT_URLS])
@pytest.mark.parametrize("role", ["coordinator", "ir_user"])
def test_unknown_ids_answer_404_to_those_who_could_see_a_real_one(client, request, objects, role, method, name, target):
    client.force_login(request.getfixturevalue(role))
    args = [987654321 for _arg in objects[target]]
    response = _answer(client, method, name, args)
    assert response.status_code in (403, 404)  # 403 only where the role may not use the page at all


@pytest.mark.parametrize(
    "method, name",
    [
        ("post", "projects:review_proposal"),
        ("post", "projects:start_review"),
        ("post", "projects:award_proposal"),
        ("post", "projects:reject_proposal"),
        ("post", "projects:proposal_return_to_draft"),
    ],
)
def test_ir_staff_may_read_but_not_review_or_decide_a_proposal_they_coordinate(
    client, ir_user, role_groups, open_call, partner, unit, home, method, name
):
    proposal = ProposalFactory(
        call=open_call, coordinator=ir_user, partner=partner, unit=unit, state=ProposalState.SUBMITTED
    )
    FlowFactory(proposal=proposal)
    client.force_login(ir_user)
    assert client.get(reverse("projects:review_proposal", args=[proposal.pk])).status_code == 200
    data = {
        "relevance": 5,
        "quality": 5,
        "impact": 5,
        "budget": 5,
        "recommendation": "award",
        "award-kind": "full",
        "note": "Back.",
    }
    assert getattr(client, method)(reverse(name, args=[proposal.pk]), data).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert not proposal.reviews.exists()


def test_ir_staff_may_not_revise_a_decision_on_a_proposal_they_co_coordinate(
    client, ir_user, role_groups, django_user_model, open_call, partner, unit, home
):
    colleague = django_user_model.objects.create_user("ir-colleague", "irc@example.org", "pw-ir-colleague")
    colleague.groups.add(role_groups[IR_STAFF])
    proposal = ProposalFactory(
        call=open_call, coordinator=colleague, partner=partner, unit=unit, state=ProposalState.UNDER_REVIEW
    )
    FlowFactory(proposal=proposal)
    proposal.requested_amount = proposal.flows.get().grant_total
    proposal.save()
    award_proposal(proposal_id=proposal.pk, by=ir_user)
    client.force_login(colleague)
    response = client.post(reverse("projects:revise_decision", args=[proposal.pk]), {"revise-note": "Mine."})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWARDED


PAGES = [
    (name, target, role)
    for method, name, target, expected in MATRIX
    for role_index, role in enumerate(ROLES)
    if method == "get" and expected[role_index] == OK and target not in ("attachment", "export")
]


@pytest.mark.parametrize("name, target, role", PAGES, ids=[f"{n} as {r}" for n, _t, r in PAGES])
def test_every_page_keeps_the_house_rules_of_markup(client, request, objects, name, target, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(name, args=objects[target]), follow=True)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"<[^>]+\son[a-z]+=", html), "inline event handler"

"""The proposal pages: who reaches which, what a coordinator sees, and fixed query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from icm_portal.outbox.models import Message
from projects import services
from projects.models import Attachment, ProposalState
from projects.views.proposals import PAGE_SIZE
from tests.factories import FlowFactory, ProposalFactory

from .conftest import INCOMING_STUDENTS, MINIMAL_PDF, OUTGOING_STAFF

pytestmark = pytest.mark.django_db


def _form_data(proposal=None, flows=(), **changes):
    """The POST of the proposal page, as the browser sends it."""
    data = {
        "title": "Astronomy for society",
        "unit": proposal.unit_id if proposal else "",
        "partner": proposal.partner_id if proposal else "",
        "summary": "Summary.",
        "partner_needs": "Needs.",
        "activities": "Activities.",
        "strategy_fit": "Fit.",
        "earlier_cooperation": "Earlier.",
        "dissemination": "Shared.",
        "new_partner_name": "",
        "new_partner_country": "",
        "new_partner_city": "",
        "flows-TOTAL_FORMS": str(len(flows)),
        "flows-INITIAL_FORMS": "0",
        "flows-MIN_NUM_FORMS": "0",
        "flows-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(flows):
        for key, value in row.items():
            if key == "green_travel":
                if value:
                    data[f"flows-{index}-green_travel"] = "on"
            else:
                data[f"flows-{index}-{key}"] = str(value)
    data.update(changes)
    return data


def _urls(proposal, attachment_pk):
    pk = proposal.pk
    return [
        ("get", reverse("projects:proposal_detail", args=[pk])),
        ("get", reverse("projects:proposal_edit", args=[pk])),
        ("post", reverse("projects:proposal_edit", args=[pk])),
        ("post", reverse("projects:proposal_submit", args=[pk])),
        ("get", reverse("projects:proposal_withdraw", args=[pk])),
        ("post", reverse("projects:proposal_withdraw", args=[pk])),
        ("post", reverse("projects:attachment_add", args=[pk])),
        ("get", reverse("projects:attachment_download", args=[pk, attachment_pk])),
        ("post", reverse("projects:attachment_delete", args=[pk, attachment_pk])),
    ]


@pytest.fixture
def attached(draft, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.add_attachment(
        proposal_id=draft.pk, by=coordinator, uploaded_file=SimpleUploadedFile("letter.pdf", MINIMAL_PDF)
    )


def test_every_proposal_url_answers_404_to_another_coordinator(client, draft, attached, other_coordinator):
    client.force_login(other_coordinator)
    for method, url in _urls(draft, attached.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
    assert Attachment.objects.filter(pk=attached.pk).exists()
    draft.refresh_from_db()
    assert draft.state == ProposalState.DRAFT


def test_every_proposal_url_answers_404_for_an_unknown_id(client, coordinator):
    client.force_login(coordinator)
    for method, url in _urls(ProposalFactory.build(pk=999999), 999999):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_return_to_draft_answers_404_for_an_unknown_id_and_403_to_coordinators(client, draft, coordinator, ir_user):
    url = reverse("projects:proposal_return_to_draft", args=[draft.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    client.force_login(ir_user)
    assert client.get(reverse("projects:proposal_return_to_draft", args=[999999])).status_code == 404


def test_a_co_coordinator_reaches_the_proposal(client, draft, attached, other_coordinator):
    draft.co_coordinators.add(other_coordinator)
    client.force_login(other_coordinator)
    assert client.get(reverse("projects:proposal_edit", args=[draft.pk])).status_code == 200
    assert client.get(reverse("projects:attachment_download", args=[draft.pk, attached.pk])).status_code == 200


def test_ir_staff_view_every_proposal_but_do_not_edit_it(client, draft, attached, ir_user):
    client.force_login(ir_user)
    assert client.get(reverse("projects:proposal_detail", args=[draft.pk])).status_code == 200
    download = client.get(reverse("projects:attachment_download", args=[draft.pk, attached.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    assert client.get(reverse("projects:proposal_edit", args=[draft.pk])).status_code in (403, 404)


def test_people_without_the_coordinator_role_are_refused_my_proposals(client, plain_user):
    assert client.get(reverse("projects:my_proposals")).status_code == 302  # to log in
    client.force_login(plain_user)
    assert client.get(reverse("projects:my_proposals")).status_code == 403


def test_my_proposals_explains_what_to_do_when_there_are_none(client, coordinator, open_call):
    client.force_login(coordinator)
    response = client.get(reverse("projects:my_proposals"))
    assert "You have no proposals yet" in response.text
    assert reverse("projects:proposal_create", args=[open_call.pk]) in response.text


def test_my_proposals_lists_only_own_and_co_coordinated_proposals(client, draft, coordinator, other_coordinator):
    theirs = ProposalFactory(coordinator=other_coordinator, title="Someone else's project")
    shared = ProposalFactory(coordinator=other_coordinator, title="Shared project")
    shared.co_coordinators.add(coordinator)
    client.force_login(coordinator)
    text = client.get(reverse("projects:my_proposals")).text
    assert draft.title in text and shared.title in text
    assert theirs.title not in text


def test_a_coordinator_starts_a_draft_with_only_a_title(client, coordinator, open_call, home):
    client.force_login(coordinator)
    url = reverse("projects:proposal_create", args=[open_call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(title="Just a title", summary=""))
    assert response.status_code == 302
    proposal = coordinator.coordinated_proposals.get()
    assert proposal.title == "Just a title"


def test_adding_a_flow_works_without_javascript(client, draft, coordinator):
    client.force_login(coordinator)
    url = reverse("projects:proposal_edit", args=[draft.pk])
    response = client.post(url, _form_data(draft, [INCOMING_STUDENTS], add_flow="1"))
    assert response.status_code == 200
    assert 'name="flows-1-days"' in response.text
    assert 'value="150"' in response.text


def test_saving_the_page_stores_the_flows_and_the_requested_amount(client, draft, coordinator):
    client.force_login(coordinator)
    url = reverse("projects:proposal_edit", args=[draft.pk])
    response = client.post(url, _form_data(draft, [INCOMING_STUDENTS, OUTGOING_STAFF], save="1"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.flows.count() == 2
    assert draft.requested_amount == sum(f.grant_total for f in draft.flows.all()) > 0


def test_a_refused_submit_shows_each_problem_beside_its_field_and_keeps_what_was_typed(client, draft, coordinator):
    client.force_login(coordinator)
    url = reverse("projects:proposal_submit", args=[draft.pk])
    data = _form_data(draft, [INCOMING_STUDENTS, {**OUTGOING_STAFF, "days": 90}], summary="", activities="Typed")
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.text
    assert 'id="error_1_id_summary"' in text
    assert 'id="error_1_id_flows-1-days"' in text
    assert "A staff mobility lasts from 5 to 60 days" in text
    assert "Typed" in text
    draft.refresh_from_db()
    assert draft.state == ProposalState.DRAFT
    assert draft.activities == "Typed"
    assert not Message.objects.exists()


def test_a_complete_submit_goes_to_the_read_only_page_and_mails(client, draft, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("projects:proposal_submit", args=[draft.pk]), _form_data(draft, [INCOMING_STUDENTS]))
    assert response.status_code == 302
    assert response.url == reverse("projects:proposal_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.state == ProposalState.SUBMITTED
    assert Message.objects.filter(template="proposal_submitted_ir").count() == 2
    assert client.get(reverse("projects:proposal_edit", args=[draft.pk])).status_code == 302


def test_the_proposal_page_shows_the_decision_but_never_the_reviewers_scores(client, draft, coordinator, ir_user):
    from projects.models import Review

    FlowFactory(proposal=draft)
    draft.state = ProposalState.AWARDED
    draft.requested_amount = draft.awarded_amount = 5420
    draft.feedback = "A strong partnership."
    draft.save()
    Review.objects.create(
        proposal=draft,
        reviewer=ir_user,
        relevance=5,
        quality=4,
        impact=3,
        budget=2,
        comment="Reviewer's private remark",
        recommendation="award",
    )
    client.force_login(coordinator)
    text = client.get(reverse("projects:proposal_detail", args=[draft.pk])).text
    assert "A strong partnership." in text
    assert "5,420.00" in text
    assert "Reviewer's private remark" not in text
    assert "relevance" not in text.lower()


def test_a_non_pdf_upload_is_refused_with_a_message(client, draft, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:attachment_add", args=[draft.pk]),
        {"file": SimpleUploadedFile("letter.pdf", b"not a pdf at all")},
        follow=True,
    )
    assert "not a PDF" in response.text
    assert not Attachment.objects.exists()


def _proposals_with_content(coordinator, draft, count, tmp_path):
    proposals = [draft] + [ProposalFactory(call=draft.call, coordinator=coordinator) for _ in range(count - 1)]
    for proposal in proposals:
        for _ in range(count):
            FlowFactory(proposal=proposal)
            Attachment.objects.create(proposal=proposal, file="proposals/x.pdf", name="letter.pdf", size=10)
    return proposals


@pytest.mark.parametrize("count", [1, 4])
def test_my_proposals_runs_a_fixed_number_of_queries(
    client, coordinator, draft, count, django_assert_num_queries, tmp_path, session_queries
):
    _proposals_with_content(coordinator, draft, count, tmp_path)
    client.force_login(coordinator)
    with django_assert_num_queries(5 + session_queries):
        response = client.get(reverse("projects:my_proposals"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_the_proposal_page_runs_a_fixed_number_of_queries(
    client, coordinator, draft, count, django_assert_num_queries, tmp_path, ir_user, session_queries
):
    _proposals_with_content(coordinator, draft, count, tmp_path)
    for _ in range(count):
        services.change_state(proposal_id=draft.pk, to_state="submitted", by=coordinator)
        services.change_state(proposal_id=draft.pk, to_state="draft", by=ir_user, note="Again")
    draft.co_coordinators.add(ir_user)
    client.force_login(coordinator)
    with django_assert_num_queries(7 + session_queries):
        response = client.get(reverse("projects:proposal_detail", args=[draft.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, coordinator, draft, count, django_assert_num_queries, tmp_path, session_queries
):
    _proposals_with_content(coordinator, draft, count, tmp_path)
    client.force_login(coordinator)
    with django_assert_num_queries(11 + session_queries):
        response = client.get(reverse("projects:proposal_edit", args=[draft.pk]))
    assert response.status_code == 200


def _submitted(draft, coordinator):
    services.save_draft(proposal_id=draft.pk, by=coordinator, fields={}, flow_rows=[INCOMING_STUDENTS])
    return services.submit_proposal(proposal_id=draft.pk, by=coordinator)


def test_a_coordinator_withdraws_a_submitted_proposal(client, draft, coordinator):
    _submitted(draft, coordinator)
    client.force_login(coordinator)
    url = reverse("projects:proposal_withdraw", args=[draft.pk])
    assert "Withdraw the proposal" in client.get(url).text
    response = client.post(url, {"note": "The partner cannot host this year."}, follow=True)
    assert "Your proposal is withdrawn." in response.text
    assert "The partner cannot host this year." in response.text  # on the timeline
    draft.refresh_from_db()
    assert draft.state == ProposalState.WITHDRAWN


def test_ir_staff_return_a_proposal_to_draft_with_a_note(client, draft, coordinator, ir_user):
    _submitted(draft, coordinator)
    client.force_login(ir_user)
    url = reverse("projects:proposal_return_to_draft", args=[draft.pk])
    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    assert 'id="error_1_id_note"' in response.text
    response = client.post(url, {"note": "Please add the letter of support."}, follow=True)
    assert "back with its coordinator" in response.text
    draft.refresh_from_db()
    assert draft.state == ProposalState.DRAFT
    client.force_login(coordinator)
    page = client.get(reverse("projects:proposal_detail", args=[draft.pk])).text
    assert "Please add the letter of support." in page
    assert "Submitted → Draft" in page


@pytest.mark.parametrize("coordinates_it, offered", [(False, True), (True, False)])
def test_the_proposal_page_offers_return_to_draft_only_to_ir_staff_who_may_take_it(
    client, draft, coordinator, ir_user, coordinates_it, offered
):
    _submitted(draft, coordinator)
    if coordinates_it:
        draft.co_coordinators.add(ir_user)
    client.force_login(ir_user)

    page = client.get(reverse("projects:proposal_detail", args=[draft.pk])).text

    assert (reverse("projects:proposal_return_to_draft", args=[draft.pk]) in page) is offered
    assert client.get(reverse("projects:proposal_return_to_draft", args=[draft.pk])).status_code == (
        200 if offered else 403
    )


def test_a_submitted_proposal_is_read_only_to_its_coordinator(client, draft, coordinator):
    _submitted(draft, coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("projects:proposal_edit", args=[draft.pk]), _form_data(draft, [], title="Changed"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title != "Changed"
    assert "Edit draft" not in client.get(reverse("projects:proposal_detail", args=[draft.pk])).text


def test_submitting_after_the_deadline_shows_the_deadline(client, draft, coordinator):
    from django.utils import timezone

    call = draft.call
    call.proposals_open = timezone.now() - timezone.timedelta(days=30)
    call.proposals_close = timezone.now() - timezone.timedelta(minutes=1)
    call.save()
    client.force_login(coordinator)
    response = client.post(reverse("projects:proposal_submit", args=[draft.pk]), _form_data(draft, [INCOMING_STUDENTS]))
    assert "Amsterdam time" in response.text
    assert "it is closed now" in response.text


def test_ir_staff_see_the_proposal_in_the_admin(client, draft, ir_user):
    ir_user.is_staff = True
    ir_user.save()
    FlowFactory(proposal=draft)
    client.force_login(ir_user)
    assert client.get(reverse("admin:projects_proposal_change", args=[draft.pk])).status_code == 200


def test_my_proposals_pages_keep_the_state_filter(client, coordinator, open_call, partner, unit, home):
    ProposalFactory.create_batch(PAGE_SIZE + 1, call=open_call, coordinator=coordinator, partner=partner, unit=unit)
    client.force_login(coordinator)

    first = client.get(reverse("projects:my_proposals"), {"state": "draft"}).content.decode()
    assert "?state=draft&amp;page=2" in first
    second = client.get(reverse("projects:my_proposals"), {"state": "draft", "page": "2"}).content.decode()
    assert "?state=draft&amp;page=1" in second
    assert "Page 2 of 2" in second


def test_an_attachment_whose_file_is_gone_answers_404(client, coordinator, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment.objects.create(proposal=draft, file="proposals/gone.pdf", name="gone.pdf", size=10)
    client.force_login(coordinator)
    assert client.get(reverse("projects:attachment_download", args=[draft.pk, attachment.pk])).status_code == 404

"""The review pages: IR staff only (403 for others, log-in for anonymous), filters, decisions, fixed queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from icm_portal.outbox.models import Message
from mobilities.models import Activity
from projects.models import Attachment, ProposalState, Recommendation, Region, Review
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

S = ProposalState


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))


def in_review(call, *, participants=2, flows=1, reviews=0, **fields):
    proposal = ProposalFactory(call=call, state=fields.pop("state", S.UNDER_REVIEW), **fields)
    for position in range(flows):
        FlowFactory(proposal=proposal, participants=participants, position=position)
    proposal.requested_amount = sum(f.grant_total for f in proposal.flows.all())
    proposal.save()
    for _n in range(reviews):
        Review.objects.create(
            proposal=proposal,
            reviewer=UserFactory(),
            relevance=4,
            quality=4,
            impact=3,
            budget=5,
            recommendation="award",
        )
    return proposal


def urls(call, proposal):
    return [
        ("get", reverse("projects:review_calls")),
        ("get", reverse("projects:review_queue", args=[call.pk])),
        ("get", reverse("projects:review_proposal", args=[proposal.pk])),
        ("post", reverse("projects:review_proposal", args=[proposal.pk])),
        ("post", reverse("projects:start_review", args=[proposal.pk])),
        ("post", reverse("projects:award_proposal", args=[proposal.pk])),
        ("post", reverse("projects:reject_proposal", args=[proposal.pk])),
        ("post", reverse("projects:revise_decision", args=[proposal.pk])),
        ("get", reverse("projects:call_overview", args=[call.pk])),
        ("get", reverse("projects:calls_compare")),
        ("get", reverse("projects:call_export", args=[call.pk, "csv"])),
        ("get", reverse("projects:call_export", args=[call.pk, "flows-csv"])),
        ("get", reverse("projects:call_export", args=[call.pk, "xlsx"])),
        ("get", reverse("projects:call_export", args=[call.pk, "beneficiary"])),
    ]


URL_COUNT = 14


@pytest.mark.parametrize("index", range(URL_COUNT))
def test_anonymous_people_are_sent_to_log_in(client, call, index):
    method, url = urls(call, in_review(call))[index]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("index", range(URL_COUNT))
@pytest.mark.parametrize("who", ["coordinator", "plain_user"])
def test_signed_in_people_who_are_not_ir_staff_get_403(client, call, request, who, index):
    person = request.getfixturevalue(who)
    proposal = in_review(call, coordinator=person)  # even their own proposal's review pages stay closed
    method, url = urls(call, proposal)[index]
    client.force_login(person)
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("index", [0, 1, 2, 8, 9, 10, 11, 12, 13])
def test_ir_staff_reach_every_page_and_export(client, call, ir_user, index):
    method, url = urls(call, in_review(call))[index]
    client.force_login(ir_user)
    response = getattr(client, method)(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name, args", [("review_queue", ["call"]), ("call_overview", ["call"]), ("review_proposal", [0])]
)
def test_unknown_objects_answer_404(client, ir_user, url_name, args):
    client.force_login(ir_user)
    assert client.get(reverse(f"projects:{url_name}", args=[987654])).status_code == 404


def test_unknown_export_format_answers_404(client, call, ir_user):
    client.force_login(ir_user)
    assert client.get(reverse("projects:call_export", args=[call.pk, "pdf"])).status_code == 404


def test_queue_filters_by_unit_and_searches_and_keeps_filters_in_pagination(client, call, ir_user):
    science = UnitFactory(name="Faculty of Science")
    in_review(call, title="Observatory exchange", unit=science)
    in_review(call, title="Law clinic exchange", unit=UnitFactory(name="Faculty of Law"))
    in_review(call, title="Draft exchange", unit=science, state=S.DRAFT)
    client.force_login(ir_user)

    page = client.get(reverse("projects:review_queue", args=[call.pk]), {"unit": science.pk, "q": "exchange"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "Observatory exchange" in text
    assert "Law clinic exchange" not in text
    assert "Draft exchange" not in text  # drafts never reach IR staff


def test_queue_sorts_by_average_score_with_unscored_last(client, call, ir_user):
    low = in_review(call, title="Low scorer")
    high = in_review(call, title="High scorer")
    in_review(call, title="Not scored yet")
    for proposal, score in ((low, 2), (high, 5)):
        Review.objects.create(
            proposal=proposal, reviewer=ir_user, relevance=score, quality=score, impact=score, budget=score
        )
    client.force_login(ir_user)

    page = client.get(reverse("projects:review_queue", args=[call.pk]), {"sort": "score"})

    titles = [p.title for p in page.context["page_obj"]]
    assert titles == ["High scorer", "Low scorer", "Not scored yet"]
    assert page.context["page_obj"][0].average_score == 5
    assert page.context["page_obj"][0].review_count == 1


@pytest.mark.parametrize("params", [{}, {"page": 1}, {"q": "scorer"}])
def test_the_queue_opens_in_the_order_its_sort_by_shows(client, call, ir_user, params):
    now = timezone.now()
    for title, score, days_ago in (("Low scorer", 2, 1), ("High scorer", 5, 3), ("Middle scorer", 4, 2)):
        proposal = in_review(call, title=title, submitted_at=now - dt.timedelta(days=days_ago))
        Review.objects.create(
            proposal=proposal, reviewer=ir_user, relevance=score, quality=score, impact=score, budget=score
        )
    in_review(call, title="Unscored scorer", submitted_at=now)
    client.force_login(ir_user)
    url = reverse("projects:review_queue", args=[call.pk])

    first = client.get(url, params)
    applied = client.get(url, {**params, "sort": "score"})

    titles = [p.title for p in first.context["page_obj"]]
    assert titles == ["High scorer", "Middle scorer", "Low scorer", "Unscored scorer"]
    assert titles == [p.title for p in applied.context["page_obj"]]
    assert '<option value="score" selected>Score, highest first</option>' in first.content.decode()


@pytest.mark.parametrize(("language", "day"), [("en", "1 December 2026"), ("nl", "1 december 2026")])
def test_the_queue_dates_submissions_in_the_language_of_the_page(client, call, ir_user, language, day):
    in_review(call, submitted_at=dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC))  # 1 December in Amsterdam
    client.force_login(ir_user)
    client.cookies["django_language"] = language

    html = client.get(reverse("projects:review_queue", args=[call.pk])).content.decode()

    assert f"<td>{day}</td>" in html


def test_reviewer_saves_a_review_from_the_review_page(client, call, ir_user):
    proposal = in_review(call, state=S.SUBMITTED)
    client.force_login(ir_user)
    url = reverse("projects:review_proposal", args=[proposal.pk])

    response = client.post(
        url,
        {"relevance": 5, "quality": 4, "impact": 4, "budget": 3, "comment": "Good.", "recommendation": "award"},
        follow=True,
    )

    assert "Your review is saved." in response.content.decode()
    assert Review.objects.get(proposal=proposal, reviewer=ir_user).relevance == 5
    assert "Under review" in response.content.decode()


def test_review_form_with_a_missing_score_shows_the_error_by_the_field(client, call, ir_user):
    proposal = in_review(call)
    client.force_login(ir_user)
    response = client.post(reverse("projects:review_proposal", args=[proposal.pk]), {"relevance": 5})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Review.objects.exists()


def _summary(html):
    start = html.index("data-error-summary")
    return html[start : html.index("</div>", start)]


def test_a_review_without_a_score_opens_with_a_summary_linking_to_the_fields(client, call, ir_user):
    proposal = in_review(call)
    client.force_login(ir_user)

    html = client.post(reverse("projects:review_proposal", args=[proposal.pk]), {"relevance": 5}).content.decode()

    summary = _summary(html)
    assert "There is a problem" in summary
    for field in ("quality", "impact", "budget"):
        assert f'<a href="#id_{field}"' in summary
        assert f'id="id_{field}"' in html
    assert '<a href="#id_relevance"' not in summary  # only the fields in error
    assert html.index("data-error-summary") < html.index("<h1")


def test_an_award_of_more_participants_than_requested_opens_with_a_summary(client, call, ir_user):
    proposal = in_review(call, participants=2)
    flow = proposal.flows.get()
    client.force_login(ir_user)

    response = client.post(
        reverse("projects:award_proposal", args=[proposal.pk]),
        {"award-kind": "reduced", f"award-flow_{flow.pk}": 5, "award-note": "More."},
    )

    summary = _summary(response.content.decode())
    assert f'<a href="#id_award-flow_{flow.pk}"' in summary
    assert "less than or equal to 2" in summary


def test_a_form_not_on_the_page_gets_no_summary_of_fields_that_are_not_there(client, call, ir_user):
    proposal = in_review(call, state=S.AWARDED, awarded_amount=Decimal("0.00"))
    client.force_login(ir_user)

    response = client.post(reverse("projects:review_proposal", args=[proposal.pk]), {"relevance": 5})

    html = response.content.decode()
    assert "Nothing was saved" in html  # the message says why, at the top
    assert "data-error-summary" not in html


def test_award_refusal_shows_the_figures(client, call, ir_user):
    proposal = in_review(call, participants=4)  # 21,680.00 of an envelope of 20,000.00
    client.force_login(ir_user)

    response = client.post(reverse("projects:award_proposal", args=[proposal.pk]), {"award-kind": "full"}, follow=True)

    assert "EUR 20,000.00 left, this award needs EUR 21,680.00." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == S.UNDER_REVIEW


def test_reduced_award_from_the_page_then_revised(client, call, ir_user, coordinator):
    proposal = in_review(call, participants=4, coordinator=coordinator)
    flow = proposal.flows.get()
    client.force_login(ir_user)

    client.post(
        reverse("projects:award_proposal", args=[proposal.pk]),
        {
            "award-kind": "reduced",
            f"award-flow_{flow.pk}": 2,
            "award-note": "Two places.",
            "award-feedback": "Fewer students this year.",
        },
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.awarded_amount) == (S.AWARDED, Decimal("10840.00"))
    assert Message.objects.get(template="proposal_decided").to_email == coordinator.email

    page = client.post(
        reverse("projects:revise_decision", args=[proposal.pk]), {"revise-note": "Envelope changed."}, follow=True
    )
    assert "Envelope changed." in page.content.decode()  # on the timeline
    proposal.refresh_from_db()
    assert proposal.state == S.UNDER_REVIEW


def test_reject_from_the_page(client, call, ir_user):
    proposal = in_review(call)
    client.force_login(ir_user)
    client.post(
        reverse("projects:reject_proposal", args=[proposal.pk]), {"reject-note": "Weak", "reject-feedback": "Sorry"}
    )
    proposal.refresh_from_db()
    assert proposal.state == S.REJECTED


def test_ir_staff_coordinating_a_proposal_cannot_review_or_decide_it(client, call, ir_user):
    proposal = in_review(call, coordinator=ir_user)
    client.force_login(ir_user)
    page = client.get(reverse("projects:review_proposal", args=[proposal.pk]))
    assert "you coordinate it" in page.content.decode()
    assert (
        client.post(reverse("projects:award_proposal", args=[proposal.pk]), {"award-kind": "full"}).status_code == 403
    )
    review = {"relevance": 5, "quality": 5, "impact": 5, "budget": 5, "recommendation": Recommendation.AWARD}
    assert client.post(reverse("projects:review_proposal", args=[proposal.pk]), review).status_code == 403


def test_review_page_shows_the_grant_breakdown_and_other_reviews(client, call, ir_user):
    proposal = in_review(call, reviews=1, summary="Telescope time for students.")
    client.force_login(ir_user)
    text = client.get(reverse("projects:review_proposal", args=[proposal.pk])).content.decode()
    for shown in ("Telescope time for students.", "820.00", "4,250.00", "700.00", "10,840.00", "average 4.00"):
        assert shown in text
    assert text.count("<h1") == 1
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "the review and decision forms share a page: their ids must differ"
    assert "style=" not in text and " onclick=" not in text


@pytest.mark.parametrize("rows", [1, 4])
def test_queue_runs_a_fixed_number_of_queries(client, call, ir_user, django_assert_num_queries, rows, session_queries):
    for _n in range(rows):
        in_review(call, flows=rows, reviews=rows)
    client.force_login(ir_user)
    url = reverse("projects:review_queue", args=[call.pk])
    client.get(url)  # warm the session and content-type caches
    # session, user, groups, call, units (filter), count, page
    with django_assert_num_queries(6 + session_queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 4])
def test_review_page_runs_a_fixed_number_of_queries(
    client, call, ir_user, django_assert_num_queries, rows, session_queries
):
    proposal = in_review(call, flows=rows, reviews=rows)
    proposal.co_coordinators.add(*[UserFactory() for _n in range(rows)])
    client.force_login(ir_user)
    url = reverse("projects:review_proposal", args=[proposal.pk])
    client.get(url)
    # session, user, groups, proposal, co-coordinators, flows, attachments, state changes, reviews,
    # what the call's envelope has left
    with django_assert_num_queries(9 + session_queries):
        assert client.get(url).status_code == 200


def test_review_page_links_each_attachment_to_the_guarded_download(client, call, ir_user):
    proposal = in_review(call)
    attachment = Attachment.objects.create(
        proposal=proposal, file=f"proposals/{proposal.pk}/letter.pdf", name="Letter of support.pdf", size=2048
    )
    client.force_login(ir_user)
    text = client.get(reverse("projects:review_proposal", args=[proposal.pk])).content.decode()
    assert reverse("projects:attachment_download", args=[proposal.pk, attachment.pk]) in text
    assert "Letter of support.pdf" in text


def test_reviews_are_listed_in_the_admin_but_written_only_on_the_review_page(client, call, django_user_model):
    proposal = in_review(call, reviews=1)
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw-admin-1")
    client.force_login(admin)
    listing = client.get(reverse("admin:projects_review_changelist"))
    assert listing.status_code == 200
    assert proposal.title in listing.content.decode()
    assert client.get(reverse("admin:projects_review_add")).status_code == 403


@pytest.mark.parametrize(
    "params, shown",
    [
        ({"state": S.SUBMITTED}, "Submitted one"),
        ({"country": "JP"}, "Japanese partner"),
        ({"region": "Asia"}, "Japanese partner"),
        ({"activity": "staff_teaching"}, "Teaching flow"),
        ({"q": "teaching"}, "Teaching flow"),
    ],
)
def test_queue_filters_leave_only_the_matching_proposal(client, call, ir_user, params, shown):
    in_review(call, title="Submitted one", state=S.SUBMITTED)
    in_review(call, title="Japanese partner", partner=InstitutionFactory(country="JP", region=Region.ASIA))
    teaching = in_review(call, title="Teaching flow")
    teaching.flows.update(activity=Activity.STAFF_TEACHING)
    client.force_login(ir_user)

    page = client.get(reverse("projects:review_queue", args=[call.pk]), params)

    assert [p.title for p in page.context["page_obj"]] == [shown]


def test_queue_pages_keep_the_filters(client, call, ir_user):
    for _n in range(26):
        ProposalFactory(call=call, state=S.UNDER_REVIEW)
    client.force_login(ir_user)
    page = client.get(reverse("projects:review_queue", args=[call.pk]), {"state": S.UNDER_REVIEW, "sort": "amount"})
    assert len(page.context["page_obj"]) == 25
    assert "?state=under_review&amp;sort=amount&amp;page=2" in page.content.decode()


@pytest.mark.parametrize("rows", [1, 4])
def test_calls_page_runs_a_fixed_number_of_queries(
    client, rates_2023, ir_user, django_assert_num_queries, rows, session_queries
):
    for _n in range(rows):
        call = CallFactory(rate_table=rates_2023)
        for _m in range(rows):
            in_review(call, reviews=1)
    client.force_login(ir_user)
    url = reverse("projects:review_calls")
    client.get(url)
    # session, user, groups, count, page of calls with their figures
    with django_assert_num_queries(4 + session_queries):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == rows

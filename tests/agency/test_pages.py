"""The application's pages as IR staff use them: choose, see the summary and the checks, submit,
enter the NA's budget, follow the dossier; each runs a fixed number of queries."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.urls import reverse
from django.utils.text import slugify
from openpyxl import load_workbook

from agency import services
from agency.models import AgencyApplication, Dossier
from mobilities.models import Activity, Direction
from projects.models import ProposalState
from projects.proposals.decisions import award_proposal

from .conftest import proposal_with_flows

pytestmark = pytest.mark.django_db
COUNTRIES = ["ET", "JP", "CO", "AM", "NG"]


@pytest.fixture
def ir_client(client, ir_user):
    client.force_login(ir_user)
    return client


def _url(name, call):
    return reverse(f"agency:{name}", args=[call.pk])


def test_ir_staff_choose_the_proposals_and_see_the_summary(ir_client, call):
    chosen = proposal_with_flows(call, title="Astronomy for society")
    proposal_with_flows(call, country="JP", title="Fukushima lessons")

    response = ir_client.post(_url("select", call), {"proposals": [chosen.pk]}, follow=True)

    page = response.content.decode()
    assert "The application&#x27;s proposals are saved." in page
    assert f'value="{chosen.pk}" id="held-{chosen.pk}" checked' in page
    assert "Sub-Saharan Africa" in page and "Ethiopia" in page
    assert "data-total>10,840.00<" in page
    assert "within the call's limits" in page


def test_the_checks_name_what_passes_the_calls_limits(ir_client, ir_user, call):
    call.envelope = Decimal("5000.00")
    call.save()
    draft = proposal_with_flows(call, state=ProposalState.DRAFT, title="Still a draft")
    services.select_proposals(call_id=call.pk, proposal_ids=[draft.pk], by=ir_user)

    page = ir_client.get(_url("application", call)).content.decode()

    assert "more than the call&#x27;s envelope of EUR 5,000.00" in page
    assert "“Still a draft” is still a draft" in page


def test_marking_it_submitted_keeps_its_proposals(ir_client, ir_user, call):
    proposal = proposal_with_flows(call)
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal.pk], by=ir_user)

    response = ir_client.post(_url("submit", call), {"submitted_on": "2024-02-27"}, follow=True)

    page = response.content.decode()
    assert "Submitted to the National Agency on 27 February 2024." in page
    assert 'name="proposals"' not in page
    refused = ir_client.post(_url("select", call), {"proposals": []}, follow=True)
    assert "its proposals can no longer change" in refused.content.decode()
    assert AgencyApplication.objects.get().held.count() == 1


def test_a_missing_date_is_shown_on_the_form(ir_client, ir_user, call):
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal_with_flows(call).pk], by=ir_user)

    response = ir_client.post(_url("submit", call), {"submitted_on": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert AgencyApplication.objects.get().state == "preparing"


def _submitted(call, ir_user, proposals):
    services.select_proposals(call_id=call.pk, proposal_ids=[p.pk for p in proposals], by=ir_user)
    services.submit_application(call_id=call.pk, by=ir_user, submitted_on=dt.date(2024, 2, 27))


def test_the_budget_form_asks_per_country_and_refuses_a_bad_amount(ir_client, ir_user, call):
    _submitted(call, ir_user, [proposal_with_flows(call), proposal_with_flows(call, country="JP")])

    form = ir_client.get(_url("budget", call)).content.decode()
    assert "Ethiopia (Sub-Saharan Africa), EUR" in form and "Japan (Asia), EUR" in form

    refused = ir_client.post(_url("budget", call), {"share_ET": "-3", "share_JP": "1000"})
    assert refused.status_code == 400
    assert "Ensure this value is greater than or equal to 0." in refused.content.decode()

    saved = ir_client.post(_url("budget", call), {"share_ET": "20000", "share_JP": "1000.50"}, follow=True)
    assert "it is the call&#x27;s envelope now" in saved.content.decode()
    call.refresh_from_db()
    assert call.envelope == Decimal("21000.50")


def test_the_overview_warns_where_awards_pass_a_regions_share(ir_client, ir_user, call):
    ethiopia = proposal_with_flows(call)  # 10,840.00
    japan = proposal_with_flows(call, country="JP")
    _submitted(call, ir_user, [ethiopia, japan])
    services.record_budget(call_id=call.pk, by=ir_user, amounts={"ET": Decimal("5000.00"), "JP": Decimal("20000.00")})
    overview = reverse("projects:call_overview", args=[call.pk])
    assert "Over the region" not in ir_client.get(overview).content.decode()

    award_proposal(proposal_id=ethiopia.pk, by=ir_user)

    page = ir_client.get(overview).content.decode()
    africa = page[page.index('data-region="Sub-Saharan Africa"') :]
    africa = africa[: africa.index("</tr>")]
    assert "5,000.00" in africa and "10,840.00" in africa and "-5,840.00" in africa
    assert "Over the region's share" in africa
    asia = page[page.index('data-region="Asia"') :]
    assert "Over the region" not in asia[: asia.index("</tr>")]
    assert "Over the region's share" in ir_client.get(_url("application", call)).content.decode()


def test_the_dossier_status_says_how_far_it_got(ir_client, ir_user, call):
    _submitted(call, ir_user, [proposal_with_flows(call)])
    dossier = services.request_dossier(call_id=call.pk, by=ir_user)
    Dossier.objects.filter(pk=dossier.pk).update(state="building", done=0, total=1)

    status = ir_client.get(_url("dossier_status", call)).json()

    assert status == {
        "state": "building",
        "label": "Being built",
        "done": 0,
        "total": 1,
        "percent": 0,
        "download": None,
    }
    page = ir_client.get(_url("application", call)).content.decode()
    assert "Being built: 0 of 1 proposals written." in page and "data-status-url" in page
    assert ir_client.get(_url("dossier_download", call)).status_code == 404


def test_the_page_reads_in_dutch(ir_client, ir_user, call):
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal_with_flows(call).pk], by=ir_user)

    page = ir_client.get(_url("application", call), headers={"accept-language": "nl"}).content.decode()

    assert "Instellingsaanvraag bij het Nationaal Agentschap" in page
    assert "Samenvatting per regio en partnerland" in page


@pytest.mark.parametrize("rows", [1, 5])
def test_the_application_page_runs_a_fixed_number_of_queries(
    ir_client, ir_user, call, django_assert_num_queries, rows, session_queries
):
    flows = [(Direction.INCOMING, Activity.STUDENT_STUDY, 2), (Direction.OUTGOING, Activity.STAFF_TEACHING, 1)]
    proposals = [proposal_with_flows(call, country=COUNTRIES[n], flows=flows * rows) for n in range(rows)]
    _submitted(call, ir_user, proposals)
    services.record_budget(call_id=call.pk, by=ir_user, amounts=dict.fromkeys(COUNTRIES[:rows], Decimal("50000")))
    award_proposal(proposal_id=proposals[0].pk, by=ir_user)
    services.request_dossier(call_id=call.pk, by=ir_user)
    url = _url("application", call)
    ir_client.get(url)
    # session, user, groups, call, application, proposals, flows, dossier, shares, awards
    with django_assert_num_queries(9 + session_queries):
        assert ir_client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 5])
def test_the_budget_page_runs_a_fixed_number_of_queries(
    ir_client, ir_user, call, django_assert_num_queries, rows, session_queries
):
    proposals = [proposal_with_flows(call, country=COUNTRIES[n]) for n in range(rows)]
    _submitted(call, ir_user, proposals)
    url = _url("budget", call)
    ir_client.get(url)
    # session, user, groups, call, application, shares, flows
    with django_assert_num_queries(6 + session_queries):
        assert ir_client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 5])
def test_the_xlsx_runs_a_fixed_number_of_queries(
    ir_client, ir_user, call, django_assert_num_queries, rows, session_queries
):
    proposals = [proposal_with_flows(call, country=COUNTRIES[n]) for n in range(rows)]
    services.select_proposals(call_id=call.pk, proposal_ids=[p.pk for p in proposals], by=ir_user)
    url = _url("xlsx", call)
    # session, user, groups, call, application, flows, proposals
    with django_assert_num_queries(6 + session_queries):
        assert ir_client.get(url).status_code == 200


def test_a_held_proposal_withdrawn_since_stays_in_view_and_is_named(ir_client, ir_user, call):
    proposal = proposal_with_flows(call, title="Changed plans")
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal.pk], by=ir_user)
    proposal.state = ProposalState.WITHDRAWN
    proposal.save()

    page = ir_client.get(_url("application", call)).content.decode()

    assert f'value="{proposal.pk}" id="held-{proposal.pk}" checked' in page
    assert "“Changed plans” is “Withdrawn” now." in page


def test_a_new_dossier_replaces_the_earlier_one(
    ir_client, ir_user, call, eager_tasks, django_capture_on_commit_callbacks
):
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal_with_flows(call).pk], by=ir_user)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_dossier(call_id=call.pk, by=ir_user)
    first.refresh_from_db()
    storage, name = first.file.storage, first.file.name

    with django_capture_on_commit_callbacks(execute=True):
        second = services.request_dossier(call_id=call.pk, by=ir_user)

    assert list(Dossier.objects.values_list("pk", flat=True)) == [second.pk]
    assert not storage.exists(name)
    download = ir_client.get(_url("dossier_download", call))
    assert download["Content-Disposition"] == f'attachment; filename="na-dossier-{slugify(call.name)}.docx"'


@pytest.mark.parametrize("rows", [1, 5])
def test_the_overview_with_the_nas_budget_runs_a_fixed_number_of_queries(
    ir_client, ir_user, call, django_assert_num_queries, rows, session_queries
):
    proposals = [proposal_with_flows(call, country=COUNTRIES[n]) for n in range(rows)]
    _submitted(call, ir_user, proposals)
    services.record_budget(call_id=call.pk, by=ir_user, amounts=dict.fromkeys(COUNTRIES[:rows], Decimal("20000")))
    for proposal in proposals:
        award_proposal(proposal_id=proposal.pk, by=ir_user)
    url = reverse("projects:call_overview", args=[call.pk])
    ir_client.get(url)
    # the overview's thirteen (tests/projects/test_overview.py), then the awards per country beside the shares
    with django_assert_num_queries(13 + session_queries):
        assert ir_client.get(url).status_code == 200


def test_typed_control_characters_never_break_the_dossier_or_the_tables(
    ir_client, ir_user, call, eager_tasks, django_capture_on_commit_callbacks
):
    odd = proposal_with_flows(call, title="=HYPERLINK(1)", summary="Line one\x0bline\x01two")
    services.select_proposals(call_id=call.pk, proposal_ids=[odd.pk], by=ir_user)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_dossier(call_id=call.pk, by=ir_user)

    text = "\n".join(p.text for p in docx.Document(Dossier.objects.get().file.path).paragraphs)
    assert "Line one line two" in text
    sheet = load_workbook(BytesIO(ir_client.get(_url("xlsx", call)).content))["Proposals"]
    assert sheet["B2"].value == "'=HYPERLINK(1)"

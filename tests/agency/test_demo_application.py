"""The demo's 2023 call as one application to the National Agency: its summary, its XLSX and its
dossier hold the thirteen proposals' flows, to the cent, per region and partner country."""

from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from agency import selectors, services
from agency.models import Dossier
from agency.summary import summarise
from mobilities.models import Flow
from projects.models import Proposal
from projects.regions import region_for_country
from projects.services import NARRATIVE_FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_application(demo_call, demo_ir, demo_proposal_ids):
    return services.select_proposals(call_id=demo_call.pk, proposal_ids=demo_proposal_ids, by=demo_ir)


def _flows_by_country(call):
    rows = (
        Flow.objects.filter(proposal__call=call)
        .order_by()
        .values("proposal__partner__country")
        .annotate(total=Sum("grant_total"), people=Sum("participants"))
    )
    return {row["proposal__partner__country"]: (row["total"], row["people"]) for row in rows}


def test_the_summary_of_the_demo_call_is_the_sum_of_its_flows_to_the_cent(demo_call, demo_application):
    summary = summarise(selectors.held_flow_figures(demo_application))
    flows = Flow.objects.filter(proposal__call=demo_call).aggregate(
        total=Sum("grant_total"), people=Sum("participants")
    )

    assert summary.figures.proposals == 13
    assert summary.figures.participants == flows["people"] == 103
    assert summary.figures.total == flows["total"]
    assert (
        summary.figures.travel + summary.figures.individual_support + summary.figures.organisational_support
        == (flows["total"])
    )
    countries = {
        c.code: (c.figures.total, c.figures.participants) for r in summary.region_list() for c in r.country_list()
    }
    assert countries == _flows_by_country(demo_call)
    assert len(countries) == 13
    for region in summary.region_list():
        assert region.figures.total == sum(c.figures.total for c in region.country_list())
        assert {region_for_country(c.code) for c in region.country_list()} == {region.region}


def test_the_xlsx_holds_the_budget_per_region_and_country(client, demo_call, demo_ir, demo_application):
    client.force_login(demo_ir)

    response = client.get(reverse("agency:xlsx", args=[demo_call.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Budget summary", "Regions", "Activities", "Travel bands", "Proposals"]
    sheet = workbook["Budget summary"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    by_country = _flows_by_country(demo_call)
    assert {row["Country code"] for row in rows} == set(by_country)
    for row in rows:
        total, people = by_country[row["Country code"]]
        assert isinstance(row["Total (EUR)"], int | float)
        assert Decimal(str(row["Total (EUR)"])) == total
        assert row["Participants"] == people
        assert row["Region"] == str(dict(selectors.REGION_LABELS)[region_for_country(row["Country code"])])
    regions = workbook["Regions"]
    last = [cell.value for cell in regions[regions.max_row]]
    assert last[0] == "Total" and Decimal(str(last[-1])) == sum(total for total, _people in by_country.values())
    activities = workbook["Activities"]
    assert sum(row[4].value for row in activities.iter_rows(min_row=2)) == 103
    proposals = workbook["Proposals"]
    assert proposals.max_row == 14


def test_the_dossier_holds_every_narrative_of_every_proposal(
    client, demo_call, demo_ir, demo_application, eager_tasks, django_capture_on_commit_callbacks
):
    client.force_login(demo_ir)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agency:dossier_request", args=[demo_call.pk]))
    assert response.status_code == 302

    dossier = Dossier.objects.get()
    assert (dossier.state, dossier.done, dossier.total) == ("ready", 13, 13)
    download = client.get(reverse("agency:dossier_download", args=[demo_call.pk]))
    assert download.status_code == 200
    document = docx.Document(BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for proposal in Proposal.objects.filter(call=demo_call).select_related("partner"):
        assert proposal.title in text
        assert proposal.partner.name in text
        for name in NARRATIVE_FIELDS:
            for line in getattr(proposal, name).splitlines():
                assert line in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Japan (Asia)" in headings and len(headings) == 13


def test_seed_demo_prepares_the_demo_calls_application(demo_call):
    application = selectors.application_of(demo_call)

    summary = summarise(selectors.held_flow_figures(application))

    assert application.get_state_display() == "Being prepared"
    assert (summary.figures.proposals, summary.figures.participants) == (13, 103)

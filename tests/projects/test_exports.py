"""Exports of a call: streamed CSV, an XLSX that opens, and the Beneficiary Module's planned mobilities."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mobilities.models import Activity, Direction
from projects.exports import BENEFICIARY_ACTIVITY, beneficiary_header
from projects.models import Proposal, ProposalState
from projects.proposals.decisions import award_proposal
from tests.factories import CallFactory, FlowFactory, HomeInstitutionFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db

S = ProposalState


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, name="ICM 2023", envelope=Decimal("100000.00"))


@pytest.fixture
def awarded(call, ir_user):
    """An awarded proposal: 3 incoming students of whom 2 are paid, 2 outgoing staff (teaching)."""
    HomeInstitutionFactory()
    proposal = ProposalFactory(
        call=call,
        title="Observatory exchange",
        state=S.UNDER_REVIEW,
        partner=InstitutionFactory(name="Addis Ababa University", erasmus_code="", oid="E12345678"),
    )
    students = FlowFactory(proposal=proposal, participants=3, position=0)
    FlowFactory(
        proposal=proposal, participants=2, position=1, direction=Direction.OUTGOING, activity=Activity.STAFF_TEACHING
    )
    proposal.requested_amount = sum(f.grant_total for f in proposal.flows.all())
    proposal.save()
    return award_proposal(proposal_id=proposal.pk, by=ir_user, participants_by_flow={students.pk: 2})


def read_csv(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_proposals_csv_streams_one_row_per_proposal(client, call, awarded, ir_user):
    ProposalFactory(call=call, state=S.DRAFT)  # drafts stay out
    client.force_login(ir_user)

    response = client.get(reverse("projects:call_export", args=[call.pk, "csv"]))

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="icm-2023-proposals.csv"' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:3] == ["Proposal id", "Title", "State"]
    assert len(rows) == 1
    assert rows[0][1:3] == ["Observatory exchange", "Awarded"]
    assert rows[0][header.index("Awarded (EUR)")] == str(awarded.awarded_amount) == "21680.00"


def test_flows_csv_has_the_grant_breakdown(client, call, awarded, ir_user):
    client.force_login(ir_user)
    header, *rows = read_csv(client.get(reverse("projects:call_export", args=[call.pk, "flows-csv"])))
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    assert (first["Awarded participants"], first["Travel per participant (EUR)"]) == ("2", "820.00")


def test_xlsx_opens_and_holds_the_award(client, call, awarded, ir_user):
    client.force_login(ir_user)

    response = client.get(reverse("projects:call_export", args=[call.pk, "xlsx"]))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Proposals", "Flows"]
    proposals = list(workbook["Proposals"].values)
    header, row = proposals[0], proposals[1]
    assert Decimal(str(row[header.index("Awarded (EUR)")])) == Decimal("21680.00")
    assert len(list(workbook["Flows"].values)) == 3


def test_xlsx_is_tidy_and_holds_the_submission_in_amsterdam_time(client, call, awarded, ir_user):
    Proposal.objects.filter(pk=awarded.pk).update(submitted_at=dt.datetime(2026, 11, 30, 23, 30, 5, 123, tzinfo=dt.UTC))
    client.force_login(ir_user)

    workbook = load_workbook(io.BytesIO(client.get(reverse("projects:call_export", args=[call.pk, "xlsx"])).content))

    proposals = workbook["Proposals"]
    header = [cell.value for cell in proposals[1]]
    submitted = proposals.cell(row=2, column=header.index("Submitted") + 1)
    assert submitted.is_date and submitted.value == dt.datetime(2026, 12, 1, 0, 30, 5)
    assert submitted.number_format == "yyyy-mm-dd hh:mm"
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{sheet.max_row}"
    title_width = proposals.column_dimensions["B"].width
    assert title_width == len("Observatory exchange") + 2


def test_beneficiary_export_has_one_row_per_planned_participant_of_the_award(client, call, awarded, ir_user):
    client.force_login(ir_user)

    header, *rows = read_csv(client.get(reverse("projects:call_export", args=[call.pk, "beneficiary"])))

    assert header == beneficiary_header()
    rows = [dict(zip(header, row, strict=True)) for row in rows]
    assert [r["Activity Type"] for r in rows] == ["HE-SMS", "HE-SMS", "HE-STA", "HE-STA"]
    student, staff = rows[0], rows[2]
    assert student["Participant First Name"] == student["Participant Email"] == student["Start Date"] == ""
    assert (student["Sending Organisation"], student["Receiving Organisation"]) == ("E12345678", "NL LEIDEN01")
    assert (staff["Sending Organisation"], staff["Receiving Country"]) == ("NL LEIDEN01", "ET")
    assert (student["Full Months"], student["Extra Days"], student["Total Grant (EUR)"]) == ("5", "0", "5070.00")
    assert staff["Full Months"] == ""


def test_beneficiary_export_leaves_out_proposals_without_an_award(client, call, ir_user):
    FlowFactory(proposal=ProposalFactory(call=call, state=S.UNDER_REVIEW))
    client.force_login(ir_user)
    header, *rows = read_csv(client.get(reverse("projects:call_export", args=[call.pk, "beneficiary"])))
    assert rows == []


@pytest.mark.parametrize("activity", list(Activity))
def test_every_activity_has_a_beneficiary_module_code(activity):
    assert BENEFICIARY_ACTIVITY[activity] in {"HE-SMS", "HE-SMT", "HE-STA", "HE-STT"}


@pytest.mark.parametrize("typed", ["=HYPERLINK(1)", "+1", "-1+1", "@SUM(1)"])
def test_a_formula_typed_into_a_title_stays_text_in_csv_and_xlsx(client, call, awarded, ir_user, typed):
    awarded.title = typed
    awarded.save()
    client.force_login(ir_user)

    _header, *rows = read_csv(client.get(reverse("projects:call_export", args=[call.pk, "csv"])))
    assert any(f"'{typed}" in row for row in rows)

    response = client.get(reverse("projects:call_export", args=[call.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for row in workbook.worksheets[0].iter_rows(values_only=True) for cell in row]
    assert f"'{typed}" in cells and typed not in cells


@pytest.mark.parametrize("typed", ["Bell\x07 in the title", "Vertical\x0btab", "Escape\x1b[0m"])
def test_a_control_character_in_a_title_does_not_break_the_exports(client, call, awarded, ir_user, typed):
    awarded.title = typed
    awarded.save()
    client.force_login(ir_user)

    response = client.get(reverse("projects:call_export", args=[call.pk, "xlsx"]))

    assert response.status_code == 200
    titles = [row[1] for row in load_workbook(io.BytesIO(response.content))["Proposals"].iter_rows(values_only=True)]
    readable = "".join(c if c.isprintable() else " " for c in typed)
    assert titles[1] == readable
    _header, *rows = read_csv(client.get(reverse("projects:call_export", args=[call.pk, "csv"])))
    assert rows[0][1] == readable

"""Exports of a call for IR staff: proposals and flows (CSV, XLSX) and the planned
mobilities in the columns of the EU Beneficiary Module.

CSV streams row by row from a server-side cursor (``iterator()``), so a large export
starts at once and holds little memory. XLSX is written by openpyxl's write-only
workbook from each sheet's values, read first to fit the column widths.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from icm_portal.spreadsheets import csv_response, xlsx_response
from mobilities import budget
from mobilities.models import Activity, Direction, Flow

from .models import Proposal
from .partners import home_institution
from .proposals.lifecycle import FUNDED, REACHED_IR, REQUESTED
from .reports import with_review_figures

# Beneficiary Module activity types (see beneficiary_rows for the doctoral choice).
BENEFICIARY_ACTIVITY = {
    Activity.STUDENT_STUDY: "HE-SMS",
    Activity.DOCTORAL_SHORT: "HE-SMS",
    Activity.STUDENT_TRAINEESHIP: "HE-SMT",
    Activity.STAFF_TEACHING: "HE-STA",
    Activity.STAFF_TRAINING: "HE-STT",
}
LONG_TERM = budget.STUDENT_ACTIVITIES  # counted in months of 30 days and extra days


def proposal_header():
    return [
        _("Proposal id"),
        _("Title"),
        _("State"),
        _("Unit"),
        _("Partner university"),
        _("Country"),
        _("Region"),
        _("Coordinator"),
        _("Submitted"),
        _("Participants"),
        _("Reviews"),
        _("Average score"),
        _("Requested (EUR)"),
        _("Awarded (EUR)"),
        _("Decision note"),
    ]


def proposal_rows(call):
    """One row per proposal that reached IR staff (values as Python types: Decimal for money)."""
    proposals = with_review_figures(
        Proposal.objects.filter(call=call, state__in=REACHED_IR).select_related("unit", "partner", "coordinator")
    ).order_by("pk")
    for p in proposals.iterator(chunk_size=500):
        yield [
            p.pk,
            p.title,
            p.get_state_display(),
            str(p.unit or ""),
            p.partner.name if p.partner else "",
            p.partner.country.code if p.partner else "",
            p.partner.get_region_display() if p.partner else "",
            p.coordinator.get_full_name() or p.coordinator.username,
            p.submitted_at,  # Amsterdam time in the file (icm_portal.spreadsheets)
            p.participant_count,
            p.review_count,
            round(p.average_score, 2) if p.average_score is not None else None,
            p.requested_amount,
            p.awarded_amount,
            p.decision_note,
        ]


def flow_header():
    return [
        _("Proposal id"),
        _("Proposal"),
        _("State"),
        _("Partner university"),
        _("Country"),
        _("Direction"),
        _("Activity"),
        _("Participants"),
        _("Awarded participants"),
        _("Days per participant"),
        _("Distance (km)"),
        _("Distance band"),
        _("Green travel"),
        _("Travel per participant (EUR)"),
        _("Individual support per participant (EUR)"),
        _("Grant per participant (EUR)"),
        _("Organisational support (EUR)"),
        _("Grant (EUR)"),
    ]


def _flows(call, states):
    return (
        Flow.objects.filter(proposal__call=call, proposal__state__in=states)
        .select_related("proposal", "proposal__partner")
        .order_by("proposal_id", "position", "pk")
    )


def flow_rows(call):
    """One row per flow of the proposals that reached IR staff."""
    for f in _flows(call, REQUESTED).iterator(chunk_size=500):
        partner = f.proposal.partner
        yield [
            f.proposal_id,
            f.proposal.title,
            f.proposal.get_state_display(),
            partner.name if partner else "",
            partner.country.code if partner else "",
            f.get_direction_display(),
            f.get_activity_display(),
            f.participants,
            f.awarded_participants,
            f.days,
            f.distance_km,
            f.distance_band,
            _("yes") if f.green_travel else _("no"),
            f.travel_per_participant,
            f.individual_support_per_participant,
            f.grant_per_participant,
            f.organisational_support,
            f.grant_total,
        ]


def beneficiary_header():
    return [
        "Activity Type",
        "Participant First Name",
        "Participant Last Name",
        "Participant Email",
        "Gender",
        "Date of Birth",
        "Nationality",
        "Participant with Fewer Opportunities",
        "Sending Organisation",
        "Sending City",
        "Sending Country",
        "Receiving Organisation",
        "Receiving City",
        "Receiving Country",
        "Start Date",
        "End Date",
        "Distance Band",
        "Distance (km)",
        "Green Travel",
        "Funded Days",
        "Full Months",
        "Extra Days",
        "Individual Support (EUR)",
        "Travel Support (EUR)",
        "Total Grant (EUR)",
    ]


def _organisation(institution):
    """The Module identifies an organisation by its Erasmus code, else its OID."""
    if institution is None:
        return "", "", ""
    return institution.erasmus_code or institution.oid or institution.name, institution.city, institution.country.code


def beneficiary_rows(call):
    """One row per planned participant of each flow of the awarded proposals.

    Column names and order as the Beneficiary Module's mobility import; the participant
    columns and dates stay empty (nobody is selected yet), the grant columns hold the
    planned figures per participant. An award for fewer participants gives that many rows.
    The Module's column headings are English whatever the page language.

    Activity types: studies HE-SMS, traineeship HE-SMT, staff teaching HE-STA, staff
    training HE-STT. A short-term doctoral mobility is exported as HE-SMS: the Module
    records doctoral short-term stays as student mobility for studies (short-term, with
    the doctoral flag), and KA171 has no code of its own for them. Like other short-term
    mobility it counts days, so its full-months and extra-days columns stay empty.
    """
    home = home_institution()
    for f in _flows(call, FUNDED).iterator(chunk_size=500):
        partner = f.proposal.partner
        if f.direction == Direction.INCOMING:
            sending, receiving = _organisation(partner), _organisation(home)
        else:
            sending, receiving = _organisation(home), _organisation(partner)
        months, days = budget.months_and_days(f.funded_days) if f.activity in LONG_TERM else ("", "")
        row = [
            BENEFICIARY_ACTIVITY[f.activity],
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            *sending,
            *receiving,
            "",
            "",
            f.distance_band,
            f.distance_km,
            "Yes" if f.green_travel else "No",
            f.funded_days,
            months,
            days,
            f.individual_support_per_participant,
            f.travel_per_participant,
            f.grant_per_participant,
        ]
        count = f.participants if f.awarded_participants is None else f.awarded_participants
        for _participant in range(count):
            yield row


EXPORT_FORMATS = ("csv", "flows-csv", "xlsx", "beneficiary")


def export_call(*, call, export_format):
    """The response for one of ``EXPORT_FORMATS``: proposals CSV, proposals and flows XLSX,
    or the planned mobilities for the Beneficiary Module (CSV)."""
    stem = slugify(call.name) or f"call-{call.pk}"
    if export_format == "csv":
        return csv_response(filename=f"{stem}-proposals.csv", header=proposal_header(), rows=proposal_rows(call))
    if export_format == "flows-csv":
        return csv_response(filename=f"{stem}-flows.csv", header=flow_header(), rows=flow_rows(call))
    if export_format == "xlsx":
        return xlsx_response(
            filename=f"{stem}.xlsx",
            sheets=[
                (_("Proposals"), proposal_header(), proposal_rows(call)),
                (_("Flows"), flow_header(), flow_rows(call)),
            ],
        )
    if export_format == "beneficiary":
        return csv_response(
            filename=f"{stem}-beneficiary-module.csv", header=beneficiary_header(), rows=beneficiary_rows(call)
        )
    raise ValueError(export_format)

"""Exports of a call for IR staff: proposals and flows (CSV, XLSX) and the planned
mobilities in the columns of the EU Beneficiary Module.

CSV streams row by row from a server-side cursor (``iterator()``), so a large export
starts at once and holds little memory. XLSX is written by openpyxl's write-only
workbook from each sheet's values, read first to fit the column widths.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from icm_portal.spreadsheets import csv_response, xlsx_response
from mobilities.models import Flow

from .beneficiary import BENEFICIARY_ACTIVITY, beneficiary_header, beneficiary_rows
from .models import Proposal
from .proposals.lifecycle import REACHED_IR, REQUESTED
from .reports import with_review_figures


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


__all__ = ["BENEFICIARY_ACTIVITY", "EXPORT_FORMATS", "beneficiary_header", "beneficiary_rows", "export_call"]

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

"""The application's budget tables as an XLSX, in the structure of the KA171 form's Activities and
Budget summary: per region and partner country, per activity, per travel band, and per proposal.

Money stays a number (Decimal, to the cent); each sheet has its heading row frozen, a filter on
every column and columns fitted to their contents (``icm_portal.spreadsheets``).
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from icm_portal.spreadsheets import xlsx_response
from mobilities.models import Activity, Direction

from .selectors import country_label, region_label

ACTIVITIES = dict(Activity.choices)
DIRECTIONS = dict(Direction.choices)


def _money_header():
    return [
        _("Travel (EUR)"),
        _("Individual support (EUR)"),
        _("Organisational support (EUR)"),
        _("Total (EUR)"),
    ]


def _money(figures):
    return [figures.travel, figures.individual_support, figures.organisational_support, figures.total]


def _counts_header():
    return [
        _("Proposals"),
        _("Flows"),
        _("Participants"),
        _("Incoming participants"),
        _("Outgoing participants"),
        _("Student months"),
        _("Staff and doctoral days"),
    ]


def _counts(figures):
    return [
        figures.proposals,
        figures.flows,
        figures.participants,
        figures.incoming,
        figures.outgoing,
        figures.months,
        figures.days,
    ]


def budget_summary_sheet(summary):
    """One row per region and partner country."""
    header = [_("Region"), _("Partner country"), _("Country code"), *_counts_header(), *_money_header()]
    rows = [
        [
            region_label(region.region),
            country_label(country.code),
            country.code,
            *_counts(country.figures),
            *_money(country.figures),
        ]
        for region in summary.region_list()
        for country in region.country_list()
    ]
    return _("Budget summary"), header, rows


def regions_sheet(summary):
    """One row per region, and the application's total last."""
    header = [_("Region"), *_counts_header(), *_money_header()]
    rows = [[region_label(r.region), *_counts(r.figures), *_money(r.figures)] for r in summary.region_list()]
    rows.append([_("Total"), *_counts(summary.figures), *_money(summary.figures)])
    return _("Regions"), header, rows


def activities_sheet(summary):
    """One row per region, country, direction and activity: the form's planned mobilities."""
    header = [
        _("Region"),
        _("Partner country"),
        _("Direction"),
        _("Activity"),
        _("Participants"),
        _("Student months"),
        _("Staff and doctoral days"),
        *_money_header(),
    ]
    rows = [
        [
            region_label(region),
            country_label(country),
            str(DIRECTIONS.get(direction, direction)),
            str(ACTIVITIES.get(activity, activity)),
            figures.participants,
            figures.months,
            figures.days,
            *_money(figures),
        ]
        for (region, country, direction, activity), figures in summary.activity_rows()
    ]
    return _("Activities"), header, rows


def travel_bands_sheet(summary):
    """Participants per region, country and distance band."""
    header = [_("Region"), _("Partner country"), _("Distance band (km)"), _("Participants")]
    rows = [
        [region_label(region.region), country_label(country.code), band or str(_("not priced")), participants]
        for region in summary.region_list()
        for country in region.country_list()
        for band, participants in country.figures.band_rows()
    ]
    return _("Travel bands"), header, rows


def proposals_sheet(proposals, flows):
    """One row per held proposal, with its participants and grant summed from its flows."""
    participants, totals = {}, {}
    for flow in flows:
        participants[flow.proposal_id] = participants.get(flow.proposal_id, 0) + flow.participants
        totals[flow.proposal_id] = totals.get(flow.proposal_id, 0) + flow.grant_total
    header = [
        _("Proposal id"),
        _("Title"),
        _("State"),
        _("Unit"),
        _("Partner university"),
        _("Partner country"),
        _("Participants"),
        _("Total (EUR)"),
    ]
    rows = [
        [
            p.pk,
            p.title,
            p.get_state_display(),
            str(p.unit or ""),
            p.partner.name if p.partner else "",
            country_label(p.partner.country.code) if p.partner else "",
            participants.get(p.pk, 0),
            totals.get(p.pk, 0),
        ]
        for p in proposals
    ]
    return _("Proposals"), header, rows


def application_xlsx(*, call, summary, proposals, flows):
    sheets = [
        budget_summary_sheet(summary),
        regions_sheet(summary),
        activities_sheet(summary),
        travel_bands_sheet(summary),
        proposals_sheet(proposals, flows),
    ]
    filename = f"na-application-{slugify(call.name) or call.pk}.xlsx"
    return xlsx_response(filename=filename, sheets=sheets)

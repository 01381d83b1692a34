"""The rows of the portal's list pages, worked out once in Python: a filter, lookup or tag in every
cell of 20-25 rows costs more than the rest of such a page. Each row holds what its template prints."""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.timezone import template_localtime
from django.utils.translation import ngettext

from ..models import ProposalState, Region
from ..regions import country_name

REGION_LABELS = dict(Region.choices)


def my_proposal_rows(proposals):
    """What each row of "My proposals" shows, worked out once in Python rather than by tags in every cell."""
    states = dict(ProposalState.choices)
    rows = []
    for proposal in proposals:
        url = reverse("projects:proposal_detail", args=[proposal.pk])
        rows.append(
            {
                "url": url,
                "title": proposal.title,
                "call": proposal.call.name,
                "partner": proposal.partner.name if proposal.partner else None,
                "state": states.get(proposal.state, proposal.state),
                "slots_url": None if proposal.awarded_amount is None else url + "#slots",
                "participants": proposal.participant_count or 0,
                "requested": floatformat(proposal.requested_amount, "2g"),
            }
        )
    return rows


def queue_rows(proposals):
    """What each row of the queue shows, worked out once in Python: filters and lookups in every cell
    of 25 rows cost more than the rest of the page."""
    states = dict(ProposalState.choices)
    rows = []
    for proposal in proposals:
        score, reviews = proposal.average_score, proposal.review_count
        rows.append(
            {
                "url": reverse("projects:review_proposal", args=[proposal.pk]),
                "title": proposal.title,
                "unit": proposal.unit and str(proposal.unit),
                "partner": proposal.partner and proposal.partner.name,
                "country": country_name(proposal.partner_country),
                "state": states.get(proposal.state, proposal.state),
                "participants": proposal.participant_count,
                "requested": floatformat(proposal.requested_amount, "2g"),
                "score": None if score is None else floatformat(score, 2),
                "reviews": ngettext("%(counter)s review", "%(counter)s reviews", reviews) % {"counter": reviews},
                "submitted": date_filter(template_localtime(proposal.submitted_at)),
            }
        )
    return rows


def partner_row(partner, km, band):
    """What the directory's row of a partner shows, worked out once in Python rather than by a filter
    or lookup in every cell."""
    return {
        "partner": partner,
        "url": reverse("projects:partner_update", args=[partner.pk]),
        "country": country_name(partner.country_code),
        "region": REGION_LABELS.get(partner.region, partner.region),
        "km": None if km is None else floatformat(km, "1g"),
        "band": band,
    }

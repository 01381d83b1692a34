"""Reads of the application: the proposals to choose from, the flows' stored figures of those it
holds, their narratives per partner country, and how the call's awards fit the NA's budget.

Each is one query (or a fixed few), whatever the number of proposals and flows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django_countries import countries

from mobilities.models import Flow
from projects.models import Proposal, ProposalState, Region
from projects.proposals.lifecycle import FUNDED
from projects.regions import region_for_country
from projects.services import NARRATIVE_FIELDS

from .lifecycle import SENT
from .limits import limit_problems
from .models import AgencyApplication, BudgetShare, Dossier, HeldProposal
from .summary import ZERO, FlowFigures, summarise

S = ProposalState
# What the IR office may put in the application: anything its coordinators still stand behind.
SELECTABLE = (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.AWARDED)
REGION_LABELS = dict(Region.choices)


def region_label(region):
    """The region's name in the active language."""
    return str(REGION_LABELS.get(region, region))


def country_label(code):
    """The country's name in the active language; empty without a country."""
    return str(countries.name(code)) if code else ""


def application_of(call):
    """The call's application, or None while IR staff have not started one."""
    return AgencyApplication.objects.filter(call=call).first()


def proposals_to_choose(call, application):
    """The call's proposals IR staff may hold in the application (all those it holds once it went
    in), with their planned participants and whether the application holds them."""
    held = HeldProposal.objects.filter(application=application, proposal=OuterRef("pk")) if application else None
    flows = Flow.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
    proposals = Proposal.objects.filter(call=call).select_related("partner", "unit")
    proposals = proposals.annotate(
        held=Exists(held) if held is not None else Value(False),
        participant_count=Coalesce(
            Subquery(flows.annotate(n=Sum("participants")).values("n"), output_field=IntegerField()), Value(0)
        ),
    )
    if application is not None and application.state in SENT:
        proposals = proposals.filter(held=True)
    elif application is not None:  # a held proposal withdrawn since stays in view, for the checks to name it
        proposals = proposals.filter(Q(state__in=SELECTABLE) | Q(held=True))
    else:
        proposals = proposals.filter(state__in=SELECTABLE)
    return proposals.order_by("partner__country", "title", "pk")


def held_flow_figures(application):
    """The stored figures of every flow of the proposals the application holds (one query)."""
    if application is None:
        return []
    rows = (
        Flow.objects.filter(proposal__in=HeldProposal.objects.filter(application=application).values("proposal"))
        .order_by("proposal__partner__country", "proposal_id", "position", "pk")
        .values(
            "proposal_id",
            "proposal__partner__country",
            "direction",
            "activity",
            "participants",
            "days",
            "funded_days",
            "distance_band",
            "travel_per_participant",
            "individual_support_per_participant",
            "organisational_support",
            "grant_total",
        )
    )
    figures = []
    for row in rows:
        country = row.pop("proposal__partner__country") or ""
        figures.append(
            FlowFigures(region=region_for_country(country) if country else Region.OTHER, country=country, **row)
        )
    return figures


def held_proposals(application):
    """The proposals the application holds, with partner and unit, by country and title (one query)."""
    if application is None:
        return []
    return list(
        Proposal.objects.filter(pk__in=HeldProposal.objects.filter(application=application).values("proposal"))
        .select_related("partner", "unit", "coordinator")
        .order_by("partner__country", "title", "pk")
    )


@dataclass
class CountryNarratives:
    region: str
    country: str
    proposals: list = field(default_factory=list)

    @property
    def region_label(self):
        return region_label(self.region)

    @property
    def country_label(self):
        return country_label(self.country) or "—"


def narratives_by_country(proposals):
    """The proposals grouped per partner country, by region then country name."""
    grouped = {}
    for proposal in proposals:
        country = proposal.partner.country.code if proposal.partner else ""
        region = region_for_country(country) if country else Region.OTHER
        grouped.setdefault((region, country), CountryNarratives(region, country)).proposals.append(proposal)
    return [grouped[key] for key in sorted(grouped, key=lambda key: (region_label(key[0]), country_label(key[1])))]


def narrative_fields():
    """(field name, label) of each narrative of a proposal, in the form's order."""
    return [(name, Proposal._meta.get_field(name).verbose_name) for name in NARRATIVE_FIELDS]


def shares_of(call):
    """{country: BudgetShare} the National Agency awarded for the call's application (one query)."""
    return {share.country.code: share for share in BudgetShare.objects.filter(application__call=call)}


def awards_by_country(call):
    """{country: the sum of the call's awards to proposals with partners there} (one query)."""
    rows = (
        Proposal.objects.filter(call=call, state__in=FUNDED, awarded_amount__isnull=False)
        .order_by()
        .values("partner__country")
        .annotate(awarded=Coalesce(Sum("awarded_amount"), ZERO))
    )
    return {row["partner__country"] or "": row["awarded"] for row in rows}


@dataclass
class ShareFit:
    """A region's or a country's share of the NA's budget beside what the call awarded there."""

    key: str
    label: str
    share: Decimal
    awarded: Decimal
    countries: list = field(default_factory=list)

    @property
    def over(self):
        return self.awarded > self.share

    @property
    def left(self):
        return self.share - self.awarded


def share_fit(call):
    """Per region (with its countries): the NA's share and the call's awards there; empty (after one
    query) before the NA's budget is entered."""
    shares = shares_of(call)
    if not shares:
        return []
    awarded = awards_by_country(call)
    regions = defaultdict(list)
    for code in set(shares) | set(awarded):
        share = shares[code].amount if code in shares else ZERO
        region = shares[code].region if code in shares else (region_for_country(code) if code else Region.OTHER)
        regions[region].append(ShareFit(code, country_label(code) or "—", share, awarded.get(code, ZERO)))
    fits = []
    for region, rows in regions.items():
        rows.sort(key=lambda row: str(row.label))
        total_share = sum((row.share for row in rows), ZERO)
        total_awarded = sum((row.awarded for row in rows), ZERO)
        fits.append(ShareFit(region, region_label(region), total_share, total_awarded, rows))
    return sorted(fits, key=lambda fit: str(fit.label))


def latest_dossier(application):
    if application is None:
        return None
    return Dossier.objects.filter(application=application).order_by("-requested_at", "-pk").first()


def application_page(call):
    """What the application's page shows: the proposals to choose from, the summary of those it
    holds checked against the call's limits, their narratives, the dossier and the NA's budget."""
    application = application_of(call)
    proposals = list(proposals_to_choose(call, application))
    held = [proposal for proposal in proposals if proposal.held]
    flows = held_flow_figures(application)
    summary = summarise(flows)
    return {
        "application": application,
        "proposals": proposals,
        "summary": summary,
        "problems": limit_problems(call=call, summary=summary, flows=flows, proposals=held),
        "narratives": narratives_by_country(held),
        "narrative_fields": narrative_fields(),
        "dossier": latest_dossier(application),
        "fits": share_fit(call),
    }

"""The application's figures, summed from its proposals' flows as they were priced: per region and
partner country, per activity, per travel band. Pure: plain values in, plain values out (no ORM), so
the totals are the flows' stored figures added up, to the cent, and nothing is priced again here.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from mobilities import budget

ZERO = Decimal("0.00")
DAYS_PER_MONTH = Decimal(budget.DAYS_PER_MONTH)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class FlowFigures:
    """One flow of a held proposal, with the figures its pricing stored."""

    proposal_id: int
    region: str
    country: str
    direction: str
    activity: str
    participants: int
    days: int
    funded_days: int
    distance_band: str
    travel_per_participant: Decimal
    individual_support_per_participant: Decimal
    organisational_support: Decimal
    grant_total: Decimal

    @property
    def travel(self):
        return self.travel_per_participant * self.participants

    @property
    def individual_support(self):
        return self.individual_support_per_participant * self.participants

    @property
    def is_long_term(self):
        """Counted in months (students' study and traineeship), not in days."""
        return self.activity in budget.STUDENT_ACTIVITIES


@dataclass
class Figures:
    """What a group of flows plans and costs."""

    proposal_ids: set = field(default_factory=set)
    flows: int = 0
    participants: int = 0
    incoming: int = 0
    outgoing: int = 0
    participant_days_long_term: int = 0  # students' days, shown as months of 30 days
    participant_days_short_term: int = 0  # staff and doctoral candidates' funded days
    travel: Decimal = ZERO
    individual_support: Decimal = ZERO
    organisational_support: Decimal = ZERO
    total: Decimal = ZERO
    bands: Counter = field(default_factory=Counter)  # distance band: participants

    def add(self, flow):
        self.proposal_ids.add(flow.proposal_id)
        self.flows += 1
        self.participants += flow.participants
        if flow.direction == budget.INCOMING:
            self.incoming += flow.participants
        else:
            self.outgoing += flow.participants
        if flow.is_long_term:
            self.participant_days_long_term += flow.participants * flow.days
        else:
            self.participant_days_short_term += flow.participants * flow.funded_days
        self.travel += flow.travel
        self.individual_support += flow.individual_support
        self.organisational_support += flow.organisational_support
        self.total += flow.grant_total
        self.bands[flow.distance_band or ""] += flow.participants

    @property
    def proposals(self):
        return len(self.proposal_ids)

    @property
    def months(self):
        """Students' months (30 days each), to a tenth."""
        return (Decimal(self.participant_days_long_term) / DAYS_PER_MONTH).quantize(TENTH)

    @property
    def days(self):
        return self.participant_days_short_term

    @property
    def parts_add_up(self):
        """Travel, individual and organisational support make the total (they do, as the flows were priced)."""
        return self.travel + self.individual_support + self.organisational_support == self.total

    def band_rows(self):
        """(band, participants), the nearest band first; flows not priced yet last."""
        return sorted(self.bands.items(), key=lambda item: (item[0] == "", _band_start(item[0])))


def _band_start(label):
    digits = label.split("-")[0].rstrip("+")
    return int(digits) if digits.isdigit() else 0


@dataclass
class CountrySummary:
    code: str
    figures: Figures = field(default_factory=Figures)


@dataclass
class RegionSummary:
    region: str
    figures: Figures = field(default_factory=Figures)
    countries: dict = field(default_factory=dict)  # code: CountrySummary

    def country_list(self):
        return [self.countries[code] for code in sorted(self.countries)]


@dataclass
class Summary:
    figures: Figures = field(default_factory=Figures)
    regions: dict = field(default_factory=dict)  # region: RegionSummary
    activities: dict = field(default_factory=dict)  # (region, country, direction, activity): Figures

    def region_list(self):
        return [self.regions[name] for name in sorted(self.regions)]

    def activity_rows(self):
        return sorted(self.activities.items())


def summarise(flows):
    """The summary of ``flows`` (``FlowFigures``), per region, country and activity, and in all."""
    summary = Summary()
    for flow in flows:
        summary.figures.add(flow)
        region = summary.regions.setdefault(flow.region, RegionSummary(flow.region))
        region.figures.add(flow)
        region.countries.setdefault(flow.country, CountrySummary(flow.country)).figures.add(flow)
        key = (flow.region, flow.country, flow.direction, flow.activity)
        summary.activities.setdefault(key, Figures()).add(flow)
    return summary

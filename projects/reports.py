"""Reads for IR staff: the review queue, a call's overview (the comparison of calls builds on it).

Every figure is computed in SQL (aggregates and subqueries), so a page runs the same
number of queries whatever the number of proposals, reviews and flows.
"""

from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from icm_portal.charts import AWARDED_COLOUR, REQUESTED_COLOUR, bar_chart
from mobilities.models import Activity, Direction, Flow

from .models import Attachment, Call, Proposal, ProposalState, Region, Review, StateChange
from .proposals.lifecycle import FUNDED, REACHED_IR, REQUESTED

S = ProposalState
ZERO = Decimal("0")
MONEY = DecimalField(max_digits=14, decimal_places=2)

QUEUE_SORTS = {
    "score": ("-average_score", "-submitted_at", "-pk"),
    "-score": ("average_score", "-submitted_at", "-pk"),
    "amount": ("-requested_amount", "-pk"),
    "-amount": ("requested_amount", "-pk"),
    "date": ("submitted_at", "pk"),
    "-date": ("-submitted_at", "-pk"),
}
# The order the queue opens in, and the one its "Sort by" shows first.
QUEUE_DEFAULT_SORT = "score"
QUEUE_SORT_LABELS = {
    "score": _("Score, highest first"),
    "-score": _("Score, lowest first"),
    "amount": _("Requested amount, highest first"),
    "-amount": _("Requested amount, lowest first"),
    "date": _("Submitted, oldest first"),
    "-date": _("Submitted, newest first"),
}


def _review_average():
    total = F("relevance") + F("quality") + F("impact") + F("budget")
    return Cast(total, FloatField()) / Value(4.0)


def with_review_figures(proposals):
    """Annotate average score, number of reviews and planned participants (subqueries: no row doubling)."""
    reviews = Review.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
    flows = Flow.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
    return proposals.annotate(
        average_score=Subquery(reviews.annotate(a=Avg(_review_average())).values("a"), output_field=FloatField()),
        review_count=Coalesce(
            Subquery(reviews.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
        ),
        participant_count=Coalesce(
            Subquery(flows.annotate(n=Sum("participants")).values("n"), output_field=IntegerField()), Value(0)
        ),
    )


def review_queue(call):
    """The proposals of a call that reached IR staff with their review figures, in the default order
    (``filters.QueueFilter`` narrows and sorts them in SQL)."""
    proposals = (
        Proposal.objects.filter(call=call, state__in=REACHED_IR)
        .select_related("partner", "unit", "coordinator")
        .annotate(partner_country=F("partner__country"))  # the code, without a Country object per row
    )
    return sorted_queue(with_review_figures(proposals), QUEUE_DEFAULT_SORT)


def sorted_queue(proposals, sort):
    """The queue in one of ``QUEUE_SORTS``' orders; unscored proposals last, whichever way scores go."""
    order = QUEUE_SORTS.get(sort, QUEUE_SORTS[QUEUE_DEFAULT_SORT])
    if order[0].lstrip("-") == "average_score":
        field = F("average_score")
        first = field.desc(nulls_last=True) if order[0].startswith("-") else field.asc(nulls_last=True)
        return proposals.order_by(first, *order[1:])
    return proposals.order_by(*order)


def call_totals(call):
    """Envelope, requested, awarded and remaining of one call (one query)."""
    figures = Proposal.objects.filter(call=call).aggregate(
        requested=Coalesce(Sum("requested_amount", filter=Q(state__in=REQUESTED)), ZERO, output_field=MONEY),
        awarded=Coalesce(Sum("awarded_amount", filter=Q(state__in=FUNDED)), ZERO, output_field=MONEY),
        proposals=Count("pk", filter=Q(state__in=REQUESTED)),
    )
    figures["envelope"] = call.envelope
    figures["remaining"] = call.envelope - figures["awarded"]
    return figures


def flow_breakdown(call_ids, key):
    """Participants and euros (requested and awarded) per call and per value of ``key``, one query.

    Grouped by call too, so the overview (one call) and the comparison (several) share it.
    The awarded euros are the sum of what each award stored for its flows (``budget.py`` computed
    them), never recomputed here. The counts are named ``people`` and ``awarded_people``, apart
    from the ``participants`` column.
    """
    rows = (
        Flow.objects.filter(proposal__call_id__in=call_ids, proposal__state__in=REQUESTED)
        .order_by()
        .values("proposal__call_id", key)
        .annotate(
            people=Coalesce(Sum("participants"), 0),
            requested=Coalesce(Sum("grant_total"), ZERO, output_field=MONEY),
            awarded_people=Coalesce(Sum("awarded_participants", filter=Q(proposal__state__in=FUNDED)), 0),
            awarded=Coalesce(Sum("awarded_amount", filter=Q(proposal__state__in=FUNDED)), ZERO, output_field=MONEY),
        )
        .order_by("proposal__call_id", key)
    )
    return [
        {
            "call_id": row["proposal__call_id"],
            "key": row[key],
            "people": row["people"],
            "requested": row["requested"],
            "awarded_people": row["awarded_people"],
            "awarded": row["awarded"].quantize(Decimal("0.01")),
        }
        for row in rows
    ]


def value_label(key, labels):
    return labels.get(key, key or _("not given"))


def _labelled(rows, labels):
    for row in rows:
        row["label"] = value_label(row["key"], labels)
    return sorted(rows, key=lambda row: (-row["requested"], str(row["label"])))


def dimensions():
    """(slug, title, column heading, flow lookup, labels) of each way the overview splits people and money.

    Built per call so country names come in the language of the request.
    """
    return [
        ("country", _("By partner country"), _("Country"), "proposal__partner__country", dict(countries)),
        ("region", _("By region"), _("Region"), "proposal__partner__region", dict(Region.choices)),
        ("direction", _("By direction"), _("Direction"), "direction", dict(Direction.choices)),
        ("activity", _("By activity"), _("Activity"), "activity", dict(Activity.choices)),
    ]


def _euro_series():
    return [("requested", _("Requested (EUR)"), REQUESTED_COLOUR), ("awarded", _("Awarded (EUR)"), AWARDED_COLOUR)]


def call_overview(call):
    """Everything the overview page shows: totals, proposals by state, and where people and money go."""
    counted = dict(
        Proposal.objects.filter(call=call, state__in=REACHED_IR).order_by().values_list("state").annotate(n=Count("pk"))
    )
    by_state = [
        {"key": state.value, "label": state.label, "count": counted.get(state.value, 0)} for state in map(S, REACHED_IR)
    ]
    breakdowns = []
    for slug, title, column, key, labels in dimensions():
        rows = _labelled(flow_breakdown([call.pk], key), labels)
        chart = bar_chart(rows, series=_euro_series())
        breakdowns.append({"slug": slug, "title": title, "column": column, "rows": rows, "chart": chart})
    return {
        "totals": call_totals(call),
        "by_state": by_state,
        "state_chart": bar_chart(by_state, series=[("count", _("Proposals"), AWARDED_COLOUR)]),
        "breakdowns": breakdowns,
    }


def proposal_for_review(pk):
    """One proposal with everything the review page shows, in a fixed number of queries."""
    proposals = Proposal.objects.select_related("call", "unit", "partner", "coordinator").prefetch_related(
        "co_coordinators",
        Prefetch("flows", queryset=Flow.objects.order_by("position", "pk")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk")),
        Prefetch("state_changes", queryset=StateChange.objects.select_related("by").order_by("at", "pk")),
        Prefetch("reviews", queryset=Review.objects.select_related("reviewer").order_by("created_at", "pk")),
    )
    return get_object_or_404(proposals, pk=pk)


def calls_for_review():
    """All calls with the number of proposals that reached IR staff and the sum of awards."""
    return Call.objects.annotate(
        proposal_count=Count("proposals", filter=Q(proposals__state__in=REQUESTED)),
        awarded=Coalesce(
            Sum("proposals__awarded_amount", filter=Q(proposals__state__in=FUNDED)), ZERO, output_field=MONEY
        ),
    ).order_by("-year", "-proposals_close")


def calls_awaiting_decisions(at):
    """What IR staff must act on: each call open now or with proposals still undecided, with its
    submitted and under-review counts, its deadlines and the envelope its awards leave."""
    undecided = Q(proposals__state__in=(S.SUBMITTED, S.UNDER_REVIEW))
    open_now = Q(proposals_open__lte=at, proposals_close__gt=at)
    open_now |= Q(registration_open__lte=at, registration_close__gt=at)
    calls = Call.objects.annotate(
        submitted=Count("proposals", filter=Q(proposals__state=S.SUBMITTED)),
        under_review=Count("proposals", filter=Q(proposals__state=S.UNDER_REVIEW)),
        awarded=Coalesce(
            Sum("proposals__awarded_amount", filter=Q(proposals__state__in=FUNDED)), ZERO, output_field=MONEY
        ),
    )
    calls = calls.filter(open_now | Q(pk__in=Call.objects.filter(undecided).values("pk"))).order_by("proposals_close")
    return [{"call": call, "envelope_left": call.envelope - call.awarded} for call in calls]

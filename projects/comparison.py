"""Several calls side by side, for IR staff: totals and where people and money go, per call."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from icm_portal.charts import AWARDED_COLOUR, CALL_COLOURS, REQUESTED_COLOUR, bar_chart
from mobilities.models import Flow

from .models import Call, Proposal
from .proposals.lifecycle import FUNDED, REQUESTED
from .reports import MONEY, ZERO, dimensions, flow_breakdown, value_label

# The public_cache namespace of the comparison's figures; projects.apps drops them when what they read changes.
CACHE_NAMESPACE = "calls-comparison"
NOTHING = {"people": 0, "requested": ZERO, "awarded_people": 0, "awarded": ZERO}


def _side_by_side(rows, *, calls, labels):
    """One row per value with the figures of each call in ``calls``' order (zeros where a call has none).

    Sorted like the overview: most requested over all calls first, then by label.
    """
    per_value = {}
    for row in rows:
        per_value.setdefault(row["key"], {})[row["call_id"]] = {name: row[name] for name in NOTHING}
    values = []
    for key, per_call in per_value.items():
        figures = [per_call.get(call.pk, NOTHING) for call in calls]
        chart_bars = {}
        for index, each in enumerate(figures):
            chart_bars[f"requested_{index}"] = each["requested"]
            chart_bars[f"awarded_{index}"] = each["awarded"]
        values.append(
            {
                "key": key,
                "label": value_label(key, labels),
                "calls": figures,
                "requested": sum((each["requested"] for each in figures), ZERO),
                **chart_bars,
            }
        )
    return sorted(values, key=lambda row: (-row["requested"], str(row["label"])))


def _calls_series(calls):
    """A light (requested) and a dark (awarded) bar for each call, named after it."""
    series = []
    for index, call in enumerate(calls):
        requested_colour, awarded_colour = CALL_COLOURS[index % len(CALL_COLOURS)]
        series.append((f"requested_{index}", _("%(call)s: requested (EUR)") % {"call": call.name}, requested_colour))
        series.append((f"awarded_{index}", _("%(call)s: awarded (EUR)") % {"call": call.name}, awarded_colour))
    return series


def calls_comparison(calls):
    """Several calls side by side: their totals (one query) and, as on the overview, participants and
    euros by partner country, region, direction and activity (one query each, whatever the number of calls).
    """
    calls = list(calls)
    ids = [call.pk for call in calls]
    awarded = Proposal.objects.filter(call=OuterRef("pk"), state__in=FUNDED).order_by().values("call")
    requested = Proposal.objects.filter(call=OuterRef("pk"), state__in=REQUESTED).order_by().values("call")
    participants = Flow.objects.filter(proposal__call=OuterRef("pk"), proposal__state__in=FUNDED).order_by()
    rows = (
        Call.objects.filter(pk__in=ids)
        .annotate(
            requested=Coalesce(
                Subquery(requested.annotate(t=Sum("requested_amount")).values("t"), output_field=MONEY), ZERO
            ),
            awarded=Coalesce(Subquery(awarded.annotate(t=Sum("awarded_amount")).values("t"), output_field=MONEY), ZERO),
            proposal_count=Coalesce(
                Subquery(requested.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
            ),
            awarded_participants=Coalesce(
                Subquery(
                    participants.values("proposal__call")
                    .annotate(n=Sum(Coalesce("awarded_participants", "participants")))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
        .order_by("-year", "-proposals_close")
    )
    totals = [
        {
            "call": call,
            "envelope": call.envelope,
            "requested": call.requested,
            "awarded": call.awarded,
            "remaining": call.envelope - call.awarded,
            "proposals": call.proposal_count,
            "participants": call.awarded_participants,
        }
        for call in rows
    ]
    ordered = [total["call"] for total in totals]
    series = _calls_series(ordered)
    breakdowns = []
    for slug, title, column, key, labels in dimensions():
        values = _side_by_side(flow_breakdown(ids, key), calls=ordered, labels=labels)
        breakdowns.append(
            {
                "slug": slug,
                "title": title,
                "column": column,
                "rows": values,
                "columns": 1 + 4 * len(ordered),
                "chart": bar_chart(values, series=series),
            }
        )
    chart_rows = [{**total, "label": total["call"].name} for total in totals]
    totals_series = [
        ("envelope", _("Envelope (EUR)"), "#adb5bd"),
        ("requested", _("Requested (EUR)"), REQUESTED_COLOUR),
        ("awarded", _("Awarded (EUR)"), AWARDED_COLOUR),
    ]
    return {"totals": totals, "breakdowns": breakdowns, "chart": bar_chart(chart_rows, series=totals_series)}

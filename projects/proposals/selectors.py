"""Reads of proposals that are more than a filter: a coordinator's own, one proposal's page, a call's awards."""

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from icm_portal.roles import COORDINATORS, coordinated_by, visible_proposals
from mobilities.models import Flow

from ..models import Proposal, StateChange
from .lifecycle import FUNDED, ProposalState


def awarded_proposals(call):
    """The call's awarded projects with partner, unit and flows, for the public call page."""
    return (
        Proposal.objects.filter(call=call, state__in=FUNDED)
        .select_related("partner", "unit")
        .prefetch_related("flows")
        .order_by("partner__country", "title", "id")
    )


def _coordinated_by(user):
    """The proposals a person coordinates or co-coordinates, with their call, partner and unit."""
    return Proposal.objects.filter(coordinated_by(user)).select_related("call", "partner", "unit")


def proposals_of_coordinator(user, *, state=None):
    """The proposals a person coordinates or co-coordinates, with their call, partner and flow totals.

    The totals are correlated subqueries, which PostgreSQL evaluates only for the rows a page keeps
    (a join and GROUP BY would aggregate every one of a coordinator's proposals first).
    """
    flows = Flow.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
    proposals = _coordinated_by(user).annotate(
        flow_count=Coalesce(Subquery(flows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)),
        participant_count=Subquery(flows.annotate(n=Sum("participants")).values("n"), output_field=IntegerField()),
    )
    proposals = proposals.order_by("-updated_at", "-id")
    if state:
        proposals = proposals.filter(state=state)
    return proposals


def visible_proposal(user, pk):
    """One proposal with everything its page shows, if ``user`` may see it; else Proposal.DoesNotExist.

    IR staff see every proposal; a coordinator only those they (co-)coordinate.
    """
    proposals = Proposal.objects.select_related("call", "partner", "unit", "coordinator").prefetch_related(
        "co_coordinators",
        Prefetch("flows", queryset=Flow.objects.order_by("position", "id")),
        "attachments",
        Prefetch("state_changes", queryset=StateChange.objects.select_related("by")),
    )
    return visible_proposals(user, proposals).get(pk=pk)


AGENDA_LENGTH = 10


def coordinator_agenda(user, *, at):
    """What awaits a coordinator: drafts to submit while their call is open, proposals with IR staff;
    the first ``AGENDA_LENGTH`` of each with how many there are (a coordinator of ten calls' worth of
    projects has hundreds: "My proposals" lists them all, a page at a time)."""
    proposals = _coordinated_by(user).order_by("-updated_at", "-id")  # the agenda shows no flow totals
    to_submit = proposals.filter(
        state=ProposalState.DRAFT, call__proposals_open__lte=at, call__proposals_close__gt=at
    ).order_by("call__proposals_close", "id")
    with_ir = proposals.filter(state__in=(ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW))
    return {
        "to_submit": list(to_submit[:AGENDA_LENGTH]),
        "to_submit_count": to_submit.count(),
        "with_ir": list(with_ir[:AGENDA_LENGTH]),
        "with_ir_count": with_ir.count(),
    }


def co_coordinator_candidates(*, excluding):
    """The coordinators who may be added as co-coordinators of ``excluding``'s proposal."""
    return (
        get_user_model()
        .objects.filter(groups__name=COORDINATORS, is_active=True)
        .exclude(pk=excluding.pk)
        .order_by("last_name", "first_name", "username")
    )


def co_coordinators_matching(query, *, excluding, limit=20):
    """At most ``limit`` candidates whose name, username or e-mail holds every word of ``query``."""
    candidates = co_coordinator_candidates(excluding=excluding)
    for word in query.split():
        candidates = candidates.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    return list(candidates[:limit])

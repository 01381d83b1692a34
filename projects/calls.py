"""Calls: which are open, what a call has awarded, and what its awards fix (its rate table, the floor
of its envelope), held by the one service that saves a call."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from icm_portal.formatting import euros
from icm_portal.roles import is_ir_staff

from .models import Call, Proposal
from .proposals.lifecycle import FUNDED


def open_calls(at=None):
    """Calls that accept proposals or interest registrations now."""
    at = at or timezone.now()
    return Call.objects.filter(
        Q(proposals_open__lte=at, proposals_close__gt=at) | Q(registration_open__lte=at, registration_close__gt=at)
    ).order_by("proposals_close")


def calls_open_for_proposals(at=None):
    at = at or timezone.now()
    return Call.objects.filter(proposals_open__lte=at, proposals_close__gt=at).order_by("proposals_close")


def call_freezing_rate_table(rate_table):
    """The first call using this rate table that has an awarded proposal (its rates are then frozen), or None."""
    return (
        Call.objects.filter(rate_table_id=rate_table.pk, proposals__state__in=FUNDED).order_by("-year", "name").first()
    )


def awarded_in_call(call_id, *, excluding_proposal_id=None):
    """Sum of the awards of a call, computed in SQL (call it under the call's lock to rely on it)."""
    awarded = Proposal.objects.filter(call_id=call_id, state__in=FUNDED)
    if excluding_proposal_id is not None:
        awarded = awarded.exclude(pk=excluding_proposal_id)
    return awarded.aggregate(total=Coalesce(Sum("awarded_amount"), Decimal("0")))["total"]


def call_change_problems(call):
    """What keeps the call's envelope or rate table, as typed, from being saved: {field: message}.

    An envelope never drops below what the call has awarded; the rate table is fixed once an
    award was computed with it. A question only; ``save_call`` asks it again under the lock.
    """
    if call.pk is None:
        return {}
    problems = {}
    awarded = awarded_in_call(call.pk)
    if call.envelope is not None and call.envelope < awarded:
        problems["envelope"] = _("The call has awarded %(awarded)s: its envelope cannot be lower.") % {
            "awarded": euros(awarded)
        }
    stored_table = Call.objects.values_list("rate_table_id", flat=True).get(pk=call.pk)
    if call.rate_table_id != stored_table and Proposal.objects.filter(call_id=call.pk, state__in=FUNDED).exists():
        problems["rate_table"] = RATE_TABLE_FIXED
    return problems


RATE_TABLE_FIXED = gettext_lazy(
    "The call has awarded proposals whose grants its rate table fixed: it can no longer change."
)


def save_call(*, call, by):
    """Save a call as IR staff keep it in the admin, under the call's row lock (the lock every award
    takes first), refusing an envelope below the awards or a new rate table after an award."""
    if not is_ir_staff(by):
        raise PermissionDenied
    with transaction.atomic():
        if call.pk is not None:
            Call.objects.select_for_update().filter(pk=call.pk).first()
        problems = call_change_problems(call)
        if problems:
            raise ValidationError(problems)
        call.save()
    return call


def publish_decisions(*, call_id, by, at=None):
    """Show the call's awarded projects on its public page from now on; returns the call.

    Done once, when the decisions are final: until then the page shows no project, so that an
    award revised during the review never appears and disappears again in public.
    """
    if not is_ir_staff(by):
        raise PermissionDenied
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call_id)
        if call.decisions_published_at is not None:
            raise ValidationError(_("The decisions of this call are already published."), code="published")
        if not call.proposals.filter(state__in=FUNDED).exists():
            raise ValidationError(_("This call has awarded no proposal yet: there is nothing to publish."))
        call.decisions_published_at = at or timezone.now()
        call.save(update_fields=["decisions_published_at"])
    return call

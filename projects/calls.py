"""Calls: which are open, and what a call's awards fix (its rate table, the floor of its envelope)."""

from django.db.models import Q
from django.utils import timezone

from .models import Call
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

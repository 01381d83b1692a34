"""Reads of calls and proposals that are more than a filter."""

from django.db.models import Q
from django.utils import timezone

from .models import Call


def open_calls(at=None):
    """Calls that accept proposals or interest registrations now."""
    at = at or timezone.now()
    return Call.objects.filter(
        Q(proposals_open__lte=at, proposals_close__gt=at) | Q(registration_open__lte=at, registration_close__gt=at)
    ).order_by("proposals_close")

"""Log-in throttling (django-axes) for the portal's log-in and the admin's: who is counted, and the page past the limit.

Failures count per account *and* address together: a wrong password typed from one place locks
that account from that place for the cool-off, and a right one resets the count. Not per account
alone (anyone could lock a colleague out) nor per address alone (a campus network is one address).
"""

from axes.helpers import get_cool_off, get_failure_limit
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers


def client_address(request):
    """The address counted; behind a proxy, the proxy must pass the client's address on as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR") or None


def locked_out(request, original_response=None, credentials=None):
    """The page past the limit (status 429): when to try again, in the portal's layout."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime(timezone.now() + cool_off)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": max(1, round(cool_off.total_seconds() / 60)),
        "retry_at": retry_at,
    }
    response = render(request, "locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    patch_vary_headers(response, ["Cookie"])
    return response

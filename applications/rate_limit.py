"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

import time

from django.conf import settings
from django.core.cache import cache

# (posts, seconds): generous, since a campus network may put many people behind one address.
DEFAULT_REGISTRATION_RATE = (30, 600)


def client_address(request):
    """The address the limit counts; behind a proxy, the proxy must pass the client's address on as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, *, scope, rate=None):
    """Count this request for its address and say whether it is still within the limit."""
    limit, window = rate or getattr(settings, "REGISTRATION_RATE_LIMIT", DEFAULT_REGISTRATION_RATE)
    bucket = int(time.time() // window)
    key = f"rate:{scope}:{client_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        count = 1
    return count <= limit

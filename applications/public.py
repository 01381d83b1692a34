"""What the public pages (a call's page, the open places, a slot's page) show every visitor, cached.

A call's page is mailed to every student when it opens: thousands of visitors see the same projects
and the same empty form. Their HTML is kept in the cache and dropped when a call, a project, a flow,
a slot, a partner or a unit changes (``icm_portal.public_cache``); only what differs per request
(the registration window now, the form's CSRF token, a bound form's errors) is rendered each time.
"""

from icm_portal import public_cache
from mobilities.models import Flow, Slot
from projects.models import Call, CallContact, Institution, Proposal, Unit

NAMESPACE = "public-pages"
# Pages of a list kept in the cache; later pages (rarely read) are rendered on each request.
CACHED_PAGES = 10


def watch():
    """Connect the invalidation to the models the public pages read (from the app's ``ready()``)."""
    public_cache.invalidate_on_change(NAMESPACE, Call, CallContact, Proposal, Flow, Slot, Institution, Unit)


def cached(parts, compute, **options):
    return public_cache.cached(NAMESPACE, parts, compute, **options)


def page_number(value):
    """The page a query string asks for, if it is one the cache keeps; else None."""
    value = str(value or "1")
    if value.isdigit() and 1 <= int(value) <= CACHED_PAGES:
        return int(value)
    return None

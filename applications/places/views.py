"""The public pages of the open places: the list of open slots, and a page per slot."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from mobilities.models import Slot

from .. import public
from . import selectors
from .forms import OpenPlacesFilter, linked_list_key, partners_of

PAGE_SIZE = 20


@require_GET
def open_places(request):
    """Every slot open for applications, filtered, soonest deadline first, paginated.

    The list as a call's page and a project's card link to it (their first pages) is the same for
    every visitor: it comes from the cache until a slot changes or the soonest deadline passes.
    """
    now = timezone.now()
    until_deadline = functools.partial(selectors.seconds_until_a_deadline, at=now)

    def render_list():
        slots = selectors.open_slots(at=now)
        partners = public.cached(("open-partners",), lambda: partners_of(slots), timeout=until_deadline)
        places = OpenPlacesFilter(request.GET or None, queryset=slots, partners=partners)
        page = Paginator(places.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"filter_form": places.form, "page_obj": page, "filtered": places.is_bound}
        return render_to_string("applications/places/_list.html", context, request=request)

    key, page = linked_list_key(request.GET), public.page_number(request.GET.get("page"))
    if key is None or page is None:
        html = render_list()
    else:
        html = public.cached(("open-places", *key, page), render_list, timeout=until_deadline)
    return render(request, "applications/places/list.html", {"list_html": html})


@require_GET
def slot_page(request, pk):
    """One slot: what it offers, who may apply, until when; the way to apply while it is open."""
    try:
        slot = public.cached(("slot", pk), lambda: selectors.public_slot(pk))
    except Slot.DoesNotExist as exc:
        raise Http404 from exc
    context = {"slot": slot, "proposal": slot.flow.proposal, "window": selectors.application_window(slot)}
    return render(request, "applications/places/slot.html", context)


def apply_placeholder(request, slot_pk):
    """Stands in for the application form until it exists: sends the visitor to sign in."""
    return redirect_to_login(request.get_full_path())

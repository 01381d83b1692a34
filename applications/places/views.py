"""The public pages of the open places: the list of open slots, and a page per slot."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobilities.models import Slot

from . import selectors
from .forms import OpenPlacesFilter

PAGE_SIZE = 20


@require_GET
def open_places(request):
    """Every slot open for applications, filtered, soonest deadline first, paginated."""
    places = OpenPlacesFilter(request.GET or None, queryset=selectors.open_slots())
    page = Paginator(places.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter_form": places.form, "page_obj": page, "filtered": places.is_bound}
    return render(request, "applications/places/list.html", context)


@require_GET
def slot_page(request, pk):
    """One slot: what it offers, who may apply, until when; the way to apply while it is open."""
    try:
        slot = selectors.public_slot(pk)
    except Slot.DoesNotExist as exc:
        raise Http404 from exc
    context = {"slot": slot, "proposal": slot.flow.proposal, "window": selectors.application_window(slot)}
    return render(request, "applications/places/slot.html", context)


def apply_placeholder(request, slot_pk):
    """Stands in for the application form until it exists: sends the visitor to sign in."""
    return redirect_to_login(request.get_full_path())

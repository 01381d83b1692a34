"""Views: the public call page with the registration form, withdrawal, and IR staff's follow-up."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from icm_portal.roles import ir_staff_required
from projects.models import Call

from . import exports, selectors, services
from .forms import FollowUpForm, RegistrationFilterForm, RegistrationForm
from .models import Registration
from .rate_limit import allow

DONE_SESSION_KEY = "registration_done"
WITHDRAW_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what new_withdraw_token makes
PAGE_SIZE = 25


def too_many_requests(request, exception=None):
    """The friendly page past the rate limit (status 429), like Django's handler403/404."""
    return render(request, "429.html", status=429)


@require_http_methods(["GET", "POST"])
def call_page(request, pk):
    """What the call offers, in plain words, and the registration form while the window is open."""
    call = get_object_or_404(Call, pk=pk)
    now = timezone.now()
    offer = selectors.call_offer(call)
    window_open = call.accepts_registrations(now)
    form = None
    if window_open and request.method == "POST":
        if not allow(request, scope="registration"):
            return too_many_requests(request)
        form = RegistrationForm(request.POST, awarded_proposals=offer.proposals)
        if form.is_valid():
            if form.is_bot:  # a bot sees the normal confirmation; nothing is stored or sent
                return _done(request, call, updated=False)
            try:
                _registration, updated = services.register_interest(call=call, at=now, **form.registration_arguments())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return _done(request, call, updated=updated)
    elif window_open:
        form = RegistrationForm(awarded_proposals=offer.proposals, language=(get_language() or "en")[:2])
    elif request.method == "POST":
        messages.error(request, _("This call does not accept registrations at the moment."))
    context = {
        "call": call,
        "offer": offer,
        "window_open": window_open,
        "not_yet_open": now < call.registration_open,
        "form": form,
    }
    return render(request, "applications/call_page.html", context, status=400 if form and form.errors else 200)


def _done(request, call, *, updated):
    request.session[DONE_SESSION_KEY] = {"call": call.pk, "updated": updated}
    return redirect("applications:registration_done", pk=call.pk)


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def registration_done(request, pk):
    """The confirmation page; says whether an earlier registration was updated."""
    call = get_object_or_404(Call, pk=pk)
    done = request.session.get(DONE_SESSION_KEY) or {}
    if done.get("call") != call.pk:
        return redirect("applications:call_page", pk=call.pk)
    return render(request, "applications/registration_done.html", {"call": call, "updated": done.get("updated")})


@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """From the mailed link: GET asks to confirm, POST deletes the registration and its data."""
    if not WITHDRAW_TOKEN.fullmatch(token):  # no mail held this link (a NUL byte cannot even be looked up)
        return render(request, "applications/withdraw_gone.html", status=404)
    if request.method == "POST":
        try:
            withdrawal = services.withdraw_registration(token=token)
        except Registration.DoesNotExist:
            return render(request, "applications/withdraw_gone.html", status=404)
        return render(request, "applications/withdraw_done.html", {"withdrawal": withdrawal})
    registration = Registration.objects.select_related("call").filter(withdraw_token=token).first()
    if registration is None:
        return render(request, "applications/withdraw_gone.html", status=404)
    return render(request, "applications/withdraw_confirm.html", {"registration": registration})


@ir_staff_required
def registration_calls(request):
    """IR staff: the calls, each with its number of registrations."""
    page = Paginator(selectors.registration_calls(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "applications/staff/calls.html", {"page": page})


@ir_staff_required
def registration_list(request, call_pk):
    """IR staff: a call's registrations, filtered, searched, sorted and paginated in SQL."""
    call = get_object_or_404(Call, pk=call_pk)
    filter_form = RegistrationFilterForm(request.GET or None)
    registrations = selectors.registrations_for_staff(call=call, **filter_form.filters())
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"call": call, "filter_form": filter_form, "page": page, "query": query.urlencode()}
    return render(request, "applications/staff/list.html", context)


@ir_staff_required
@require_http_methods(["GET", "POST"])
def registration_detail(request, pk):
    """IR staff: one registration, its state and notes."""
    try:
        registration = selectors.registration_for_staff(pk)
    except Registration.DoesNotExist:
        raise Http404 from None
    form = FollowUpForm(request.POST or None, initial={"state": registration.state})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up(
                registration=registration,
                state=form.cleaned_data["state"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The registration is updated."))
            return redirect("applications:registration_detail", pk=registration.pk)
    return render(request, "applications/staff/detail.html", {"registration": registration, "form": form})


@ir_staff_required
def registration_export_csv(request, call_pk):
    """IR staff: the filtered registrations as CSV, streamed row by row."""
    call = get_object_or_404(Call, pk=call_pk)
    filters = RegistrationFilterForm(request.GET or None).filters()
    return exports.csv_response(call, selectors.registrations_for_export(call=call, **filters))


@ir_staff_required
def registration_export_xlsx(request, call_pk):
    """IR staff: the filtered registrations as an Excel workbook."""
    call = get_object_or_404(Call, pk=call_pk)
    filters = RegistrationFilterForm(request.GET or None).filters()
    return exports.xlsx_response(call, selectors.registrations_for_export(call=call, **filters))

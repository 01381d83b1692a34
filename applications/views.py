"""Views: the public call page with the registration form, withdrawal, and IR staff's follow-up."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from icm_portal.roles import ir_staff_required
from projects.models import Call

from . import confirmation, exports, public, selectors, services
from .filters import RegistrationFilter
from .forms import FollowUpForm, ProposalChoiceField, RegistrationForm
from .models import PendingRegistration, Registration

DONE_SESSION_KEY = "registration_done"
PAGE_SIZE = 25
MIN_SEARCH = 2


def registration_rate(group, request):
    """Posts of the registration form per client address and window, (count, seconds)."""
    return settings.REGISTRATION_RATE_LIMIT


def client_address(group, request):
    """The address the limit counts; behind a proxy, the proxy must pass the client's address on as
    REMOTE_ADDR (over a Unix socket it is empty: then everyone shares one count, never an error)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def too_many_requests(request, exception=None):
    """The friendly page past the rate limit (status 429), like Django's handler403/404."""
    return render(request, "429.html", status=429)


@require_http_methods(["GET", "POST"])
def call_page(request, pk):
    """What the call offers, in plain words, and the registration form while the window is open.

    What every visitor sees alike (the call, its offer and contacts, the empty form, the choices a
    posted form is checked against) comes from the cache, dropped when any of it changes
    (``applications.public``).
    """
    call = public.cached(("call", pk), lambda: Call.objects.filter(pk=pk).first())
    if call is None:
        raise Http404
    now = timezone.now()
    window_open = call.accepts_registrations(now)
    search_url = reverse("applications:call_project_search", args=[call.pk])
    form = form_html = sections = None
    if window_open and request.method == "POST":
        if is_ratelimited(
            request,
            group="applications.registration",
            key=client_address,
            rate=registration_rate,
            method="POST",
            increment=True,
        ):
            return too_many_requests(request)
        form = RegistrationForm(
            request.POST, offer=choices_of(call), projects=selectors.awarded_projects(call), search_url=search_url
        )
        if form.is_valid():
            if form.is_bot:  # a bot sees the normal answer; nothing is stored or sent
                return _done(request, call)
            try:
                confirmation.request_registration(call=call, at=now, **form.registration_arguments())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return _done(request, call)
    elif window_open:
        sections, offer = _call_sections(request, call)  # first: a form not in the cache reuses the offer
        form_html = public.cached(("call-form", call.pk), lambda: _empty_form_html(call, search_url, offer))
    elif request.method == "POST":
        messages.error(request, _("This call does not accept registrations at the moment."))
    if sections is None:
        sections, _offer = _call_sections(request, call)
    context = {
        "call": call,
        "window_open": window_open,
        "not_yet_open": now < call.registration_open,
        "form": form,
        "form_html": form_html,
        **sections,
    }
    return render(request, "applications/call_page.html", context, status=400 if form and form.errors else 200)


def _call_sections(request, call):
    """The call's offer (a page of its projects) and its contacts as HTML, cached for the first pages;
    with the offer when it was read to render them (else None)."""
    page = public.page_number(request.GET.get("page"))
    read = []

    def render_sections():
        offer = selectors.call_offer(call, page=request.GET.get("page"))
        read.append(offer)
        sections = {"call": call, "offer": offer, "contacts": list(call.contacts.all())}
        return {
            "offer_html": render_to_string("applications/_call_offer.html", sections, request=request),
            "contacts_html": render_to_string("applications/_call_contacts.html", sections),
        }

    if page is None or set(request.GET) - {"page"}:  # pagination links keep the query string
        return render_sections(), read[0]
    sections = public.cached(("call-sections", call.pk, page), render_sections)
    return sections, (read[0] if read else None)


def choices_of(call, offer=None):
    """The partners and number of projects the registration form offers, from the cache."""
    return public.cached(("call-choices", call.pk), lambda: selectors.registration_choices(call, offer))


def _empty_form_html(call, search_url, offer):
    language = (get_language() or "en")[:2]
    projects = selectors.awarded_projects(call)
    form = RegistrationForm(offer=choices_of(call, offer), projects=projects, search_url=search_url, language=language)
    return render_to_string("applications/_registration_fields.html", {"form": form})


@require_GET
def call_project_search(request, pk):
    """The registration form's project search: at most 20 of the call's published, awarded projects
    whose title, partner or city holds the words of ``q``, as JSON (public: the call page lists them)."""
    call = get_object_or_404(Call, pk=pk)
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.projects_matching(call, query) if len(query) >= MIN_SEARCH else []
    results = [{"id": p.pk, "label": ProposalChoiceField.label_from_instance(None, p)} for p in found]
    return JsonResponse({"results": results})


def _done(request, call):
    request.session[DONE_SESSION_KEY] = {"call": call.pk}
    return redirect("applications:registration_done", pk=call.pk)


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def registration_done(request, pk):
    """After the form: check your mailbox (the same answer whether or not a mail was sent)."""
    call = get_object_or_404(Call, pk=pk)
    done = request.session.get(DONE_SESSION_KEY) or {}
    if done.get("call") != call.pk:
        return redirect("applications:call_page", pk=call.pk)
    context = {"call": call, "hours": settings.REGISTRATION_CONFIRMATION_HOURS}
    return render(request, "applications/registration_done.html", context)


@require_http_methods(["GET", "POST"])
def confirm_registration(request, token):
    """From the mailed link: GET shows what will be stored, POST stores it (mail scanners only GET)."""
    try:
        pending = confirmation.pending_registration(token=token)
    except PendingRegistration.DoesNotExist:
        return render(request, "applications/confirm_gone.html", status=404)
    error = None
    if request.method == "POST":
        try:
            registration, updated = confirmation.confirm_registration(token=token)
        except PendingRegistration.DoesNotExist:  # confirmed by another click meanwhile
            return render(request, "applications/confirm_gone.html", status=404)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            context = {"call": registration.call, "registration": registration, "updated": updated}
            return render(request, "applications/registration_confirmed.html", context)
    context = {"pending": pending, "submission": confirmation.summary(pending), "error": error}
    return render(request, "applications/confirm_registration.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """From the mailed link: GET asks to confirm, POST deletes the registration and its data."""
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
    page.object_list = selectors.with_registration_counts(list(page.object_list))
    return render(request, "applications/staff/calls.html", {"page": page})


@ir_staff_required
def registration_list(request, call_pk):
    """IR staff: a call's registrations, filtered, searched, sorted and paginated in SQL."""
    call = get_object_or_404(Call, pk=call_pk)
    registrations = RegistrationFilter(request.GET or None, queryset=selectors.registrations_for_staff(call=call))
    filter_form = registrations.form
    page = Paginator(registrations.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "call": call,
        "filter_form": filter_form,
        "filter_fields": registrations.shown_fields(),
        "page": page,
        "rows": selectors.registration_rows(page.object_list),
        "query": query.urlencode(),
    }
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
    registrations = RegistrationFilter(request.GET or None, queryset=selectors.registrations_for_export(call=call))
    return exports.csv_response(call, registrations.qs)

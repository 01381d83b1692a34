"""The applicant's pages (apply, My applications, one application) and the documents' one door."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from icm_portal.uploads import pdf_name
from mobilities.models import Slot

from ..models import Application
from . import selectors, services
from .forms import ApplicationForm, EditApplicationForm, add_errors
from .lifecycle import APPLICATION, next_step
from .review_views import application_review, slot_applications

__all__ = ["application_review", "slot_applications"]
DOCUMENTS = {"cv": gettext_lazy("CV"), "transcript": gettext_lazy("Transcript")}


def _language():
    return "nl" if (get_language() or "en").startswith("nl") else "en"


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slot_pk):
    """The application form of an open slot; what was typed stays when something is refused."""
    try:
        slot = selectors.slot_for_selection(slot_pk)
    except Slot.DoesNotExist:
        raise Http404 from None
    mine = Application.objects.filter(slot=slot, applicant=request.user).first()
    if mine is not None:
        messages.info(request, _("You have applied for this slot already; here is your application."))
        return redirect("applications:application_detail", pk=mine.pk)
    now = timezone.now()
    accepting = services.accepts_applications(slot, now)
    if not slot.is_public:
        raise Http404
    initial = {"name": request.user.get_full_name()}
    form = ApplicationForm(request.POST or None, request.FILES or None, slot=slot, initial=initial)
    if accepting and request.method == "POST" and form.is_valid():
        try:
            application = services.apply_for_slot(
                slot_id=slot.pk, applicant=request.user, language=_language(), **form.arguments()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your application has arrived. We sent you a confirmation by mail."))
            return redirect("applications:application_detail", pk=application.pk)
    return render(request, "applications/selection/apply.html", {"slot": slot, "form": form, "accepting": accepting})


@login_required
@require_GET
def my_applications(request):
    """Each of the person's applications, its state and what happens next."""
    applications = list(selectors.applications_of(request.user))
    for application in applications:
        application.next_step = next_step(application)
    return render(
        request, "applications/selection/my_applications.html", {"applications": applications, "now": timezone.now()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    """The applicant's own application: what they sent, its state, and changing it until the deadline."""
    try:
        application = selectors.own_application(request.user, pk)
    except Application.DoesNotExist:
        raise Http404 from None
    now = timezone.now()
    actions = APPLICATION.allowed_actions(request.user, application)
    editable = "edit" in actions and now < application.slot.closes_at
    form = None
    if editable:
        initial = {
            "study_level": application.study_level,
            "home_institution": application.home_institution_id,
            "language_level": application.language_level,
            "motivation": application.motivation,
        }
        form = EditApplicationForm(request.POST or None, request.FILES or None, slot=application.slot, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.edit_application(application_id=application.pk, by=request.user, **form.arguments())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("applications:application_detail", pk=application.pk)
    elif request.method == "POST":
        messages.error(request, _("This application can no longer be changed."))
        return redirect("applications:application_detail", pk=application.pk)
    context = {"application": application, "actions": actions, "form": form, "next_step": next_step(application)}
    return render(request, "applications/selection/detail.html", context)


def _applicant_action(request, pk, service, done):
    try:
        application = selectors.own_application(request.user, pk)
        service(application_id=application.pk, by=request.user)
    except Application.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("applications:application_detail", pk=pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    return _applicant_action(request, pk, services.withdraw_application, _("Your application is withdrawn."))


@login_required
@require_POST
def application_accept(request, pk):
    return _applicant_action(request, pk, services.accept_offer, _("The place is yours: you are selected."))


@login_required
@require_GET
def application_document(request, pk, kind):
    """A CV or transcript, to the applicant, the slot's coordinators and IR staff; 404 to anyone else."""
    if kind not in DOCUMENTS:
        raise Http404
    try:
        application = selectors.application_for_review(pk)
    except Application.DoesNotExist:
        raise Http404 from None
    document = getattr(application, kind)
    if not APPLICATION.may("view_documents", request.user, application) or not document:
        raise Http404
    try:
        stored = document.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = pdf_name(f"{DOCUMENTS[kind]} {application.name}", default=kind)
    return FileResponse(stored, as_attachment=True, filename=name, content_type="application/pdf")

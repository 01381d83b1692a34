"""The pages of applicant accounts: sign up, the answer that a link is on its way, and the link itself."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from ..views import client_address, registration_rate, too_many_requests
from . import services
from .forms import SignUpForm

SENT_SESSION_KEY = "account_link_sent_to"


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if allowed else ""


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect(_next(request) or "home")
    limited = request.method == "POST" and is_ratelimited(
        request, group="applications.sign_up", key=client_address, rate=registration_rate, method="POST", increment=True
    )
    if limited:  # the same generous limit as the interest registrations: it holds off scripts, not a campus
        return too_many_requests(request)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_up(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"],
                language="nl" if (get_language() or "en").startswith("nl") else "en",
                next_url=_next(request),
            )
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            request.session[SENT_SESSION_KEY] = data["email"]
            return redirect("applications:sign_up_sent")
    return render(request, "applications/accounts/sign_up.html", {"form": form, "next": _next(request)})


def sign_up_sent(request):
    return render(request, "applications/accounts/sign_up_sent.html", {"email": request.session.get(SENT_SESSION_KEY)})


def confirm_account(request, uidb64, token):
    """Follow the link: the account opens, its owner is signed in and goes where they were going."""
    user = services.confirm_address(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "applications/accounts/link_gone.html", status=404)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your address is confirmed and your account is open."))
    return redirect(_next(request) or "applications:my_applications")

"""Applicant accounts: sign up with an address and a password, the account opened by a link sent through
the outbox. Nothing tells a stranger whether an address has an account: they all get the same answer."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from icm_portal.outbox.services import notify

from ..models import normalise_email
from .tokens import address_confirmation


def confirm_url(user, *, next_url=""):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    url = settings.SITE_URL + reverse("applications:confirm_account", args=[uid, address_confirmation.make_token(user)])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def sign_up(*, first_name, last_name, email, password, language, next_url=""):
    """Make an inactive account and send the link that opens it; an address with an open account is
    told so by mail instead. Returns the account (new or existing)."""
    email = normalise_email(email)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).order_by("-is_active", "pk").first()
        if user is None:
            user = User(username=email, email=email)
        if user.pk is not None and user.is_active:
            reset = settings.SITE_URL + reverse("password_reset")
            notify(
                to_email=user.email,
                to_name=user.get_full_name(),
                language=language,
                template="account_exists",
                context={"reset_url": reset},
                about=user,
                event_key=f"account-exists-{user.pk}-{timezone.now():%Y%m%d%H}",
            )
            return user
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
        validate_password(password, user)
        user.set_password(password)
        user.is_active = False
        user.save()
        notify(
            to_email=user.email,
            to_name=user.get_full_name(),
            language=language,
            template="account_confirm_address",
            context={"name": user.get_full_name(), "confirm_url": confirm_url(user, next_url=next_url)},
            about=user,
            event_key=f"account-confirm-{user.pk}-{timezone.now().timestamp()}",
        )
        return user


def confirm_address(*, uidb64, token):
    """Open the account the link was made for; None when the link is unknown, spent or too old."""
    User = get_user_model()
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = User.objects.get(pk=pk)
    except (ValueError, OverflowError, User.DoesNotExist, ValidationError):
        return None
    if user.is_active or not address_confirmation.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user

"""Writes of interest registrations: register (insert or merge), withdraw, follow up, anonymise."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from icm_portal.outbox.services import PUBLISH_RETRY_POLICY, forget_messages_about, notify, notify_call_contacts
from icm_portal.roles import is_ir_staff
from projects.models import Proposal
from projects.proposals.lifecycle import FUNDED

from .models import (
    Registration,
    RegistrationExport,
    RegistrationKind,
    RegistrationState,
    new_withdraw_token,
    normalise_email,
)
from .tasks import build_registration_export, build_registration_export_now


@dataclass(frozen=True)
class Withdrawal:
    """What the confirmation page may still say once the data is gone."""

    call_name: str
    withdrawn_at: object


def withdraw_url(registration):
    return settings.SITE_URL + reverse("applications:withdraw", args=[registration.withdraw_token])


def staff_url(registration):
    return settings.SITE_URL + reverse("applications:registration_detail", args=[registration.pk])


def _validate(*, call, kind, study_level, consent, partners, proposals, at):
    errors = {}
    if not call.accepts_registrations(at):
        raise ValidationError(_("This call does not accept registrations at the moment."), code="window")
    if not consent:
        errors["consent"] = _("Registration needs your consent to the processing of your data.")
    if kind == RegistrationKind.STUDENT and not study_level:
        errors["study_level"] = _("Choose your study level.")
    if any(p.call_id != call.pk or p.state not in FUNDED for p in proposals):
        errors["proposals"] = _("Choose among the awarded projects of this call.")
    if partners:
        offered = set(Proposal.objects.filter(call=call, state__in=FUNDED).values_list("partner_id", flat=True))
        if any(i.pk not in offered for i in partners):
            errors["partners"] = _("Choose among the partner universities of this call.")
    if errors:
        raise ValidationError(errors)


def check_registration(
    *,
    call,
    name,
    email,
    kind,
    unit,
    study_level="",
    countries=(),
    partners=(),
    proposals=(),
    preferred_period="",
    message="",
    language="en",
    consent,
    at=None,
):
    """Validate a registration as ``register_interest`` would store it, storing nothing.

    Returns ``(candidate, fields, partners, proposals)``: an unsaved row and what it is made of.
    """
    at = at or timezone.now()
    partners, proposals = list(partners), list(proposals)
    study_level = study_level if kind == RegistrationKind.STUDENT else ""
    _validate(
        call=call, kind=kind, study_level=study_level, consent=consent, partners=partners, proposals=proposals, at=at
    )
    fields = {
        "name": name.strip(),
        "email": email.strip(),
        "kind": kind,
        "unit": unit,
        "study_level": study_level,
        "countries": list(countries),
        "preferred_period": preferred_period.strip(),
        "message": message.strip(),
        "language": language,
        "consent_at": at,
    }
    candidate = Registration(call=call, email_normalised=normalise_email(email), created_at=at, **fields)
    candidate.full_clean(exclude=["withdraw_token"], validate_unique=False, validate_constraints=False)
    return candidate, fields, partners, proposals


def register_interest(*, call, at=None, **arguments):
    """Register a person's interest in a call, or update their earlier registration.

    Takes the arguments of ``check_registration``; called once the address is confirmed
    (``applications.confirmation``). Returns ``(registration, updated)``. Safe under
    concurrency: two requests for the same address and call end as one row, the second
    merged into the first.
    """
    candidate, fields, partners, proposals = check_registration(call=call, at=at, **arguments)
    with transaction.atomic():
        registration = _locked(call, candidate.email_normalised)
        if registration is None:
            try:
                with transaction.atomic():  # a savepoint: a concurrent insert of the same address fails alone
                    candidate.save()
                registration, updated = candidate, False
            except IntegrityError:
                registration = _locked(call, candidate.email_normalised)
                if registration is None:
                    raise
        if registration is not candidate:
            for field, value in fields.items():
                setattr(registration, field, value)
            registration.submissions = F("submissions") + 1
            registration.save()
            registration.refresh_from_db(fields=["submissions"])
            updated = True
        registration.partners.set(partners)
        registration.proposals.set(proposals)
        _notify_registered(registration, updated=updated)
    return registration, updated


def _locked(call, email_normalised):
    return (
        Registration.objects.select_for_update()
        .select_related("unit")
        .filter(call=call, email_normalised=email_normalised)
        .first()
    )


def _notify_registered(registration, *, updated):
    context = {
        "registration": registration,
        "call": registration.call,
        "updated": updated,
        "withdraw_url": withdraw_url(registration),
        "staff_url": staff_url(registration),
    }
    key = f"registration:{registration.pk}:{registration.submissions}"
    notify(
        to_email=registration.email,
        to_name=registration.name,
        language=registration.language,
        template="registration_updated" if updated else "registration_confirmation",
        context=context,
        about=registration,
        event_key=key,
    )
    notify_call_contacts(
        call=registration.call,
        template="registration_new_ir",
        context=context,
        about=registration,
        event_key=f"{key}:ir",
    )


def withdraw_registration(*, token, at=None):
    """Delete the registration the mailed link names, with all its data (not merely hide it)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("call").get(withdraw_token=token)
        withdrawal = Withdrawal(call_name=registration.call.name, withdrawn_at=at or timezone.now())
        forget_messages_about(model=Registration, ids=[registration.pk])
        registration.delete()
    return withdrawal


def _require_ir_staff(user):
    if not is_ir_staff(user):
        raise PermissionDenied(_("Only International Relations staff follow up registrations."))


def set_state(*, registration, state, by):
    """IR staff's follow-up state; nothing happens when it is unchanged."""
    _require_ir_staff(by)
    if state not in RegistrationState.values:
        raise ValidationError({"state": _("Choose a known state.")})
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.state != state:
            locked.state = state
            locked.save(update_fields=["state", "updated_at"])
    registration.state = locked.state
    return locked


def add_note(*, registration, text, by, at=None):
    """Append a dated note, signed by the IR staff member, to the registration's notes."""
    _require_ir_staff(by)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"note": _("Write a note.")})
    if len(text) > 2000:
        raise ValidationError({"note": _("Keep a note under 2,000 characters.")})
    at = timezone.localtime(at or timezone.now())
    author = by.get_full_name() or by.get_username()
    line = f"{at:%Y-%m-%d %H:%M} {author}: {text}"
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        locked.notes = f"{locked.notes}\n{line}" if locked.notes else line
        locked.save(update_fields=["notes", "updated_at"])
    return locked


def follow_up(*, registration, state, note="", by):
    """The staff detail form: set the state and, when written, add a note, in one transaction."""
    with transaction.atomic():
        registration = set_state(registration=registration, state=state, by=by)
        if (note or "").strip():
            registration = add_note(registration=registration, text=note, by=by)
    return registration


def anonymise_registrations(*, before):
    """Blank the personal data of registrations made before ``before``; the counts stay.

    Returns the number of registrations anonymised. Running it twice changes nothing more.
    """
    stale = Registration.objects.filter(created_at__lt=before, anonymised_at__isnull=True)
    with transaction.atomic():
        ids = list(stale.select_for_update().values_list("pk", flat=True))
        forget_messages_about(model=Registration, ids=ids)
        Registration.objects.filter(pk__in=ids).update(
            name="",
            email="",
            email_normalised=Concat(Value("anonymised-"), Cast("pk", output_field=CharField())),
            preferred_period="",
            message="",
            notes="",
            # unique by the id, unguessable by the secret: an old mailed link no longer finds the row
            withdraw_token=Concat(Value(f"anon-{new_withdraw_token()[:20]}-"), Cast("pk", output_field=CharField())),
            anonymised_at=timezone.now(),
        )
    return len(ids)


def _queue_export(export_id):
    """Hand the file to Celery; with the broker down it is written here, so the file still comes."""
    try:
        build_registration_export.apply_async((export_id,), retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # the broker down must never lose the export
        build_registration_export_now(export_id)


def request_registration_export(*, call, query, by):
    """Ask for the Excel file of the call's registrations with the list's filters; a Celery task
    writes it after commit."""
    if not is_ir_staff(by):
        raise PermissionDenied
    with transaction.atomic():
        export = RegistrationExport.objects.create(
            call=call, query=query, requested_by=by, language=get_language() or "en"
        )
        transaction.on_commit(lambda: _queue_export(export.pk))
    return export

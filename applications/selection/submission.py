"""The applicant's writes: apply for an open slot, change the application until the deadline, withdraw,
and accept a place offered from the reserve list."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icm_portal.uploads import check_pdf
from mobilities.models import Slot
from mobilities.slots.states import ApplicantsFrom, SlotState

from ..models import Application, Placement
from .decisions import change_state, ensure_place_free, lock_for, lock_slot_and_application, offer_free_place
from .lifecycle import APPLICATION
from .mails import notify_received
from .states import ApplicationState

S = ApplicationState
LEVEL_FIELDS = {"bachelor": "for_bachelor", "master": "for_master", "phd": "for_phd"}


def accepts_applications(slot, at):
    """Open, and within its application window."""
    return slot.state == SlotState.OPEN and slot.opens_at <= at < slot.closes_at


def study_levels_of(slot):
    """The study levels the slot is for (empty for a staff slot)."""
    return [level for level, name in LEVEL_FIELDS.items() if getattr(slot, name)]


def _check(slot, *, study_level, home_institution, cv, transcript, consent, editing):
    errors = {}
    for name, document in (("cv", cv), ("transcript", transcript)):
        if document:
            try:
                check_pdf(document)
            except ValidationError as exc:
                errors[name] = exc.messages
    if not editing and not cv:
        errors["cv"] = _("Attach your CV as a PDF.")
    if not editing and slot.requires_transcript and not transcript:
        errors["transcript"] = _("This slot asks for your transcript of records, as a PDF.")
    levels = study_levels_of(slot)
    if levels and study_level not in levels:
        errors["study_level"] = _("Choose one of the study levels this slot is for.")
    if slot.applicants_from == ApplicantsFrom.PARTNER and home_institution is None:
        errors["home_institution"] = _("Name the university you study or work at.")
    if not editing and not consent:
        errors["consent"] = _("Applying needs your consent to the processing of your data.")
    if errors:
        raise ValidationError(errors)


def _store(application, name, document):
    """Keep an uploaded PDF under a name nobody can guess; the replaced file goes once the change commits."""
    field = getattr(application, name)
    old = field.name if field else ""
    field.save(f"{name}-{uuid.uuid4().hex}.pdf", document, save=False)
    if old:
        storage = field.storage
        transaction.on_commit(lambda: storage.delete(old))


def apply_for_slot(
    *,
    slot_id,
    applicant,
    name,
    motivation,
    cv,
    transcript=None,
    study_level="",
    language_level="",
    home_institution=None,
    consent,
    language,
    at=None,
):
    """One application per person per slot, while the slot is open; the applicant is told it arrived."""
    at = at or timezone.now()
    slot = Slot.objects.get(pk=slot_id)
    if not accepts_applications(slot, at):
        raise ValidationError(_("This slot does not accept applications at the moment."), code="window")
    _check(
        slot,
        study_level=study_level,
        home_institution=home_institution,
        cv=cv,
        transcript=transcript,
        consent=consent,
        editing=False,
    )
    if Application.objects.filter(slot=slot, applicant=applicant).exists():
        raise ValidationError(_("You have applied for this slot already."), code="duplicate")
    application = Application(
        slot=slot,
        applicant=applicant,
        name=name.strip(),
        motivation=motivation.strip(),
        study_level=study_level or "",
        language_level=language_level or "",
        home_institution=home_institution,
        language=language if language in ("en", "nl") else "en",
        consent_at=at,
        submitted_at=at,
    )
    try:
        with transaction.atomic():
            _store(application, "cv", cv)
            if transcript:
                _store(application, "transcript", transcript)
            application.save()
            notify_received(application)
    except IntegrityError:  # the same person applying twice at once: the first one counts
        raise ValidationError(_("You have applied for this slot already."), code="duplicate") from None
    return application


def edit_application(
    *,
    application_id,
    by,
    motivation,
    study_level="",
    language_level="",
    home_institution=None,
    cv=None,
    transcript=None,
):
    """Change an application before a decision and before the slot's deadline; new documents replace the old."""
    with transaction.atomic():
        slot, application = lock_for("edit", application_id=application_id, by=by)
        if timezone.now() >= slot.closes_at:
            raise ValidationError(_("The deadline of this slot has passed; the application can no longer change."))
        _check(
            slot,
            study_level=study_level,
            home_institution=home_institution,
            cv=cv,
            transcript=transcript,
            consent=True,
            editing=True,
        )
        application.motivation = motivation.strip()
        application.study_level = study_level or ""
        application.language_level = language_level or ""
        application.home_institution = home_institution
        if cv:
            _store(application, "cv", cv)
        if transcript:
            _store(application, "transcript", transcript)
        application.save()
        return application


def withdraw_application(*, application_id, by):
    """Withdraw; a place it held or was offered goes to the first on the reserve list, and a placement
    made for it goes too, so that its grant no longer counts against the flow's award."""
    with transaction.atomic():
        slot, application = lock_for("withdraw", application_id=application_id, by=by)
        held_place = application.state == S.SELECTED or application.offered_at is not None
        change_state(application, to_state=S.WITHDRAWN, by=by)
        Placement.objects.filter(application_id=application.pk).delete()
        if held_place:
            offer_free_place(slot)
        return application


def accept_offer(*, application_id, by):
    """The applicant takes the place offered to them, if it is still free."""
    with transaction.atomic():
        slot, application = lock_slot_and_application(application_id)
        APPLICATION.check_person("withdraw", by, application)  # strangers: as if it did not exist
        if not APPLICATION.may("accept_offer", by, application):
            raise ValidationError(_("No place is offered on this application."), code="no_offer")
        ensure_place_free(slot)
        change_state(application, to_state=S.SELECTED, by=by)
        return application

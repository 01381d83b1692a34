"""Interest registrations: a student or staff member tells International Relations
they are interested in a call, without an account."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from icm_portal.validators import validate_single_line

NAME_MAX = 120
EMAIL_MAX = 254
PERIOD_MAX = 100
MESSAGE_MAX = 2000


def new_withdraw_token():
    """Unguessable: the link in the confirmation mail is the only key to withdraw."""
    return secrets.token_urlsafe(32)


def normalise_email(email):
    """The form of an address used for the one-registration-per-person check."""
    return (email or "").strip().lower()


class RegistrationKind(models.TextChoices):
    STUDENT = "student", _("Student")
    STAFF = "staff", _("Staff member")


class StudyLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    PHD = "phd", _("PhD")


class RegistrationState(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    CLOSED = "closed", _("Closed")


class Registration(models.Model):
    """One person's interest in one call; registering again updates this row."""

    call = models.ForeignKey(
        "projects.Call", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("call")
    )
    name = models.CharField(_("name"), max_length=NAME_MAX, validators=[validate_single_line])
    email = models.EmailField(_("e-mail address"), max_length=EMAIL_MAX)
    email_normalised = models.CharField(_("normalised e-mail address"), max_length=EMAIL_MAX, editable=False)
    kind = models.CharField(_("student or staff"), max_length=8, choices=RegistrationKind.choices)
    unit = models.ForeignKey(
        "projects.Unit", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("unit")
    )
    study_level = models.CharField(_("study level"), max_length=8, choices=StudyLevel.choices, blank=True)
    countries = CountryField(_("countries of interest"), multiple=True, blank=True)
    partners = models.ManyToManyField(
        "projects.Institution", blank=True, related_name="registrations", verbose_name=_("partner universities")
    )
    proposals = models.ManyToManyField(
        "projects.Proposal", blank=True, related_name="registrations", verbose_name=_("projects")
    )
    preferred_period = models.CharField(
        _("preferred period"), max_length=PERIOD_MAX, blank=True, validators=[validate_single_line]
    )
    message = models.TextField(_("message"), max_length=MESSAGE_MAX, blank=True)
    language = models.CharField(
        _("language for correspondence"), max_length=2, choices=[("en", _("English")), ("nl", _("Dutch"))]
    )
    consent_at = models.DateTimeField(_("consent given"))
    state = models.CharField(
        _("state"), max_length=16, choices=RegistrationState.choices, default=RegistrationState.NEW
    )
    notes = models.TextField(_("notes"), blank=True)
    submissions = models.PositiveIntegerField(_("times submitted"), default=1)
    withdraw_token = models.CharField(max_length=64, unique=True, default=new_withdraw_token, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("interest registration")
        verbose_name_plural = _("interest registrations")
        constraints = [
            models.UniqueConstraint(fields=["call", "email_normalised"], name="one_registration_per_address_per_call"),
            models.CheckConstraint(
                condition=(Q(kind=RegistrationKind.STUDENT) & Q(study_level__in=StudyLevel.values))
                | (Q(kind=RegistrationKind.STAFF) & Q(study_level="")),
                name="registration_study_level_for_students_only",
            ),
            models.CheckConstraint(condition=Q(state__in=RegistrationState.values), name="registration_state_known"),
            models.CheckConstraint(condition=Q(language__in=["en", "nl"]), name="registration_language_known"),
        ]
        # The staff list reads one call's registrations a page at a time in the orders of
        # ``selectors.SORTS``: each is an index walk, not a sort of all the call's rows (but the
        # unit's, whose name is in another table).
        indexes = [
            models.Index(fields=["call", "-created_at", "-id"], name="registration_call_newest_idx"),
            models.Index(fields=["call", "name", "-id"], name="registration_call_name_idx"),
            models.Index(fields=["call", "kind", "name", "-id"], name="registration_call_kind_idx"),
            models.Index(fields=["call", "state", "-created_at", "-id"], name="registration_call_state_idx"),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.name} · {self.call}"


class PendingRegistration(models.Model):
    """A registration waiting for its address to be confirmed; following the mailed link stores it.

    Only a digest of the link's token is kept, so this table alone confirms nothing; a row is
    deleted when it is confirmed (single use) or once it has expired.
    """

    call = models.ForeignKey(
        "projects.Call", on_delete=models.CASCADE, related_name="pending_registrations", verbose_name=_("call")
    )
    email = models.EmailField(_("e-mail address"), max_length=EMAIL_MAX)
    email_normalised = models.CharField(_("normalised e-mail address"), max_length=EMAIL_MAX, editable=False)
    submission = models.JSONField(_("what was submitted"))
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    expires_at = models.DateTimeField(_("link expires"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("registration awaiting confirmation")
        verbose_name_plural = _("registrations awaiting confirmation")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="pending_registration_expires_after_created"
            ),
        ]
        indexes = [models.Index(fields=["email_normalised", "created_at"]), models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.email} · {self.call_id}"

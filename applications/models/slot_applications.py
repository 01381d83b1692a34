"""Applications of people for slots, the reviewers' scores and notes, and each change of state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icm_portal.validators import validate_single_line
from mobilities.slots.states import LanguageLevel

from ..selection.states import ApplicationState
from .registrations import NAME_MAX, StudyLevel

MOTIVATION_MAX = 5000


def application_document_path(instance, filename):
    return f"applications/{instance.slot_id}/{instance.applicant_id}/{filename}"


class Application(models.Model):
    """One person's application for one slot; documents are served only to those allowed."""

    slot = models.ForeignKey(
        "mobilities.Slot", on_delete=models.PROTECT, related_name="applications", verbose_name=_("slot")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mobility_applications",
        verbose_name=_("applicant"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX, validators=[validate_single_line])
    study_level = models.CharField(_("study level"), max_length=8, choices=StudyLevel.choices, blank=True)
    home_institution = models.ForeignKey(
        "projects.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home institution"),
    )
    motivation = models.TextField(_("motivation"), max_length=MOTIVATION_MAX)
    cv = models.FileField(_("CV"), upload_to=application_document_path, max_length=300)
    transcript = models.FileField(
        _("transcript of records"), upload_to=application_document_path, max_length=300, blank=True
    )
    language_level = models.CharField(_("language level"), max_length=2, choices=LanguageLevel.choices, blank=True)
    language = models.CharField(
        _("language for correspondence"), max_length=2, choices=[("en", _("English")), ("nl", _("Dutch"))]
    )
    consent_at = models.DateTimeField(_("consent given"))
    state = models.CharField(
        _("state"), max_length=16, choices=ApplicationState.choices, default=ApplicationState.SUBMITTED
    )
    reserve_position = models.PositiveSmallIntegerField(_("place on the reserve list"), null=True, blank=True)
    decision_note = models.TextField(_("note to the applicant"), blank=True)
    offered_at = models.DateTimeField(_("place offered"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["slot", "applicant"], name="one_application_per_person_per_slot"),
            models.UniqueConstraint(
                fields=["slot", "reserve_position"],
                condition=Q(state=ApplicationState.RESERVE),
                name="one_application_per_reserve_position",
            ),
            models.CheckConstraint(condition=Q(state__in=ApplicationState.values), name="application_state_known"),
            models.CheckConstraint(
                condition=Q(reserve_position__isnull=True) | Q(state=ApplicationState.RESERVE),
                name="application_reserve_position_only_on_reserve",
            ),
            models.CheckConstraint(condition=Q(language__in=["en", "nl"]), name="application_language_known"),
        ]
        indexes = [models.Index(fields=["slot", "state"]), models.Index(fields=["applicant", "submitted_at"])]

    def __str__(self):
        return f"{self.name} · {self.slot}"


class ApplicationReview(models.Model):
    """One reviewer's score and notes on an application; the applicant never sees them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (1–5)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=3000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["updated_at", "id"]
        verbose_name = _("application review")
        verbose_name_plural = _("application reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_per_reviewer_per_application"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=1) & Q(score__lte=5)), name="application_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.reviewer}"


class ApplicationStateChange(models.Model):
    """One decision on an application: who took it, when, from which state to which, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(_("from"), max_length=16, choices=ApplicationState.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=ApplicationState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("application state change")
        verbose_name_plural = _("application state changes")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"

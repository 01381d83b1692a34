"""A requested Excel export of a call's registrations, written by a Celery task that records its progress."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def registration_export_path(instance, filename):
    """Under MEDIA_ROOT, never served as media: only the download view hands the file to IR staff."""
    return f"registration-exports/{instance.call_id}/{filename}"


class RegistrationExport(models.Model):
    """One requested XLSX file of a call's registrations, with the list's filters it was asked with."""

    call = models.ForeignKey("projects.Call", on_delete=models.CASCADE, related_name="registration_exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    query = models.TextField(_("filters"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    state = models.CharField(_("state"), max_length=16, choices=ExportState.choices, default=ExportState.QUEUED)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    total = models.PositiveIntegerField(_("rows to write"), default=0)
    file = models.FileField(_("file"), upload_to=registration_export_path, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ExportState.values), name="applications_registration_export_state_known"
            ),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="applications_registration_export_progress_within"
            ),
        ]

    def __str__(self):
        return f"{self.call_id} · {self.get_state_display()}"

    @property
    def is_ready(self):
        return self.state == ExportState.READY

    @property
    def is_running(self):
        """Queued or being built: the page follows its progress."""
        return self.state in (ExportState.QUEUED, ExportState.BUILDING)

    @property
    def percent(self):
        return 100 if not self.total else int(Decimal(self.done) * 100 / self.total)

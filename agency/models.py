"""The institution's application to the National Agency for one call, the proposals it holds, the
budget the NA awarded per region and partner country, and the dossiers built for it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from icm_portal.validators import validate_portal_date

from .lifecycle import ApplicationState


class AgencyApplication(models.Model):
    """The one KA171 application the IR office submits to the National Agency for a call.

    Assembled from the call's proposals; its totals are theirs, summed from their flows'
    stored figures. Once submitted, its proposals stay in it (the database holds that too).
    """

    call = models.OneToOneField(
        "projects.Call", on_delete=models.PROTECT, related_name="agency_application", verbose_name=_("call")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ApplicationState.choices, default=ApplicationState.PREPARING
    )
    proposals = models.ManyToManyField(
        "projects.Proposal",
        through="HeldProposal",
        related_name="agency_applications",
        verbose_name=_("proposals"),
        blank=True,
    )
    submitted_on = models.DateField(
        _("submitted to the National Agency on"), null=True, blank=True, validators=[validate_portal_date]
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the application asked when it went in, to show later whether its proposals changed since.
    submitted_total = models.DecimalField(
        _("requested when submitted (EUR)"), max_digits=14, decimal_places=2, null=True
    )
    submitted_participants = models.PositiveIntegerField(_("participants when submitted"), null=True)
    decided_at = models.DateTimeField(_("decision entered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application to the National Agency")
        verbose_name_plural = _("applications to the National Agency")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ApplicationState.values), name="agency_application_state_known"
            ),
            models.CheckConstraint(
                condition=Q(state=ApplicationState.PREPARING) | Q(submitted_on__isnull=False),
                name="agency_application_sent_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=ApplicationState.DECIDED) | Q(decided_at__isnull=False),
                name="agency_application_decided_has_moment",
            ),
        ]

    def __str__(self):
        return str(_("Application to the National Agency: %(call)s") % {"call": self.call})


class HeldProposal(models.Model):
    """A proposal the application holds (of the application's own call)."""

    application = models.ForeignKey(AgencyApplication, on_delete=models.CASCADE, related_name="held")
    proposal = models.ForeignKey("projects.Proposal", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["application_id", "proposal_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "proposal"], name="agency_proposal_held_once"),
        ]

    def __str__(self):
        return f"{self.application_id} · {self.proposal_id}"


class BudgetShare(models.Model):
    """What the National Agency awarded for one partner country of a region; a region's share is the
    sum of its countries' (money may move between the countries of one region)."""

    application = models.ForeignKey(AgencyApplication, on_delete=models.CASCADE, related_name="shares")
    region = models.CharField(_("region"), max_length=40)
    country = CountryField(_("partner country"))
    amount = models.DecimalField(_("awarded by the National Agency (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["application_id", "region", "country"]
        verbose_name = _("budget share")
        verbose_name_plural = _("budget shares")
        constraints = [
            models.UniqueConstraint(fields=["application", "country"], name="agency_one_share_per_country"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="agency_share_not_negative"),
        ]

    def __str__(self):
        return f"{self.region} · {self.country}: {self.amount}"


class DossierState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def dossier_path(instance, filename):
    return f"agency/{instance.application_id}/{filename}"


class Dossier(models.Model):
    """One build of the narratives' dossier (DOCX), written by a Celery task that records its progress."""

    application = models.ForeignKey(AgencyApplication, on_delete=models.CASCADE, related_name="dossiers")
    state = models.CharField(_("state"), max_length=16, choices=DossierState.choices, default=DossierState.QUEUED)
    done = models.PositiveIntegerField(_("proposals written"), default=0)
    total = models.PositiveIntegerField(_("proposals to write"), default=0)
    file = models.FileField(_("file"), upload_to=dossier_path, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=DossierState.values), name="agency_dossier_state_known"),
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="agency_dossier_progress_within"),
        ]

    def __str__(self):
        return f"{self.application_id} · {self.get_state_display()}"

    @property
    def is_ready(self):
        return self.state == DossierState.READY

    @property
    def is_running(self):
        """Queued or being built: the page follows its progress."""
        return self.state in (DossierState.QUEUED, DossierState.BUILDING)

    @property
    def percent(self):
        return 100 if not self.total else int(Decimal(self.done) * 100 / self.total)

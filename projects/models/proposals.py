"""Proposals with their state history and attachments."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icm_portal.validators import validate_single_line

from ..proposals.lifecycle import DECIDED, ProposalState


class Proposal(models.Model):
    """An exchange project a coordinator proposes to a call.

    The requested amount is the sum of its flows' grants, stored by the drafting and
    submission services whenever they price the flows; the awarded amount is set only by
    the award service. Its state changes only through ``change_state`` (see its lifecycle).
    """

    call = models.ForeignKey(
        "projects.Call", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    unit = models.ForeignKey(
        "projects.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("unit"),
    )
    partner = models.ForeignKey(
        "projects.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("partner university"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_proposals",
        verbose_name=_("coordinator"),
    )
    co_coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_coordinated_proposals", verbose_name=_("co-coordinators")
    )
    summary = models.TextField(_("summary"), blank=True)
    partner_needs = models.TextField(_("the partner's needs and the aims"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    strategy_fit = models.TextField(_("fit with the university's strategy"), blank=True)
    earlier_cooperation = models.TextField(_("earlier cooperation"), blank=True)
    dissemination = models.TextField(_("how results will be shared"), blank=True)

    language = models.CharField(
        _("language for correspondence"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the coordinator last used the portal in; their mails are written in it."),
    )
    state = models.CharField(_("state"), max_length=16, choices=ProposalState.choices, default=ProposalState.DRAFT)
    requested_amount = models.DecimalField(
        _("requested amount (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    awarded_amount = models.DecimalField(
        _("awarded amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    feedback = models.TextField(_("feedback to the coordinator"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_known"),
            models.CheckConstraint(condition=Q(requested_amount__gte=0), name="proposal_requested_not_negative"),
            models.CheckConstraint(
                condition=Q(awarded_amount__isnull=True)
                | (Q(awarded_amount__gte=0) & Q(awarded_amount__lte=F("requested_amount"))),
                name="proposal_award_within_request",
            ),
        ]
        indexes = [
            models.Index(fields=["call", "state"]),
            # A coordinator's proposals in a state (their home page, "My proposals" filtered), latest first.
            models.Index(fields=["state", "-updated_at"], name="proposal_state_updated_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_decided(self):
        return self.state in DECIDED


class StateChange(models.Model):
    """One change of a proposal's state: who, when, from, to, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(_("from"), max_length=16, choices=ProposalState.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=ProposalState.choices)
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
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


def attachment_path(instance, filename):
    return f"proposals/{instance.proposal_id}/{filename}"


class Attachment(models.Model):
    """A PDF attached to a proposal (letters of support), served only through a view."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name

"""Calls: their windows, their envelope from the National Agency, their rates and IR contacts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icm_portal.bilingual import in_language
from icm_portal.validators import (
    EARLIEST_DATE,
    EARLIEST_INSTANT,
    LATEST_DATE,
    LATEST_INSTANT,
    validate_portal_date,
    validate_portal_year,
    validate_single_line,
)


class Call(models.Model):
    """A KA171 call: its windows, its envelope from the National Agency, its rates."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_portal_year])
    description = models.TextField(_("description"), blank=True)
    description_nl = models.TextField(
        _("description in Dutch"), blank=True, help_text=_("Shown to visitors who read the portal in Dutch.")
    )
    proposals_open = models.DateTimeField(_("proposals open"), validators=[validate_portal_date])
    proposals_close = models.DateTimeField(_("proposal deadline"), validators=[validate_portal_date])
    registration_open = models.DateTimeField(_("interest registration opens"), validators=[validate_portal_date])
    registration_close = models.DateTimeField(_("interest registration closes"), validators=[validate_portal_date])
    envelope = models.DecimalField(_("envelope (EUR)"), max_digits=12, decimal_places=2)
    rate_table = models.ForeignKey(
        "mobilities.RateTable", on_delete=models.PROTECT, related_name="calls", verbose_name=_("rate table")
    )
    # The call's page lists its awarded projects only from here on: IR staff publish the decisions
    # once they are final, not as each award is made.
    decisions_published_at = models.DateTimeField(_("decisions published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-proposals_close"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(condition=Q(envelope__gte=0), name="call_envelope_not_negative"),
            models.CheckConstraint(
                condition=Q(proposals_close__gt=F("proposals_open")), name="call_proposal_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(registration_close__gt=F("registration_open")), name="call_registration_window_ordered"
            ),
            # Within 2000–2100: a date in year 1 cannot even be shown in Amsterdam time.
            models.CheckConstraint(
                condition=Q(proposals_open__gte=EARLIEST_INSTANT)
                & Q(proposals_close__lt=LATEST_INSTANT)
                & Q(registration_open__gte=EARLIEST_INSTANT)
                & Q(registration_close__lt=LATEST_INSTANT),
                name="call_dates_2000_to_2100",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_DATE.year) & Q(year__lte=LATEST_DATE.year), name="call_year_2000_to_2100"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def localised_description(self):
        """The description in the visitor's language."""
        return in_language(self.description, self.description_nl)

    def accepts_proposals(self, at=None):
        at = at or timezone.now()
        return self.proposals_open <= at < self.proposals_close

    def accepts_registrations(self, at=None):
        at = at or timezone.now()
        return self.registration_open <= at < self.registration_close


class NotificationChoice(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately, one mail per event")
    DAILY = "daily", _("One daily digest")


class CallContact(models.Model):
    """An International Relations contact of a call, who receives its notifications."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("call"))
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    notification = models.CharField(
        _("notifications"), max_length=16, choices=NotificationChoice.choices, default=NotificationChoice.IMMEDIATE
    )

    class Meta:
        ordering = ["call_id", "name"]
        verbose_name = _("call contact")
        verbose_name_plural = _("call contacts")
        constraints = [models.UniqueConstraint(fields=["call", "email"], name="one_contact_per_address_per_call")]

    def __str__(self):
        return f"{self.name} <{self.email}>"

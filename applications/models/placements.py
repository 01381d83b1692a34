"""Placements: a selected applicant's actual stay, and the grant computed on its dates."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Placement(models.Model):
    """A selection turned into a stay with real dates; the amounts are ``mobilities.budget``'s."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="placement", verbose_name=_("application")
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    travel_days = models.PositiveSmallIntegerField(_("funded travel days"), default=0)
    green_travel = models.BooleanField(_("green travel"), default=False)
    counted_days = models.PositiveSmallIntegerField(_("days counted"), default=0)
    individual_support = models.DecimalField(
        _("individual support"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    travel = models.DecimalField(_("travel"), max_digits=10, decimal_places=2, default=Decimal("0"))
    grant = models.DecimalField(_("grant"), max_digits=10, decimal_places=2, default=Decimal("0"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="placement_dates_ordered"),
            models.CheckConstraint(
                condition=Q(individual_support__gte=0) & Q(travel__gte=0) & Q(grant__gte=0),
                name="placement_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.start_date}–{self.end_date}"

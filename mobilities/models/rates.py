"""KA171 unit costs: a rate table per call year, its travel bands and individual support rates."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from icm_portal.validators import validate_portal_year

from .. import budget


class Activity(models.TextChoices):
    """The calculator's activities (``budget.ACTIVITIES``, the one list), with their names."""

    STUDENT_STUDY = budget.STUDENT_STUDY, _("Student mobility for studies")
    STUDENT_TRAINEESHIP = budget.STUDENT_TRAINEESHIP, _("Student traineeship")
    DOCTORAL_SHORT = budget.DOCTORAL_SHORT, _("Short-term doctoral mobility")
    STAFF_TEACHING = budget.STAFF_TEACHING, _("Staff mobility for teaching")
    STAFF_TRAINING = budget.STAFF_TRAINING, _("Staff mobility for training")


class Direction(models.TextChoices):
    INCOMING = budget.INCOMING, _("Incoming (partner to home university)")
    OUTGOING = budget.OUTGOING, _("Outgoing (home university to partner)")


class RateTable(models.Model):
    """The unit costs of one call year; rates are data, never constants in code."""

    year = models.PositiveSmallIntegerField(_("call year"), unique=True, validators=[validate_portal_year])
    name = models.CharField(_("name"), max_length=120)
    notes = models.TextField(_("notes"), blank=True)

    staff_reduction_from_day = models.PositiveSmallIntegerField(
        _("staff: reduced rate from day"), default=15, help_text=_("From this funded day on, staff get a percentage.")
    )
    staff_reduced_percent = models.DecimalField(
        _("staff: reduced rate (%)"), max_digits=5, decimal_places=2, default=Decimal("70")
    )
    staff_last_funded_day = models.PositiveSmallIntegerField(_("staff: last funded day"), default=60)
    staff_rules_source = models.CharField(_("source (staff days)"), max_length=300, blank=True)
    staff_rules_to_verify = models.BooleanField(_("to verify (staff days)"), default=False)
    travel_days_standard = models.PositiveSmallIntegerField(_("funded travel days"), default=2)
    travel_days_green = models.PositiveSmallIntegerField(_("funded travel days with green travel"), default=6)
    travel_days_source = models.CharField(_("source (travel days)"), max_length=300, blank=True)
    travel_days_to_verify = models.BooleanField(_("to verify (travel days)"), default=False)
    organisational_support = models.DecimalField(
        _("organisational support per participant (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    organisational_support_source = models.CharField(_("source (organisational support)"), max_length=300, blank=True)
    organisational_support_to_verify = models.BooleanField(_("to verify (organisational support)"), default=False)
    doctoral_daily = models.DecimalField(
        _("doctoral short-term: daily rate (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    doctoral_reduced_daily = models.DecimalField(
        _("doctoral short-term: reduced daily rate (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    doctoral_reduction_from_day = models.PositiveSmallIntegerField(
        _("doctoral short-term: reduced rate from day"), default=15
    )
    doctoral_source = models.CharField(_("source (doctoral short-term)"), max_length=300, blank=True)
    doctoral_to_verify = models.BooleanField(_("to verify (doctoral short-term)"), default=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("rate table")
        verbose_name_plural = _("rate tables")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisational_support__gte=0)
                & Q(doctoral_daily__gte=0)
                & Q(doctoral_reduced_daily__gte=0),
                name="rate_table_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(staff_reduced_percent__gte=0) & Q(staff_reduced_percent__lte=100),
                name="rate_table_staff_percent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(staff_reduction_from_day__gte=1)
                & Q(doctoral_reduction_from_day__gte=1)
                & Q(staff_last_funded_day__gte=1),
                name="rate_table_days_positive",
            ),
            models.CheckConstraint(
                condition=Q(travel_days_green__gte=F("travel_days_standard")),
                name="rate_table_green_travel_days_at_least_standard",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="rate_table_year_2000_to_2100"
            ),
        ]

    def __str__(self):
        return self.name


class TravelBand(models.Model):
    """One distance band of a rate table: travel per participant, standard and green."""

    rate_table = models.ForeignKey(
        RateTable, on_delete=models.CASCADE, related_name="travel_bands", verbose_name=_("rate table")
    )
    min_km = models.PositiveIntegerField(_("from (km)"))
    max_km = models.PositiveIntegerField(_("to (km)"), null=True, blank=True, help_text=_("Empty for the last band."))
    standard = models.DecimalField(_("standard travel (EUR)"), max_digits=8, decimal_places=2)
    green = models.DecimalField(
        _("green travel (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty where green travel has no rate of its own (the standard one applies)."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    to_verify = models.BooleanField(_("to verify"), default=False)

    class Meta:
        ordering = ["rate_table_id", "min_km"]
        verbose_name = _("travel band")
        verbose_name_plural = _("travel bands")
        constraints = [
            models.UniqueConstraint(fields=["rate_table", "min_km"], name="one_travel_band_per_lower_bound"),
            models.CheckConstraint(
                condition=Q(max_km__isnull=True) | Q(max_km__gte=F("min_km")), name="travel_band_bounds_ordered"
            ),
            models.CheckConstraint(
                condition=Q(standard__gte=0) & (Q(green__isnull=True) | Q(green__gte=0)),
                name="travel_band_amounts_not_negative",
            ),
        ]

    def __str__(self):
        upper = f"{self.max_km}" if self.max_km is not None else "+"
        return f"{self.min_km}–{upper} km"

    @property
    def label(self):
        return f"{self.min_km}+" if self.max_km is None else f"{self.min_km}-{self.max_km}"


class SupportKind(models.TextChoices):
    STUDENT = "student", _("Student (per month)")
    STAFF = "staff", _("Staff (per day)")


class ReceivingGroup(models.IntegerChoices):
    ANY = 0, _("Any receiving country")
    GROUP_1 = 1, _("Group 1")
    GROUP_2 = 2, _("Group 2")
    GROUP_3 = 3, _("Group 3")


class IndividualSupportRate(models.Model):
    """Individual support by participant kind, direction and receiving-country group."""

    rate_table = models.ForeignKey(
        RateTable, on_delete=models.CASCADE, related_name="support_rates", verbose_name=_("rate table")
    )
    kind = models.CharField(_("participant"), max_length=16, choices=SupportKind.choices)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    receiving_group = models.PositiveSmallIntegerField(
        _("receiving-country group"), choices=ReceivingGroup.choices, default=ReceivingGroup.ANY
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=8, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    to_verify = models.BooleanField(_("to verify"), default=False)

    class Meta:
        ordering = ["rate_table_id", "kind", "direction", "receiving_group"]
        verbose_name = _("individual support rate")
        verbose_name_plural = _("individual support rates")
        constraints = [
            models.UniqueConstraint(
                fields=["rate_table", "kind", "direction", "receiving_group"], name="one_support_rate_per_case"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="support_rate_not_negative"),
            models.CheckConstraint(condition=Q(receiving_group__lte=3), name="support_rate_group_known"),
            models.CheckConstraint(condition=Q(kind__in=SupportKind.values), name="support_rate_kind_known"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.get_direction_display()} · {self.get_receiving_group_display()}"

"""The planned mobility flows of a proposal, with their grant figures."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .. import budget
from ..limits import MAX_DAYS_PER_PARTICIPANT, MAX_PARTICIPANTS_PER_FLOW
from .rates import Activity, Direction


class Flow(models.Model):
    """Planned mobilities of one kind in a proposal, with its grant figures.

    The figures are stored as ``mobilities.budget`` computed them when the flows' writer
    priced the flow (``mobilities.flows``), so that the requested amount is never typed by
    hand and stays what the coordinator saw; an award stores what it pays for the flow.
    """

    proposal = models.ForeignKey(
        "projects.Proposal", on_delete=models.CASCADE, related_name="flows", verbose_name=_("proposal")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    activity = models.CharField(_("activity"), max_length=32, choices=Activity.choices)
    participants = models.PositiveSmallIntegerField(_("participants"), default=1)
    days = models.PositiveSmallIntegerField(_("days per participant"))
    green_travel = models.BooleanField(_("green travel"), default=False)
    travel_days = models.PositiveSmallIntegerField(_("funded travel days"), default=2)
    distance_km = models.DecimalField(_("distance (km)"), max_digits=7, decimal_places=1, null=True, blank=True)
    distance_band = models.CharField(_("distance band"), max_length=16, blank=True)
    travel_per_participant = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    individual_support_per_participant = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    grant_per_participant = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    funded_days = models.PositiveSmallIntegerField(default=0)
    organisational_support = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    grant_total = models.DecimalField(
        _("grant"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Participants × grant per participant, plus organisational support."),
    )
    awarded_participants = models.PositiveSmallIntegerField(_("awarded participants"), null=True, blank=True)
    awarded_amount = models.DecimalField(
        _("awarded grant"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What the award pays for this flow: its awarded participants' grants."),
    )

    class Meta:
        ordering = ["proposal_id", "position", "id"]
        verbose_name = _("mobility flow")
        verbose_name_plural = _("mobility flows")
        constraints = [
            models.CheckConstraint(condition=Q(participants__gte=1), name="flow_participants_at_least_one"),
            models.CheckConstraint(condition=Q(days__gte=1), name="flow_days_positive"),
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_PARTICIPANTS_PER_FLOW) & Q(days__lte=MAX_DAYS_PER_PARTICIPANT),
                name="flow_participants_and_days_bounded",
            ),
            models.CheckConstraint(
                condition=Q(travel_per_participant__gte=0)
                & Q(individual_support_per_participant__gte=0)
                & Q(grant_per_participant__gte=0)
                & Q(organisational_support__gte=0)
                & Q(grant_total__gte=0),
                name="flow_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(awarded_participants__isnull=True) | Q(awarded_participants__lte=F("participants")),
                name="flow_awarded_participants_within_planned",
            ),
            models.CheckConstraint(
                condition=Q(awarded_amount__isnull=True)
                | (Q(awarded_amount__gte=0) & Q(awarded_amount__lte=F("grant_total"))),
                name="flow_awarded_amount_within_grant",
            ),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="flow_direction_known"),
            models.CheckConstraint(condition=Q(activity__in=Activity.values), name="flow_activity_known"),
        ]

    def __str__(self):
        return f"{self.get_direction_display()} · {self.get_activity_display()} · {self.participants}"

    @property
    def is_staff_mobility(self):
        """A staff member's mobility (teaching or training): funded travel days count."""
        return self.activity in budget.STAFF_ACTIVITIES

"""Mobility slots: places an awarded flow opens, with who may apply, when and for how long."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icm_portal.validators import validate_single_line

from ..limits import MAX_DAYS_PER_PARTICIPANT, MAX_PARTICIPANTS_PER_FLOW
from ..slots.states import ApplicantsFrom, LanguageLevel, SlotState


class Slot(models.Model):
    """Places of one awarded flow that people apply for; the flow gives direction and activity.

    The host is a unit of the home university (incoming flows) or the proposal's partner
    (outgoing flows). The places of a flow's slots never exceed its awarded participants: the
    slots' service checks it under a lock on the flow, and a PostgreSQL trigger holds it.
    """

    flow = models.ForeignKey(
        "mobilities.Flow", on_delete=models.PROTECT, related_name="slots", verbose_name=_("mobility flow")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    host_unit = models.ForeignKey(
        "projects.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_slots",
        verbose_name=_("host unit"),
    )
    host_institution = models.ForeignKey(
        "projects.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_slots",
        verbose_name=_("host university"),
    )
    applicants_from = models.CharField(_("who may apply"), max_length=8, choices=ApplicantsFrom.choices)
    for_bachelor = models.BooleanField(_("bachelor students"), default=False)
    for_master = models.BooleanField(_("master students"), default=False)
    for_phd = models.BooleanField(_("PhD candidates"), default=False)
    earliest_start = models.DateField(_("earliest start"))
    latest_end = models.DateField(_("latest end"))
    min_days = models.PositiveSmallIntegerField(_("shortest stay (days)"))
    max_days = models.PositiveSmallIntegerField(_("longest stay (days)"))
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    description = models.TextField(_("description"), max_length=5000)
    eligibility = models.TextField(_("who is eligible"), max_length=3000, blank=True)
    language = models.CharField(_("language of the stay"), max_length=60, blank=True, validators=[validate_single_line])
    language_level = models.CharField(
        _("language level required"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    requires_transcript = models.BooleanField(_("transcript of records required"), default=False)
    other_documents = models.CharField(
        _("other documents asked for"), max_length=300, blank=True, validators=[validate_single_line]
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    state = models.CharField(_("state"), max_length=16, choices=SlotState.choices, default=SlotState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["closes_at", "id"]
        verbose_name = _("mobility slot")
        verbose_name_plural = _("mobility slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=MAX_PARTICIPANTS_PER_FLOW), name="slot_places_bounded"
            ),
            models.CheckConstraint(
                condition=Q(min_days__gte=1)
                & Q(min_days__lte=F("max_days"))
                & Q(max_days__lte=MAX_DAYS_PER_PARTICIPANT),
                name="slot_duration_range_ordered",
            ),
            models.CheckConstraint(condition=Q(latest_end__gt=F("earliest_start")), name="slot_period_ordered"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="slot_window_ordered"),
            models.CheckConstraint(
                condition=Q(host_unit__isnull=True) ^ Q(host_institution__isnull=True), name="slot_has_one_host"
            ),
            models.CheckConstraint(condition=Q(state__in=SlotState.values), name="slot_state_known"),
            models.CheckConstraint(
                condition=Q(applicants_from__in=ApplicantsFrom.values), name="slot_applicants_from_known"
            ),
        ]
        indexes = [models.Index(fields=["state", "closes_at"]), models.Index(fields=["flow", "state"])]

    def __str__(self):
        return self.title

    @property
    def levels(self):
        """The names of the study levels that may apply (none for staff)."""
        return [
            self._meta.get_field(name).verbose_name
            for name in ("for_bachelor", "for_master", "for_phd")
            if getattr(self, name)
        ]

    @property
    def is_public(self):
        """Shown on the public pages: open, or past its window and kept for the record."""
        return self.state in (SlotState.OPEN, SlotState.CLOSED, SlotState.FILLED)


class SlotStateChange(models.Model):
    """One change of a slot's state: who, when, from, to."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(_("from"), max_length=16, choices=SlotState.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=SlotState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("slot state change")
        verbose_name_plural = _("slot state changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_state__in=SlotState.values) & Q(to_state__in=SlotState.values),
                name="slot_state_change_states_known",
            )
        ]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"

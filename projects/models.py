"""Calls, the partner-university directory, units of the home university, and
proposals with their state history, attachments and reviews."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from icm_portal.validators import (
    EARLIEST_DATE,
    EARLIEST_INSTANT,
    LATEST_DATE,
    LATEST_INSTANT,
    validate_portal_date,
    validate_portal_year,
    validate_single_line,
)


class Region(models.TextChoices):
    """Programme Guide regions, stored by name (their numbers change between years)."""

    WESTERN_BALKANS = "Western Balkans", _("Western Balkans")
    NEIGHBOURHOOD_EAST = "Neighbourhood East", _("Neighbourhood East")
    SOUTH_MEDITERRANEAN = "South Mediterranean", _("South Mediterranean")
    RUSSIA = "Russian Federation", _("Russian Federation")
    MIDDLE_EAST = "Middle East", _("Middle East")
    ASIA = "Asia", _("Asia")
    CENTRAL_ASIA = "Central Asia", _("Central Asia")
    SUB_SAHARAN_AFRICA = "Sub-Saharan Africa", _("Sub-Saharan Africa")
    LATIN_AMERICA = "Latin America", _("Latin America")
    CARIBBEAN = "Caribbean", _("Caribbean")
    PACIFIC = "Pacific", _("Pacific")
    US_CANADA = "United States and Canada", _("United States and Canada")
    EU_ASSOCIATED = "EU and associated countries", _("EU and associated countries")
    OTHER = "Other", _("Other")


erasmus_code_validator = RegexValidator(
    r"^[A-Z]{1,3} {1,3}[A-Z][A-Z-]{0,8}[0-9]{2}$",
    _("Enter an Erasmus code: country code, space(s), city code and two digits, e.g. “NL LEIDEN01”."),
)
schac_code_validator = RegexValidator(
    r"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a SCHAC code: the institution's internet domain in lower case, e.g. “leidenuniv.nl”."),
)
oid_validator = RegexValidator(r"^E[0-9]{8}$", _("Enter an OID: “E” and 8 digits, e.g. “E10209162”."))
pic_validator = RegexValidator(r"^[0-9]{9}$", _("Enter a PIC: 9 digits, e.g. “999986096”."))


class Institution(models.Model):
    """A partner university, or the home university (exactly one)."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, validators=[validate_single_line])
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)
    is_home = models.BooleanField(_("home university"), default=False)
    erasmus_code = models.CharField(_("Erasmus code"), max_length=20, blank=True, validators=[erasmus_code_validator])
    schac_code = models.CharField(_("SCHAC code"), max_length=253, blank=True, validators=[schac_code_validator])
    oid = models.CharField(_("OID"), max_length=9, blank=True, validators=[oid_validator])
    pic = models.CharField(_("PIC"), max_length=9, blank=True, validators=[pic_validator])
    website = models.URLField(_("website"), blank=True)
    is_confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Partners requested by a coordinator wait for IR staff to confirm.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(fields=["is_home"], condition=Q(is_home=True), name="one_home_institution"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90) & Q(longitude__gte=-180) & Q(longitude__lte=180),
                name="institution_coordinates_on_earth",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city})"


class Unit(models.Model):
    """A faculty or institute of the home university."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_single_line])
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class Call(models.Model):
    """A KA171 call: its windows, its envelope from the National Agency, its rates."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_portal_year])
    description = models.TextField(_("description"), blank=True)
    proposals_open = models.DateTimeField(_("proposals open"), validators=[validate_portal_date])
    proposals_close = models.DateTimeField(_("proposal deadline"), validators=[validate_portal_date])
    registration_open = models.DateTimeField(_("interest registration opens"), validators=[validate_portal_date])
    registration_close = models.DateTimeField(_("interest registration closes"), validators=[validate_portal_date])
    envelope = models.DecimalField(_("envelope (EUR)"), max_digits=12, decimal_places=2)
    rate_table = models.ForeignKey(
        "mobilities.RateTable", on_delete=models.PROTECT, related_name="calls", verbose_name=_("rate table")
    )
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


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    """An exchange project a coordinator proposes to a call.

    The requested amount is the sum of the flows' grants, computed on save; the
    awarded amount is set only by the award service.
    """

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals", verbose_name=_("unit")
    )
    partner = models.ForeignKey(
        Institution,
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
        indexes = [models.Index(fields=["call", "state"])]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.state == ProposalState.DRAFT

    @property
    def is_decided(self):
        return self.state in (ProposalState.AWARDED, ProposalState.REJECTED)


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


class Recommendation(models.TextChoices):
    AWARD = "award", _("Award")
    AWARD_REDUCED = "award_reduced", _("Award reduced")
    REJECT = "reject", _("Reject")


def _score_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Review(models.Model):
    """One IR staff member's scores of one proposal (once each, editable until the decision)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    relevance = _score_field(_("relevance"))
    quality = _score_field(_("quality of design"))
    impact = _score_field(_("the partner's needs and impact"))
    budget = _score_field(_("soundness of the budget"))
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=16, choices=Recommendation.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_reviewer"),
            models.CheckConstraint(
                condition=Q(relevance__range=(1, 5))
                & Q(quality__range=(1, 5))
                & Q(impact__range=(1, 5))
                & Q(budget__range=(1, 5)),
                name="review_scores_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.proposal} · {self.reviewer}"

    @property
    def average(self):
        return Decimal(self.relevance + self.quality + self.impact + self.budget) / 4

"""Reviews: one IR staff member's scores of one proposal."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Recommendation(models.TextChoices):
    AWARD = "award", _("Award")
    AWARD_REDUCED = "award_reduced", _("Award reduced")
    REJECT = "reject", _("Reject")


def _score_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Review(models.Model):
    """One IR staff member's scores of one proposal (once each, editable until the decision)."""

    proposal = models.ForeignKey("projects.Proposal", on_delete=models.CASCADE, related_name="reviews")
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

"""Invitations to apply: the one mail a person whose interest matches an opened slot receives."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SlotInvitation(models.Model):
    """Registration × slot, at most once: a slot opened again never mails the same person twice."""

    slot = models.ForeignKey("mobilities.Slot", on_delete=models.CASCADE, related_name="invitations")
    registration = models.ForeignKey("applications.Registration", on_delete=models.CASCADE, related_name="invitations")
    sent_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        constraints = [
            models.UniqueConstraint(fields=["slot", "registration"], name="one_invitation_per_registration_per_slot")
        ]

    def __str__(self):
        return f"{self.registration} · {self.slot}"

"""The outbox: every e-mail the portal sends, kept as a row from the event until it is sent."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("pending")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    DIGESTED = "digested", _("merged into a digest")


class Message(models.Model):
    """One e-mail to one person about one event, rendered when the event happened."""

    to_email = models.EmailField(_("recipient address"))
    to_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    template = models.CharField(_("template"), max_length=100)
    event_key = models.CharField(_("event"), max_length=200)
    # sha256 of (event_key, lower-cased address): the same event notified twice makes one row.
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True, editable=False)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("about (type)")
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    # Held for the recipient's daily digest instead of being sent on its own.
    digest = models.BooleanField(_("for the daily digest"), default=False)
    digest_message = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digested",
        verbose_name=_("sent within digest"),
    )
    send_after = models.DateTimeField(_("next attempt due"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed by a worker at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        indexes = [models.Index(fields=["status", "send_after"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="outbox_status_known"),
            models.CheckConstraint(
                condition=~Q(status=Status.SENT) | Q(sent_at__isnull=False), name="outbox_sent_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SENDING) | Q(claimed_at__isnull=False), name="outbox_sending_is_claimed"
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

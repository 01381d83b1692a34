"""The states of a slot; the lifecycle that moves a slot between them sits beside this module."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SlotState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")
    FILLED = "filled", _("Filled")
    CANCELLED = "cancelled", _("Cancelled")


class ApplicantsFrom(models.TextChoices):
    """Who may apply: the sending side selects its own people (``../domain/selection.md``)."""

    HOME = "home", _("Students or staff of the home university")
    PARTNER = "partner", _("Students or staff of the partner university")


class LanguageLevel(models.TextChoices):
    """Common European Framework of Reference levels."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Every e-mail the portal sends, kept as a row and sent by Celery after commit."""

    name = "icm_portal.outbox"
    label = "outbox"
    verbose_name = _("E-mail outbox")

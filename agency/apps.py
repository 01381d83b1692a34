from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    """The institution's application to the National Agency, assembled from a call's proposals."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "agency"
    verbose_name = _("Application to the National Agency")

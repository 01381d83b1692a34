from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IcmPortalConfig(AppConfig):
    """The project package as an app: roles, deployment checks, demo data."""

    name = "icm_portal"
    verbose_name = _("ICM Portal")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)

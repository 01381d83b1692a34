from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .validators import validate_single_line


class IcmPortalConfig(AppConfig):
    """The project package as an app: roles, deployment checks, demo data."""

    name = "icm_portal"
    verbose_name = _("ICM Portal")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)

        _refuse_control_characters_in_user_names()


def _refuse_control_characters_in_user_names():
    """A person's names reach mail headers: Django's User refuses line breaks in them here.

    Added to the fields' validators (what forms and ``full_clean`` run), not to their
    definition, so that Django's own migrations of the user model stay as they are.
    """
    for name in ("first_name", "last_name"):
        validators = get_user_model()._meta.get_field(name).validators
        if validate_single_line not in validators:
            validators.append(validate_single_line)

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"

    def ready(self):
        from icm_portal import public_cache
        from mobilities.slots.signals import slot_opened
        from projects.models import Unit

        from . import public
        from .filters import OPTIONS_IN_USE
        from .invitations import invite_when_a_slot_opens
        from .models import Registration
        from .selectors import REGISTRATION_COUNTS

        # A slot is mobilities'; the registrations it invites are this app's.
        slot_opened.connect(invite_when_a_slot_opens, dispatch_uid="applications.invite_when_a_slot_opens")
        # The public pages' cache is dropped when what they show changes.
        public.watch()
        # The registrations list's filter options: the countries and units registrations name.
        public_cache.invalidate_on_change(OPTIONS_IN_USE, Registration, Unit)
        # The calls' numbers of registrations on the staff's list of calls.
        public_cache.invalidate_on_change(REGISTRATION_COUNTS, Registration)

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"

    def ready(self):
        from mobilities.slots.signals import slot_opened

        from . import public
        from .invitations import invite_when_a_slot_opens

        # A slot is mobilities'; the registrations it invites are this app's.
        slot_opened.connect(invite_when_a_slot_opens, dispatch_uid="applications.invite_when_a_slot_opens")
        # The public pages' cache is dropped when what they show changes.
        public.watch()

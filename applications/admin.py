"""Admin for interest registrations: read-mostly, since registering and withdrawing go through the services."""

from django.contrib import admin

from .models import Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "call", "kind", "unit", "state", "created_at"]
    list_filter = ["call", "kind", "state", "study_level", "unit"]
    search_fields = ["name", "email_normalised"]
    list_select_related = ["call", "unit"]
    date_hierarchy = "created_at"
    fields = [
        "call",
        "name",
        "email",
        "kind",
        "unit",
        "study_level",
        "countries",
        "partners",
        "proposals",
        "preferred_period",
        "message",
        "language",
        "consent_at",
        "submissions",
        "created_at",
        "updated_at",
        "anonymised_at",
        "state",
        "notes",
    ]
    readonly_fields = fields  # state and notes change on the staff pages, through the services

    def has_add_permission(self, request):
        return False  # people register themselves, through the public call page

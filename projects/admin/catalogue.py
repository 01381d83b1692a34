"""Admin: calls with their IR contacts, institutions (partner universities and the home one) and units."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from icm_portal.roles import IRStaffAdminMixin
from icm_portal.validators import refuse_control_characters

from ..models import Call, CallContact, Institution, Unit
from .proposals import confirm_partners, merge_into_confirmed_partner


class NamesForm(forms.ModelForm):
    """Names typed here reach mail headers, spreadsheets and file names: no control characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "city"):
            if name in self.fields:
                self.fields[name].validators.append(refuse_control_characters)


class CallContactInline(IRStaffAdminMixin, admin.TabularInline):
    model = CallContact
    form = NamesForm
    extra = 1
    fields = ["name", "email", "language", "notification"]


@admin.register(Call)
class CallAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    form = NamesForm
    list_display = ["name", "year", "proposals_open", "proposals_close", "envelope", "rate_table"]
    list_filter = ["year"]
    search_fields = ["name"]
    list_select_related = ["rate_table"]
    inlines = [CallContactInline]
    fieldsets = [
        (None, {"fields": ["name", "year", "description", "envelope", "rate_table"]}),
        (_("Proposal window"), {"fields": ["proposals_open", "proposals_close"]}),
        (_("Interest registration window"), {"fields": ["registration_open", "registration_close"]}),
    ]


@admin.register(Institution)
class InstitutionAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    form = NamesForm
    list_display = ["name", "city", "country", "region", "erasmus_code", "is_home", "is_confirmed"]
    list_filter = ["is_confirmed", "is_home", "region", "country"]
    search_fields = ["name", "city", "erasmus_code", "schac_code", "oid", "pic"]
    actions = [confirm_partners, merge_into_confirmed_partner]
    fieldsets = [
        (None, {"fields": ["name", "is_home", "is_confirmed", "website"]}),
        (_("Place"), {"fields": ["country", "city", "region", "latitude", "longitude"]}),
        (_("Identifiers"), {"fields": ["erasmus_code", "schac_code", "oid", "pic"]}),
    ]


@admin.register(Unit)
class UnitAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    form = NamesForm
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]

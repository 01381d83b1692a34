"""Admin: calls with their IR contacts, institutions (partner universities and the home one) and units."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from icm_portal.roles import IRStaffAdminMixin

from ..calls import RATE_TABLE_FIXED, call_change_problems, save_call
from ..forms.partners import PlaceMixin
from ..models import Call, CallContact, Institution, Unit
from ..proposals.lifecycle import FUNDED
from .proposals import confirm_partners, merge_into_confirmed_partner


class CallContactInline(IRStaffAdminMixin, admin.TabularInline):
    model = CallContact
    extra = 1
    fields = ["name", "email", "language", "notification"]


class CallForm(forms.ModelForm):
    """The admin builds the fields from the fieldsets; this says beside the field what an award fixes."""

    def clean(self):
        data = super().clean()
        candidate = self.instance
        for name in ("envelope", "rate_table"):
            if name in data:
                setattr(candidate, name, data[name])
        for field, message in call_change_problems(candidate).items():
            if field in self.fields:
                self.add_error(field, message)
        return data


@admin.register(Call)
class CallAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    """A call's money is kept through ``save_call``: its envelope never below its awards, its rate
    table read-only once an award was computed with it."""

    form = CallForm
    list_display = ["name", "year", "proposals_open", "proposals_close", "envelope", "rate_table"]
    list_filter = ["year"]
    search_fields = ["name"]
    list_select_related = ["rate_table"]
    inlines = [CallContactInline]
    fieldsets = [
        (None, {"fields": ["name", "year", "description", "description_nl", "envelope", "rate_table"]}),
        (_("Proposal window"), {"fields": ["proposals_open", "proposals_close"]}),
        (_("Interest registration window"), {"fields": ["registration_open", "registration_close"]}),
    ]

    def _has_awards(self, call):
        return call is not None and call.pk is not None and call.proposals.filter(state__in=FUNDED).exists()

    def get_readonly_fields(self, request, obj=None):
        return ["rate_table"] if self._has_awards(obj) else []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and self._has_awards(self.get_object(request, object_id)):
            messages.info(request, RATE_TABLE_FIXED)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        save_call(call=obj, by=request.user)


class InstitutionForm(PlaceMixin, forms.ModelForm):
    """The region is derived from the country; coordinates left empty are looked up from the city."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = _("Leave empty to look the city up.")


@admin.register(Institution)
class InstitutionAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    form = InstitutionForm
    readonly_fields = ["region"]
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
    list_display = ["name", "name_nl", "abbreviation"]
    search_fields = ["name", "name_nl", "abbreviation"]

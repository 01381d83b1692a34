"""Admin: the rate tables, where IR staff keep each call year's unit costs.

A table whose call has an awarded proposal is frozen: the awarded grants were
computed with it. Editing it is then refused with the reason.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from icm_portal.roles import IRStaffAdminMixin

from .models import IndividualSupportRate, RateTable, TravelBand
from .services import check_rate_table_editable, rate_table_frozen_reason


class FrozenAwareInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.has_changed():
            check_rate_table_editable(self.instance)


class TravelBandInline(IRStaffAdminMixin, admin.TabularInline):
    model = TravelBand
    formset = FrozenAwareInlineFormSet
    extra = 0
    fields = ["min_km", "max_km", "standard", "green", "source", "to_verify"]


class IndividualSupportRateInline(IRStaffAdminMixin, admin.TabularInline):
    model = IndividualSupportRate
    formset = FrozenAwareInlineFormSet
    extra = 0
    fields = ["kind", "direction", "receiving_group", "amount", "source", "to_verify"]


class RateTableForm(forms.ModelForm):
    """The admin builds the fields from the fieldsets; this adds the freeze check."""

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.has_changed():
            check_rate_table_editable(self.instance)
        return data


@admin.register(RateTable)
class RateTableAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    form = RateTableForm
    list_display = ["name", "year", "organisational_support", "organisational_support_to_verify", "doctoral_to_verify"]
    inlines = [TravelBandInline, IndividualSupportRateInline]
    fieldsets = [
        (None, {"fields": ["year", "name", "notes"]}),
        (
            _("Staff: funded days"),
            {
                "fields": [
                    "staff_reduction_from_day",
                    "staff_reduced_percent",
                    "staff_last_funded_day",
                    "staff_rules_source",
                    "staff_rules_to_verify",
                ]
            },
        ),
        (
            _("Travel days"),
            {"fields": ["travel_days_standard", "travel_days_green", "travel_days_source", "travel_days_to_verify"]},
        ),
        (
            _("Organisational support"),
            {
                "fields": [
                    "organisational_support",
                    "organisational_support_source",
                    "organisational_support_to_verify",
                ]
            },
        ),
        (
            _("Short-term doctoral mobility"),
            {
                "fields": [
                    "doctoral_daily",
                    "doctoral_reduced_daily",
                    "doctoral_reduction_from_day",
                    "doctoral_source",
                    "doctoral_to_verify",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("travel_bands", "support_rates")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        table = self.get_object(request, object_id)
        reason = rate_table_frozen_reason(table)
        if reason and request.method == "GET":
            messages.warning(request, reason)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and rate_table_frozen_reason(obj):
            return False
        return super().has_delete_permission(request, obj)

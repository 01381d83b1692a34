"""Forms of a proposal: its fields and narrative, an attachment, and the notes of withdraw and return."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from icm_portal.validators import validate_single_line

from ..models import Institution, Proposal
from ..proposals.drafting import NARRATIVE_FIELDS
from ..proposals.selectors import co_coordinator_candidates


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = f"{obj.name} · {obj.city}, {obj.country.name}"
        if not obj.is_confirmed:
            label += " " + str(_("(awaiting confirmation)"))
        return label


class CoordinatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ProposalForm(forms.ModelForm):
    """Everything a coordinator types; only the title is needed for a draft."""

    new_partner_name = forms.CharField(
        label=_("Name"), max_length=200, required=False, validators=[validate_single_line]
    )
    new_partner_country = LazyTypedChoiceField(
        label=_("Country"), choices=[("", "---------"), *countries], required=False
    )
    new_partner_city = forms.CharField(
        label=_("City"), max_length=120, required=False, validators=[validate_single_line]
    )

    class Meta:
        model = Proposal
        fields = ["title", "unit", "partner", "co_coordinators", *NARRATIVE_FIELDS]
        field_classes = {"partner": PartnerChoiceField, "co_coordinators": CoordinatorChoiceField}
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in NARRATIVE_FIELDS}
        help_texts = {
            "partner": _("Type to search the directory. Not listed? Request it below."),
            "co_coordinators": _("Colleagues who may edit this proposal with you."),
        }

    def __init__(self, *args, coordinator, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name == "title"
        partners = Institution.objects.filter(is_home=False, is_confirmed=True)
        if self.instance.partner_id:
            partners = Institution.objects.filter(is_home=False).filter(pk=self.instance.partner_id) | partners
        self.fields["partner"].queryset = partners.order_by("name")
        self.fields["partner"].widget.attrs["data-partner-select"] = ""
        self.fields["co_coordinators"].queryset = co_coordinator_candidates(excluding=coordinator)
        # With JavaScript, a search box over the coordinators stands in for the multiple select.
        self.fields["co_coordinators"].widget.attrs.update(
            {
                "data-search-url": reverse("projects:co_coordinator_search"),
                "data-search-label": _("Search colleagues by name or e-mail"),
                "data-add-label": _("Add"),
                "data-remove-label": _("Remove"),
                "data-none-label": _("No co-coordinators yet."),
                "data-no-match-label": _("No coordinator matches."),
                "data-chosen-label": _("Co-coordinators"),
            }
        )

    def partner_request(self):
        """Name, country and city of a partner university to add, or None."""
        data = self.cleaned_data
        if data.get("partner") or not any(data.get(f"new_partner_{k}") for k in ("name", "country", "city")):
            return None
        return {
            "name": data.get("new_partner_name", ""),
            "country": data.get("new_partner_country", ""),
            "city": data.get("new_partner_city", ""),
        }

    def proposal_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "co_coordinators"}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("Letters of support and the like: PDF only, at most 10 MB."),
        # Sent with the proposal form (see the form template), so that attaching saves the draft first.
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf", "form": "proposal-form"}),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ActionNoteForm(forms.Form):
    """The optional note of a plain action of the lifecycle, kept in the timeline."""

    note = forms.CharField(required=False, max_length=2000)


class ReturnToDraftForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the coordinator"),
        help_text=_("What should change before the proposal is submitted again."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

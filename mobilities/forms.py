"""Forms of the mobilities app: one planned flow of a proposal, and the formset of them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Flow


class FlowForm(forms.ModelForm):
    """One flow as the coordinator plans it; the grant figures are computed, never typed."""

    class Meta:
        model = Flow
        fields = ["direction", "activity", "participants", "days", "green_travel"]
        labels = {"days": _("Days per participant")}
        help_texts = {
            "days": _(
                "Students 60–360 days; short-term doctoral 5–30 days; staff 5–60 days of activity, travel excluded."
            ),
            "green_travel": _("Train, bus or car-pool: a higher travel rate in the lower distance bands."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].min_value = 1
        self.fields["days"].min_value = 1
        for name, field in self.fields.items():
            field.widget.attrs["data-flow-field"] = name
        self.fields["participants"].widget.attrs["min"] = 1
        self.fields["days"].widget.attrs["min"] = 1

    def row(self):
        """The cleaned values as ``mobilities.flows.replace_flows`` takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BaseFlowFormSet(forms.BaseFormSet):
    def kept_forms(self):
        """The filled-in, not deleted flow forms, in order: the flows that will be saved."""
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]

    def rows(self):
        return [form.row() for form in self.kept_forms()]


FlowFormSet = forms.formset_factory(FlowForm, formset=BaseFlowFormSet, extra=0, can_delete=True, max_num=50)


def flow_initial(flows):
    """Initial data of the formset from saved flows."""
    return [{name: getattr(flow, name) for name in FlowForm.Meta.fields} for flow in flows]

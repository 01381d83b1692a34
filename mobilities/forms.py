"""Forms of the mobilities app: one planned flow of a proposal, and the formset of them."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from .limits import MAX_DAYS_PER_PARTICIPANT, MAX_FLOWS_PER_PROPOSAL, MAX_PARTICIPANTS_PER_FLOW
from .models import Flow


class FlowForm(forms.ModelForm):
    """One flow as the coordinator plans it; the grant figures are computed, never typed."""

    saved_flow = None  # the proposal page sets the saved flow and, towards a requested partner,
    estimated_grant = None  # the estimate from its city's coordinates

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
        for name, maximum, message in [
            (
                "participants",
                MAX_PARTICIPANTS_PER_FLOW,
                _("At most %(limit_value)s participants in one flow; plan another flow for more."),
            ),
            ("days", MAX_DAYS_PER_PARTICIPANT, _("At most %(limit_value)s days per participant.")),
        ]:
            field = self.fields[name]
            field.min_value, field.max_value = 1, maximum
            field.validators.append(MaxValueValidator(maximum, message))
            field.widget.attrs.update(min=1, max=maximum)
        for name, field in self.fields.items():
            field.widget.attrs["data-flow-field"] = name

    def row(self):
        """The cleaned values as ``mobilities.flows.replace_flows`` takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BaseFlowFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _("A proposal has at most %(num)d flows."),
    }

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


# absolute_max: a forged TOTAL_FORMS builds no more forms than this, and is refused.
FlowFormSet = forms.formset_factory(
    FlowForm,
    formset=BaseFlowFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_FLOWS_PER_PROPOSAL,
    validate_max=True,
    absolute_max=MAX_FLOWS_PER_PROPOSAL,
)


def flow_initial(flows):
    """Initial data of the formset from saved flows."""
    return [{name: getattr(flow, name) for name in FlowForm.Meta.fields} for flow in flows]

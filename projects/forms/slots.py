"""The form of a slot: what a coordinator or IR staff type when they open or edit one.

The flow decides the rest: the partner hosts outgoing people, who may apply follows the direction,
and staff activities have no study levels, so those fields are left out for such flows.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mobilities.budget import OUTGOING
from mobilities.models import Slot
from mobilities.slots.checks import LEVELS, SLOT_FIELDS, is_student_activity

from ..models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.localised_name


class SlotForm(forms.ModelForm):
    class Meta:
        model = Slot
        fields = list(SLOT_FIELDS)
        field_classes = {"host_unit": UnitChoiceField}
        widgets = {
            "earliest_start": DATE,
            "latest_end": DATE,
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "host_unit": _("The faculty or institute of ours that hosts the incoming participants."),
            "places": _("At most the participants awarded for the flow, less those of its other slots."),
            "min_days": _("The stay a participant may choose: from the shortest to the longest, in days."),
            "opens_at": _("Date and time, Amsterdam time."),
            "closes_at": _("Date and time, Amsterdam time. Applications are accepted until then."),
            "language_level": _("The level of the Common European Framework of Reference asked for, if any."),
            "other_documents": _("Besides the motivation and a CV, e.g. “a letter of recommendation”."),
        }

    def __init__(self, *args, flow, **kwargs):
        super().__init__(*args, **kwargs)
        self.flow = flow
        if flow.direction == OUTGOING:
            del self.fields["host_unit"]
        else:
            self.fields["host_unit"].queryset = Unit.objects.order_by("name")
            self.fields["host_unit"].required = True
            if not self.instance.pk and flow.proposal.unit_id:
                self.initial.setdefault("host_unit", flow.proposal.unit_id)
        if not is_student_activity(flow.activity):
            for name in LEVELS:
                del self.fields[name]
        if not self.instance.pk:
            self.initial.setdefault("min_days", flow.days)
            self.initial.setdefault("max_days", flow.days)

    def slot_fields(self):
        """What was typed, as the slots' services take it (left-out fields empty)."""
        return {name: self.cleaned_data.get(name) for name in SLOT_FIELDS}

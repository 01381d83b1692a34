"""Forms of the review journey: a review, the decision and the comparison of calls (the queue's
filters are in ``projects.filters``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Call, Review

SCORE_CHOICES = [("", "—"), *((n, str(n)) for n in range(1, 6))]
SCORE_HELP = _("1 (poor) to 5 (excellent)")


class ReviewForm(forms.ModelForm):
    """One reviewer's scores, comment and recommendation."""

    relevance = forms.TypedChoiceField(label=_("Relevance"), choices=SCORE_CHOICES, coerce=int, help_text=SCORE_HELP)
    quality = forms.TypedChoiceField(
        label=_("Quality of design"), choices=SCORE_CHOICES, coerce=int, help_text=SCORE_HELP
    )
    impact = forms.TypedChoiceField(
        label=_("The partner's needs and impact"), choices=SCORE_CHOICES, coerce=int, help_text=SCORE_HELP
    )
    budget = forms.TypedChoiceField(
        label=_("Soundness of the budget"), choices=SCORE_CHOICES, coerce=int, help_text=SCORE_HELP
    )

    class Meta:
        model = Review
        fields = ["relevance", "quality", "impact", "budget", "comment", "recommendation"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}


class AwardForm(forms.Form):
    """Award in full, or reduced: the participants per flow the award pays for."""

    prefix = "award"  # the decision forms share a page: prefixes keep their field ids apart
    FULL = "full"
    REDUCED = "reduced"

    kind = forms.ChoiceField(
        label=_("Award"),
        widget=forms.RadioSelect,
        choices=[(FULL, _("The full request")), (REDUCED, _("Reduced: fewer participants per flow"))],
        initial=FULL,
    )
    note = forms.CharField(
        label=_("Decision note (for the timeline)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    feedback = forms.CharField(
        label=_("Feedback the coordinator will see"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, flows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.flows = list(flows)
        for flow in self.flows:
            self.fields[f"flow_{flow.pk}"] = forms.IntegerField(
                label=_("Participants awarded: %(direction)s · %(activity)s")
                % {"direction": flow.get_direction_display(), "activity": flow.get_activity_display()},
                help_text=_("For a reduced award; %(planned)s planned.") % {"planned": flow.participants},
                min_value=0,
                max_value=flow.participants,
                initial=flow.awarded_participants if flow.awarded_participants is not None else flow.participants,
                required=False,
            )
        self.order_fields(["kind", *(f"flow_{flow.pk}" for flow in self.flows), "note", "feedback"])

    def participants_by_flow(self):
        """{flow id: participants} for a reduced award, None for the full request."""
        if self.cleaned_data["kind"] != self.REDUCED:
            return None
        return {
            flow.pk: (
                self.cleaned_data[f"flow_{flow.pk}"]
                if self.cleaned_data.get(f"flow_{flow.pk}") is not None
                else flow.participants
            )
            for flow in self.flows
        }


class RejectForm(forms.Form):
    prefix = "reject"

    note = forms.CharField(
        label=_("Decision note (for the timeline)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    feedback = forms.CharField(
        label=_("Feedback the coordinator will see"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviseForm(forms.Form):
    prefix = "revise"

    note = forms.CharField(label=_("Why the decision is revised"), widget=forms.Textarea(attrs={"rows": 2}))


class CallsChoiceField(forms.ModelMultipleChoiceField):
    """Calls by id; an id no database integer can hold is an invalid choice, not a query that fails."""

    def _check_values(self, value):
        for pk in value:
            try:
                in_range = -(2**63) <= int(str(pk)) < 2**63
            except ValueError:
                continue  # the parent refuses it with its own message
            if not in_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class CompareForm(forms.Form):
    calls = CallsChoiceField(
        label=_("Calls to compare"), queryset=Call.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

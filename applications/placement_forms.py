"""The form of a placement: the participant's actual dates, funded travel days and green travel."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlacementForm(forms.Form):
    """Travel days count for staff only: the field is left out for students and doctoral candidates."""

    start_date = forms.DateField(label=_("First day of the stay"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day of the stay"), widget=DateInput())
    travel_days = forms.IntegerField(
        label=_("Funded travel days"),
        min_value=0,
        max_value=6,
        help_text=_("One day before and one after the activity; up to 6 in all with green travel."),
    )
    green_travel = forms.BooleanField(
        label=_("Green travel"), required=False, help_text=_("Train, bus or car-pool for most of the journey.")
    )

    def __init__(self, *args, counts_travel_days, **kwargs):
        super().__init__(*args, **kwargs)
        if not counts_travel_days:
            del self.fields["travel_days"]

    def stay(self):
        """The cleaned values as the placements' services take them."""
        data = self.cleaned_data
        return {
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "travel_days": data.get("travel_days"),
            "green_travel": data["green_travel"],
        }

"""The grant estimate's input, one form for the JSON API and the estimate page alike, and the
API's JSON shape, so that both answer the same figures for the same parameters.

The calculator is mobilities'; the calls and partner universities it is asked about are this app's."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mobilities import budget
from mobilities.models import Activity, Direction
from mobilities.services import estimate_grant

from .models import Call, Institution
from .partners import home_institution

PARAMETERS = (
    "activity",
    "direction",
    "distance_km",
    "partner",
    "days",
    "participants",
    "green",
    "travel_days",
    "call",
)


class RawCheckboxInput(forms.CheckboxInput):
    """A checkbox that hands the field what was sent, so that a stray value can be refused."""

    def value_from_datadict(self, data, files, name):
        return data.get(name, "") if name in data else False


class StrictBooleanField(forms.BooleanField):
    """``true``/``false`` (a ticked box sends ``true``); anything else is refused, not read as true."""

    widget = RawCheckboxInput(
        attrs={"value": "true"}, check_test=lambda value: value is True or str(value).lower() in ("true", "on", "1")
    )
    accepted = {"true": True, "false": False, "": False, "on": True, "1": True, "0": False}

    def to_python(self, value):
        if isinstance(value, str):
            if value.lower() not in self.accepted:
                raise ValidationError(_("Enter “true” or “false”."), code="invalid")
            return self.accepted[value.lower()]
        return bool(value)


class EstimateForm(forms.Form):
    activity = forms.ChoiceField(label=_("Activity"), choices=Activity.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    partner = forms.ModelChoiceField(
        label=_("Partner university"),
        queryset=Institution.objects.filter(is_home=False).order_by("name"),
        required=False,
        help_text=_("The distance is then measured from the home university."),
    )
    distance_km = forms.DecimalField(
        label=_("Or the one-way distance (km)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("20100"),
        help_text=_("As the European Commission's distance calculator gives it."),
    )
    days = forms.IntegerField(
        label=_("Duration in days"),
        help_text=_("Staff: activity days without travel days. Students: start and end day included."),
    )
    participants = forms.IntegerField(
        label=_("Participants"), required=False, initial=1, min_value=1, max_value=budget.MAX_PARTICIPANTS
    )
    green = StrictBooleanField(label=_("Green travel (train, bus, car-pool)"), required=False)
    travel_days = forms.IntegerField(
        label=_("Funded travel days (staff only)"),
        required=False,
        min_value=0,
        help_text=_("Default 2; at most 2, or 6 with green travel."),
    )
    call = forms.ModelChoiceField(
        label=_("Call"),
        queryset=Call.objects.order_by("-year", "name"),
        required=False,
        empty_label=_("The newest rates"),
    )

    def clean(self):
        data = super().clean()
        if data.get("distance_km") is not None and data.get("partner") is not None:
            self.add_error("distance_km", _("Give either a distance or a partner university, not both."))
        return data

    def estimate(self):
        """Validate and compute: ``(rate table, FlowGrant)``, or None with the errors on the form."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        if data.get("distance_km") is None and data.get("partner") is None:
            self.add_error("distance_km", _("Give the distance in kilometres, or a partner university."))
            return None
        try:
            return estimate_grant(
                activity=data["activity"],
                direction=data["direction"],
                days=data["days"],
                distance_km=data.get("distance_km"),
                partner=data.get("partner"),
                participants=data.get("participants") or 1,
                green=data.get("green", False),
                travel_days=data.get("travel_days"),
                call=data.get("call"),
                home=home_institution(),
            )
        except budget.BudgetError as exc:
            field = exc.parameter if exc.parameter in self.fields else None
            self.add_error(field, str(exc))
            return None


def amount(value):
    return f"{value:.2f}"


def estimate_json(table, result):
    """The API's answer, exactly as issue 3 specifies it (amounts as strings with two decimals)."""
    one = result.per_participant
    return {
        "call": str(table.year),
        "distance_km": float(one.distance_km),
        "distance_band": one.band.label,
        "per_participant": {
            "travel": amount(one.travel),
            "individual_support": amount(one.individual_support),
            "total": amount(one.total),
            "funded_days": one.funded_days,
        },
        "participants": result.participants,
        "participants_total": amount(result.participants_total),
        "organisational_support": amount(result.organisational_support),
        "total": amount(result.total),
    }


def errors_json(form, unknown=()):
    """``{"errors": {"<parameter>": [messages]}}``; errors of no one parameter under ``non_field_errors``."""
    errors = {}
    for field, messages in form.errors.items():
        key = "non_field_errors" if field == "__all__" else field
        errors.setdefault(key, []).extend(str(message) for message in messages)
    for name in unknown:
        errors[name] = [str(_("Unknown parameter."))]
    return {"errors": errors}

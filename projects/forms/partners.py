"""The form of a partner university's details (the directory's filters are in ``projects.filters``)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Institution
from ..partners import place_institution


class UpperCaseField(forms.CharField):
    """Erasmus codes and OIDs are upper case; accept them typed in lower case."""

    def to_python(self, value):
        return super().to_python(value).upper()


class LowerCaseField(forms.CharField):
    """A SCHAC code is a domain name: lower case."""

    def to_python(self, value):
        return super().to_python(value).lower()


class PlaceMixin:
    """The region follows from the country, a programme country is refused for a partner, and empty
    coordinates are looked up from the city (``partners.place_institution``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.has_coordinates:
            # A requested partner's (0, 0) means "unknown": shown empty, so that saving looks the city up.
            self.initial["latitude"] = self.initial["longitude"] = None

    def clean(self):
        data = super().clean()
        if "country" not in data or "city" not in data:
            return data
        is_home = data.get("is_home", self.instance.is_home)
        problems, coordinates = place_institution(
            self.instance,
            country=data["country"],
            city=data["city"],
            is_home=is_home,
            coordinates=(data.get("latitude"), data.get("longitude")),
        )
        for field, message in problems.items():
            self.add_error(field, message)
        if coordinates is not None:
            data["latitude"], data["longitude"] = coordinates
        return data


class PartnerForm(PlaceMixin, forms.ModelForm):
    """A partner university's details; each identifier is checked for its form."""

    latitude = forms.DecimalField(
        label=_("Latitude"),
        min_value=Decimal("-90"),
        max_value=Decimal("90"),
        max_digits=9,
        decimal_places=6,
        required=False,
        help_text=_("Decimal degrees, north positive, e.g. 9.030000 for Addis Ababa. Leave empty to look the city up."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        min_value=Decimal("-180"),
        max_value=Decimal("180"),
        max_digits=9,
        decimal_places=6,
        required=False,
        help_text=_("Decimal degrees, east positive, e.g. 38.740000 for Addis Ababa. Leave empty to look the city up."),
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [
            "name",
            "country",
            "city",
            "latitude",
            "longitude",
            "erasmus_code",
            "schac_code",
            "oid",
            "pic",
            "website",
        ]
        field_classes = {"erasmus_code": UpperCaseField, "oid": UpperCaseField, "schac_code": LowerCaseField}
        help_texts = {
            "country": _("A country outside the programme; the region follows from it."),
            "erasmus_code": _("Country code, space(s), city code and two digits, e.g. “NL LEIDEN01”."),
            "schac_code": _("The institution's internet domain, e.g. “leidenuniv.nl”."),
            "oid": _("“E” and 8 digits, e.g. “E10209162”."),
            "pic": _("9 digits."),
        }

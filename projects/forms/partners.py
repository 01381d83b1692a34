"""Forms of the partner directory: its filters, and a partner university's details."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from icm_portal.validators import refuse_control_characters

from ..models import Institution, Region
from ..selectors import PARTNER_SORTS

SORT_LABELS = {
    "name": _("Name, A–Z"),
    "-name": _("Name, Z–A"),
    "country": _("Country"),
    "-country": _("Country, Z–A"),
    "city": _("City"),
    "region": _("Region"),
    "-region": _("Region, Z–A"),
    "distance": _("Distance, nearest first"),
    "-distance": _("Distance, farthest first"),
}


class PartnerFilterForm(forms.Form):
    """The directory's search, filters and sorting; kept in the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("Name, city or identifier"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices])
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(key, SORT_LABELS[key]) for key in PARTNER_SORTS]
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, countries.name(code)) for code in country_codes
        ]

    def filters(self):
        """The valid filters, ignoring a stray value rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": (data.get("q") or "").strip(),
            "country": data.get("country") or "",
            "region": data.get("region") or "",
            "sort": data.get("sort") or "name",
        }


class UpperCaseField(forms.CharField):
    """Erasmus codes and OIDs are upper case; accept them typed in lower case."""

    def to_python(self, value):
        return super().to_python(value).upper()


class LowerCaseField(forms.CharField):
    """A SCHAC code is a domain name: lower case."""

    def to_python(self, value):
        return super().to_python(value).lower()


class PartnerForm(forms.ModelForm):
    """A partner university's details; each identifier is checked for its form."""

    latitude = forms.DecimalField(
        label=_("Latitude"),
        min_value=Decimal("-90"),
        max_value=Decimal("90"),
        max_digits=9,
        decimal_places=6,
        help_text=_("Decimal degrees, north positive, e.g. 9.030000 for Addis Ababa."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        min_value=Decimal("-180"),
        max_value=Decimal("180"),
        max_digits=9,
        decimal_places=6,
        help_text=_("Decimal degrees, east positive, e.g. 38.740000 for Addis Ababa."),
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [
            "name",
            "country",
            "city",
            "region",
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
            "erasmus_code": _("Country code, space(s), city code and two digits, e.g. “NL LEIDEN01”."),
            "schac_code": _("The institution's internet domain, e.g. “leidenuniv.nl”."),
            "oid": _("“E” and 8 digits, e.g. “E10209162”."),
            "pic": _("9 digits."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "city"):
            self.fields[name].validators.append(refuse_control_characters)

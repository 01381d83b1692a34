"""The application's forms: the proposals it holds, the date it went in, the NA's budget per country."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import country_label, region_label


class SelectionForm(forms.Form):
    proposals = forms.TypedMultipleChoiceField(
        label=_("Proposals in the application"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [(p.pk, p.title) for p in proposals]


class SubmitForm(forms.Form):
    submitted_on = forms.DateField(
        label=_("Submitted to the National Agency on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_on"].initial = timezone.localdate()


def share_field_name(code):
    return f"share_{code}"


class BudgetForm(forms.Form):
    """One amount per partner country, grouped by region on the page."""

    def __init__(self, *args, countries=(), shares=None, **kwargs):
        super().__init__(*args, **kwargs)
        shares = shares or {}
        self.countries = []
        for region, code in countries:
            name = share_field_name(code)
            self.fields[name] = forms.DecimalField(
                label=_("%(country)s (%(region)s), EUR")
                % {"country": country_label(code), "region": region_label(region)},
                min_value=0,
                max_digits=12,
                decimal_places=2,
                initial=shares[code].amount if code in shares else None,
            )
            self.countries.append((region, code, name))

    def regions(self):
        """[(region label, [bound fields])] in the order of the page."""
        grouped = {}
        for region, _code, name in self.countries:
            grouped.setdefault(region, []).append(self[name])
        return [(region_label(region), fields) for region, fields in grouped.items()]

    def amounts(self):
        return {code: self.cleaned_data[name] for _region, code, name in self.countries}

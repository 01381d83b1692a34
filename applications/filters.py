"""The filters of IR staff's registrations list and its exports (django-filter), read from the query
string: a value that does not fit its field is ignored, never an error page."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from icm_portal import public_cache
from icm_portal.countries import country_choices, unit_choices

from .models import RegistrationKind, RegistrationState, StudyLevel
from .selectors import SORTS, sorted_registrations

EVERYTHING = _("All")
# The cache of the countries and units a call's registrations name (``apps.py`` drops it on a change).
OPTIONS_IN_USE = "registration-filter-options"
SORT_LABELS = {
    "-created": _("Newest first"),
    "created": _("Oldest first"),
    "name": _("Name A–Z"),
    "-name": _("Name Z–A"),
    "unit": _("Unit"),
    "kind": _("Student or staff"),
    "state": _("State"),
}


class ShownFilters:
    """A filter set whose page shows its form with ``staff/filter_fields.html``."""

    def shown_fields(self):
        return filter_fields(self.form)


class RegistrationFilter(ShownFilters, django_filters.FilterSet):
    """The staff list's search, filters and sorting; the exports take the same query string."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    kind = django_filters.ChoiceFilter(
        label=_("Student or staff"), choices=RegistrationKind.choices, empty_label=EVERYTHING
    )
    unit = django_filters.ChoiceFilter(label=_("Unit"), empty_label=EVERYTHING)
    study_level = django_filters.ChoiceFilter(
        label=_("Study level"), choices=StudyLevel.choices, empty_label=EVERYTHING
    )
    # Two-letter codes joined by commas: a code can only match as itself.
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="countries", lookup_expr="contains", empty_label=EVERYTHING
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=RegistrationState.choices, empty_label=EVERYTHING)
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, label in SORT_LABELS.items() if key in SORTS],
        method="sort_by",
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries, units = options_in_use(self.queryset)
        self.filters["country"].extra["choices"] = countries
        self.filters["unit"].extra["choices"] = units

    def search(self, registrations, name, value):
        return registrations.filter(
            Q(name__icontains=value)
            | Q(email_normalised__icontains=value.lower())
            | Q(preferred_period__icontains=value)
            | Q(message__icontains=value)
        )

    def sort_by(self, registrations, name, value):
        return sorted_registrations(registrations, value)


def options_in_use(registrations):
    """The country and unit choices of ``registrations``: only those they name, read in one query and
    kept in the cache until a registration or a unit changes (the list is read far more than written)."""
    in_use = (
        registrations.order_by()
        .values_list("countries", "unit_id", "unit__name", "unit__name_nl", "unit__abbreviation")
        .distinct()
    )
    sql, params = in_use.query.sql_with_params()

    def compute():
        rows = list(in_use)
        # The countries column holds two-letter codes joined by commas.
        countries = country_choices(code for codes, *_unit in rows for code in codes.split(",") if code)
        return countries, unit_choices([unit for _codes, *unit in rows])

    return public_cache.cached(OPTIONS_IN_USE, (sql, *params), compute)


@dataclass(frozen=True)
class FilterField:
    """One field of a list's filter form as ``staff/filter_fields.html`` shows it."""

    id: str
    name: str
    label: str
    css_class: str  # crispy's classes: the widget's name and Bootstrap's
    is_select: bool
    value: str  # a text box's
    options: list  # a select's (value, label, selected)
    maxlength: object
    errors: list


def filter_fields(form):
    """The fields of a filter form with their options and selection worked out once, in the markup
    crispy gave them (a widget's templates per option and crispy's per field cost milliseconds a page)."""
    fields = []
    for field in form:
        value = field.value()
        chosen = "" if value is None else str(value)
        is_select = isinstance(field.field.widget, forms.Select)
        fields.append(
            FilterField(
                id=field.auto_id,
                name=field.html_name,
                label=field.label,
                css_class=f"{field.field.widget.__class__.__name__.lower()} "
                + ("form-select" if is_select else "form-control"),
                is_select=is_select,
                value=chosen,
                options=[(str(key), label, str(key) == chosen) for key, label in field.field.choices]
                if is_select
                else [],
                maxlength=field.field.widget.attrs.get("maxlength"),
                errors=[str(error) for error in field.errors],
            )
        )
    return fields

"""The filters of IR staff's registrations list and its exports (django-filter), read from the query
string: a value that does not fit its field is ignored, never an error page."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from icm_portal.countries import country_choices, unit_choices

from .models import RegistrationKind, RegistrationState, StudyLevel
from .selectors import SORTS, sorted_registrations

EVERYTHING = _("All")
SORT_LABELS = {
    "-created": _("Newest first"),
    "created": _("Oldest first"),
    "name": _("Name A–Z"),
    "-name": _("Name Z–A"),
    "unit": _("Unit"),
    "kind": _("Student or staff"),
    "state": _("State"),
}


class RegistrationFilter(django_filters.FilterSet):
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
        # Only the countries and units of the call's registrations, read in one query.
        in_use = list(
            self.queryset.order_by()
            .values_list("countries", "unit_id", "unit__name", "unit__name_nl", "unit__abbreviation")
            .distinct()
        )
        # The countries column holds two-letter codes joined by commas.
        self.filters["country"].extra["choices"] = country_choices(
            code for codes, *_unit in in_use for code in codes.split(",") if code
        )
        self.filters["unit"].extra["choices"] = unit_choices([unit for _codes, *unit in in_use])

    def search(self, registrations, name, value):
        return registrations.filter(
            Q(name__icontains=value)
            | Q(email_normalised__icontains=value.lower())
            | Q(preferred_period__icontains=value)
            | Q(message__icontains=value)
        )

    def sort_by(self, registrations, name, value):
        return sorted_registrations(registrations, value)

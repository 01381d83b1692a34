"""The filters of the open places (django-filter), read from the query string: a value that does not
fit its field is ignored, never an error page."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mobilities.budget import STAFF_ACTIVITIES
from mobilities.models import Activity, Direction

from ..models import RegistrationKind, StudyLevel

EVERYTHING = _("All")
LEVEL_FIELDS = {StudyLevel.BACHELOR: "for_bachelor", StudyLevel.MASTER: "for_master", StudyLevel.PHD: "for_phd"}


class OpenPlacesFilter(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="flow__proposal__partner__country", empty_label=EVERYTHING
    )
    partner = django_filters.ChoiceFilter(
        label=_("Partner university"), field_name="flow__proposal__partner", empty_label=EVERYTHING
    )
    activity = django_filters.ChoiceFilter(
        label=_("Activity"), field_name="flow__activity", choices=Activity.choices, empty_label=EVERYTHING
    )
    kind = django_filters.ChoiceFilter(
        label=_("Student or staff"), choices=RegistrationKind.choices, method="by_kind", empty_label=EVERYTHING
    )
    level = django_filters.ChoiceFilter(
        label=_("Study level"), choices=StudyLevel.choices, method="by_level", empty_label=EVERYTHING
    )
    direction = django_filters.ChoiceFilter(
        label=_("Direction"), field_name="flow__direction", choices=Direction.choices, empty_label=EVERYTHING
    )
    # From the call page and a project's card: hidden, kept in the query string.
    call = django_filters.NumberFilter(field_name="flow__proposal__call", widget=forms.HiddenInput)
    project = django_filters.NumberFilter(field_name="flow__proposal", widget=forms.HiddenInput)

    def __init__(self, *args, partners=None, **kwargs):
        """``partners``: the (pk, name, country) of the open slots' partners, if already read (``partners_of``)."""
        super().__init__(*args, **kwargs)
        partners = partners_of(self.queryset) if partners is None else partners
        self.filters["partner"].extra["choices"] = [(pk, name) for pk, name, _code in partners if pk]
        codes = {code for _pk, _name, code in partners if code}
        self.filters["country"].extra["choices"] = sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: str(choice[1])
        )
        for field in self.form.fields.values():  # Bootstrap's select: as wide as its column, never wider
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")

    def by_kind(self, queryset, name, value):
        staff = Q(flow__activity__in=STAFF_ACTIVITIES)
        return queryset.filter(staff if value == RegistrationKind.STAFF else ~staff)

    def by_level(self, queryset, name, value):
        return queryset.filter(**{LEVEL_FIELDS[value]: True})


def partners_of(slots):
    """The (pk, name, country) of the partners of ``slots``, by name: one query."""
    rows = slots.order_by().values_list(
        "flow__proposal__partner_id", "flow__proposal__partner__name", "flow__proposal__partner__country"
    )
    return sorted(set(rows), key=lambda row: row[1] or "")


def linked_list_key(query):
    """The list as a call's page or a project's card link to it (``call``, ``project``, ``page``):
    its cache key; None for any other query string, whose list is read on each request."""
    if set(query) - {"call", "project", "page"}:
        return None
    values = (query.get("call", ""), query.get("project", ""))
    return values if all(value == "" or value.isdigit() for value in values) else None

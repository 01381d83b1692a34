"""The filters of a slot's applications (django-filter), read from the query string: a value that does
not fit its field is ignored, never an error page."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ..filters import ShownFilters
from ..models import StudyLevel
from .states import ApplicationState

EVERYTHING = _("All")
SORTS = {
    "submitted": (_("Date of application"), ("submitted_at", "id")),
    "name": (_("Name"), ("name", "id")),
    "score": (_("Average score"), (F("average_score").desc(nulls_last=True), "submitted_at", "id")),
    "state": (_("State"), ("state", "submitted_at", "id")),
}


class ApplicationFilter(ShownFilters, django_filters.FilterSet):
    """Search by name, filter by state and study level, sort; on ``selectors.slot_applications``."""

    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains", max_length=100)
    state = django_filters.ChoiceFilter(label=_("State"), choices=ApplicationState.choices, empty_label=EVERYTHING)
    study_level = django_filters.ChoiceFilter(
        label=_("Study level"), choices=StudyLevel.choices, empty_label=EVERYTHING
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _ordering) in SORTS.items()],
        method="sort_by",
        empty_label=None,
    )

    def sort_by(self, applications, name, value):
        return applications.order_by(*SORTS.get(value, SORTS["submitted"])[1])

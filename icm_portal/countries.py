"""Choices as filters offer them: only the countries and units in use, countries by their name in the
active language."""

from django_countries import countries


def country_choices(codes):
    """(code, name) pairs of the given country codes, in django-countries' order of the active language's names."""
    wanted = set(codes)
    return [(country.code, country.name) for country in countries if country.code in wanted]


def unit_choices(units):
    """(pk, label) pairs of units given as (pk, name, abbreviation) rows, each once, by name."""
    found = {pk: (name, abbreviation) for pk, name, abbreviation in units if pk is not None}
    ordered = sorted(found.items(), key=lambda item: (item[1][0].casefold(), item[0]))
    return [(pk, f"{name} ({abbreviation})" if abbreviation else name) for pk, (name, abbreviation) in ordered]

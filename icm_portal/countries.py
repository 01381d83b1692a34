"""Choices as filters offer them: only the countries and units in use, countries by their name in the
active language."""

from django_countries import countries

from .bilingual import in_language


def country_choices(codes):
    """(code, name) pairs of the given country codes, in django-countries' order of the active language's names."""
    wanted = set(codes)
    return [(country.code, country.name) for country in countries if country.code in wanted]


def unit_choices(units):
    """(pk, label) pairs of units given as (pk, name, Dutch name, abbreviation) rows, each once, by
    their name in the active language."""
    found = {pk: (in_language(name, name_nl), abbreviation) for pk, name, name_nl, abbreviation in units if pk}
    ordered = sorted(found.items(), key=lambda item: (item[1][0].casefold(), item[0]))
    return [(pk, f"{name} ({abbreviation})" if abbreviation else name) for pk, (name, abbreviation) in ordered]

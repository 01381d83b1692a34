"""The Erasmus+ Programme Guide's regions of the world for KA171, by ISO 3166-1 country code, and the
countries that take part in the programme itself (EU member states and associated countries), which
cannot be an ICM partner."""

from functools import cache

from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django_countries import countries

from .models import Region

EU_MEMBER_STATES = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
ASSOCIATED_COUNTRIES = frozenset("IS LI NO MK RS TR".split())

# Third countries not associated to the programme, in the Programme Guide's regions 1-14.
_REGIONS = {
    Region.WESTERN_BALKANS: "AL BA XK ME",
    Region.NEIGHBOURHOOD_EAST: "AM AZ BY GE MD UA",
    Region.SOUTH_MEDITERRANEAN: "DZ EG IL JO LB LY MA PS SY TN",
    Region.RUSSIA: "RU",
    Region.ASIA: "AF BD BT KH CN KP IN ID LA MY MV MN MM NP PK PH LK TH VN BN HK JP KR MO SG TW",
    Region.CENTRAL_ASIA: "KZ KG TJ TM UZ",
    Region.MIDDLE_EAST: "IR IQ YE BH KW OM QA SA AE",
    Region.PACIFIC: "CK FJ KI MH FM NR NU PW PG WS SB TL TO TV VU AU NZ",
    Region.SUB_SAHARAN_AFRICA: (
        "AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MR MU MZ "
        "NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW"
    ),
    Region.LATIN_AMERICA: "AR BO BR CL CO CR EC SV GT HN MX NI PA PY PE UY VE",
    Region.CARIBBEAN: "AG BS BB BZ CU DM DO GD GY HT JM KN LC VC SR TT",
    Region.US_CANADA: "US CA",
    Region.MICROSTATES: "AD MC SM VA",
    Region.SWITZERLAND_FAROES_UK: "CH FO GB",
}
REGION_OF_COUNTRY = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def region_for_country(code):
    """The region a country is in; "EU and associated countries" for a programme country, "Other"
    for a country the Programme Guide does not list."""
    code = str(code or "").upper()
    if code in EU_MEMBER_STATES or code in ASSOCIATED_COUNTRIES:
        return Region.EU_ASSOCIATED
    return REGION_OF_COUNTRY.get(code, Region.OTHER)


def partner_country_problem(code):
    """Why a university in this country cannot be an ICM partner, or None when it can."""
    code = str(code or "").upper()
    name = countries.name(code) or code
    if code in EU_MEMBER_STATES:
        return _(
            "%(country)s is an EU member state: its universities take part in Erasmus+ themselves and cannot "
            "be an ICM (KA171) partner. Choose a partner country outside the programme."
        ) % {"country": name}
    if code in ASSOCIATED_COUNTRIES:
        return _(
            "%(country)s is associated to Erasmus+: its universities take part in the programme themselves and "
            "cannot be an ICM (KA171) partner. Choose a partner country outside the programme."
        ) % {"country": name}
    return None


@cache
def _country_names(language):
    with override(language):
        return {code: str(name) for code, name in countries}


def country_name(code):
    """A country's name in the active language, as ``Country(code).name`` gives it; the list of countries
    is read once per language and process (a list page names a country on every row)."""
    return _country_names(get_language()).get(code) or countries.name(code)

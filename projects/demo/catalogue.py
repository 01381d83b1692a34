"""Demo data of the projects app: a call modelled on the 2023 call, with its IR contacts, Leiden
University as home, its units, and the thirteen partner universities of the call (real places, role
addresses only)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mobilities.rates import install_default_rates

from ..models import Call, CallContact, Institution, Region, Unit

# The demo call's windows lie around the day it is first seeded, so that every journey can be taken;
# like a real KA171 call it is named for the year of its deadline (the 2023 call closed in February 2023).
CALL_NAME = "Erasmus+ ICM {year}"
CALL_NAME_PATTERN = r"^Erasmus\+ ICM [0-9]{4}$"
CALL_DESCRIPTION = (
    "Exchange projects with universities outside the EU: study, teaching and research stays that build "
    "knowledge and skills together with partners, in line with the university's strategic plan "
    "“Innovating and Connecting”. Anyone interested registers interest with the International Relations office."
)

CALL_DESCRIPTION_NL = (
    "Uitwisselingsprojecten met universiteiten buiten de EU: verblijven voor studie, onderwijs en onderzoek "
    "die samen met partners kennis en vaardigheden opbouwen, in lijn met het strategisch plan van de universiteit "
    "“Innoveren en Verbinden”. Wie belangstelling heeft, meldt die aan bij het bureau International Relations."
)

CONTACTS = [
    ("International Relations office", "ir-office@example.org"),
    ("International Relations, mobility desk", "ir-mobility@example.org"),
]

HOME = {
    "name": "Leiden University",
    "country": "NL",
    "city": "Leiden",
    "latitude": Decimal("52.160000"),
    "longitude": Decimal("4.497000"),
    "region": Region.EU_ASSOCIATED,
    "erasmus_code": "NL LEIDEN01",
    "schac_code": "leidenuniv.nl",
    "website": "https://www.universiteitleiden.nl",
}

# English name, Dutch name (none where the unit uses its English name in Dutch too), abbreviation
UNITS = [
    ("Leiden Observatory", "Sterrewacht Leiden", "STRW"),
    ("Institute of Security and Global Affairs", "Instituut Security and Global Affairs", "ISGA"),
    ("Leiden Academic Centre for Drug Research", "", "LACDR"),
    ("Faculty of Humanities", "Faculteit Geesteswetenschappen", "HUM"),
    ("Leiden Law School", "Faculteit Rechtsgeleerdheid", "LAW"),
    ("Faculty of Social and Behavioural Sciences", "Faculteit Sociale Wetenschappen", "FSW"),
    ("Faculty of Archaeology", "Faculteit Archeologie", "ARCH"),
    ("Leiden Institute of Advanced Computer Science", "", "LIACS"),
]

# name, country, city, latitude, longitude, region, SCHAC code (the institution's domain)
PARTNERS = [
    (
        "Ethiopian Space Science and Technology Institute (ESSTI)",
        "ET",
        "Addis Ababa",
        "9.030000",
        "38.740000",
        Region.SUB_SAHARAN_AFRICA,
        "essti.gov.et",
    ),
    ("Fukushima University", "JP", "Fukushima", "37.686000", "140.457000", Region.ASIA, "fukushima-u.ac.jp"),
    ("University of California, Irvine", "US", "Irvine", "33.640500", "-117.844300", Region.US_CANADA, "uci.edu"),
    ("Yerevan State University", "AM", "Yerevan", "40.181100", "44.513600", Region.NEIGHBOURHOOD_EAST, "ysu.am"),
    ("University of Lagos", "NG", "Lagos", "6.515800", "3.389800", Region.SUB_SAHARAN_AFRICA, "unilag.edu.ng"),
    ("Universidad de los Andes", "CO", "Bogotá", "4.601400", "-74.066100", Region.LATIN_AMERICA, "uniandes.edu.co"),
    (
        "The Hebrew University of Jerusalem",
        "IL",
        "Jerusalem",
        "31.794400",
        "35.241000",
        Region.SOUTH_MEDITERRANEAN,
        "huji.ac.il",
    ),
    (
        "American University of Beirut",
        "LB",
        "Beirut",
        "33.900200",
        "35.480000",
        Region.SOUTH_MEDITERRANEAN,
        "aub.edu.lb",
    ),
    (
        "Mohammed V University in Rabat",
        "MA",
        "Rabat",
        "33.991100",
        "-6.856800",
        Region.SOUTH_MEDITERRANEAN,
        "um5.ac.ma",
    ),
    ("Peking University", "CN", "Beijing", "39.986900", "116.305900", Region.ASIA, "pku.edu.cn"),
    ("University of Cape Town", "ZA", "Cape Town", "-33.957700", "18.461200", Region.SUB_SAHARAN_AFRICA, "uct.ac.za"),
    ("Universitas Gadjah Mada", "ID", "Yogyakarta", "-7.771300", "110.377500", Region.ASIA, "ugm.ac.id"),
    ("Universidad de La Habana", "CU", "Havana", "23.135700", "-82.382600", Region.CARIBBEAN, "uh.cu"),
]


def _on_the_hour(moment, hour):
    """That day at that hour, local time: a call opens and closes on the hour, as real calls do."""
    return timezone.localtime(moment).replace(hour=hour, minute=0, second=0, microsecond=0)


def demo_call():
    """The demo's call, whichever year it was named for when first seeded (None before)."""
    return Call.objects.filter(name__regex=CALL_NAME_PATTERN).order_by("pk").first()


def seed():
    """Create the call, home university, units and partners once; later runs change nothing.

    The call's proposal and interest-registration windows are set OPEN at the first
    seeding (opened 30 days before at 09:00, closing 60 days after ``timezone.now()`` at 17:00) so the
    demo can be used at once, and the call takes its deadline's year and name; a later
    run keeps the call it made.
    Returns a one-line summary.
    """
    now = timezone.now()
    with transaction.atomic():
        rate_table = install_default_rates()
        call = demo_call()
        if call is None:
            opens, deadline = (
                _on_the_hour(now - dt.timedelta(days=30), 9),
                _on_the_hour(now + dt.timedelta(days=60), 17),
            )
            year = deadline.year
            call = Call.objects.create(
                name=CALL_NAME.format(year=year),
                year=year,
                description=CALL_DESCRIPTION,
                description_nl=CALL_DESCRIPTION_NL,
                proposals_open=opens,
                proposals_close=deadline,
                registration_open=opens,
                registration_close=deadline,
                envelope=Decimal("450000.00"),
                rate_table=rate_table,
            )
        for name, email in CONTACTS:
            CallContact.objects.get_or_create(call=call, email=email, defaults={"name": name})
        Institution.objects.get_or_create(is_home=True, defaults=HOME)
        for name, name_nl, abbreviation in UNITS:
            Unit.objects.get_or_create(name=name, defaults={"name_nl": name_nl, "abbreviation": abbreviation})
        for name, country, city, latitude, longitude, region, schac in PARTNERS:
            Institution.objects.get_or_create(
                name=name,
                is_home=False,
                defaults={
                    "country": country,
                    "city": city,
                    "latitude": Decimal(latitude),
                    "longitude": Decimal(longitude),
                    "region": region,
                    "schac_code": schac,
                    "website": f"https://www.{schac}",
                },
            )
    return (
        f"Projects: call “{call.name}” (envelope EUR 450,000.00, {len(CONTACTS)} IR contacts), "
        f"home {HOME['name']}, {len(UNITS)} units, {len(PARTNERS)} partner universities."
    )

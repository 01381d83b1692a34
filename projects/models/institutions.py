"""The partner-university directory (and the home university), and the units of the home university."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from icm_portal.bilingual import in_language
from icm_portal.validators import validate_single_line


class Region(models.TextChoices):
    """Programme Guide regions, stored by name (their numbers change between years)."""

    WESTERN_BALKANS = "Western Balkans", _("Western Balkans")
    NEIGHBOURHOOD_EAST = "Neighbourhood East", _("Neighbourhood East")
    SOUTH_MEDITERRANEAN = "South Mediterranean", _("South Mediterranean")
    RUSSIA = "Russian Federation", _("Russian Federation")
    MIDDLE_EAST = "Middle East", _("Middle East")
    ASIA = "Asia", _("Asia")
    CENTRAL_ASIA = "Central Asia", _("Central Asia")
    SUB_SAHARAN_AFRICA = "Sub-Saharan Africa", _("Sub-Saharan Africa")
    LATIN_AMERICA = "Latin America", _("Latin America")
    CARIBBEAN = "Caribbean", _("Caribbean")
    PACIFIC = "Pacific", _("Pacific")
    US_CANADA = "United States and Canada", _("United States and Canada")
    MICROSTATES = "Andorra, Monaco, San Marino, Vatican", _("Andorra, Monaco, San Marino and Vatican City")
    SWITZERLAND_FAROES_UK = "Switzerland, Faroe Islands, UK", _("Switzerland, the Faroe Islands and the United Kingdom")
    EU_ASSOCIATED = "EU and associated countries", _("EU and associated countries")
    OTHER = "Other", _("Other")


erasmus_code_validator = RegexValidator(
    r"^[A-Z]{1,3} {1,3}[A-Z][A-Z-]{0,8}[0-9]{2}$",
    _("Enter an Erasmus code: country code, space(s), city code and two digits, e.g. “NL LEIDEN01”."),
)
schac_code_validator = RegexValidator(
    r"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a SCHAC code: the institution's internet domain in lower case, e.g. “leidenuniv.nl”."),
)
oid_validator = RegexValidator(r"^E[0-9]{8}$", _("Enter an OID: “E” and 8 digits, e.g. “E10209162”."))
pic_validator = RegexValidator(r"^[0-9]{9}$", _("Enter a PIC: 9 digits, e.g. “999986096”."))


class Institution(models.Model):
    """A partner university, or the home university (exactly one)."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, validators=[validate_single_line])
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)
    is_home = models.BooleanField(_("home university"), default=False)
    erasmus_code = models.CharField(_("Erasmus code"), max_length=20, blank=True, validators=[erasmus_code_validator])
    schac_code = models.CharField(_("SCHAC code"), max_length=253, blank=True, validators=[schac_code_validator])
    oid = models.CharField(_("OID"), max_length=9, blank=True, validators=[oid_validator])
    pic = models.CharField(_("PIC"), max_length=9, blank=True, validators=[pic_validator])
    website = models.URLField(_("website"), blank=True)
    is_confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Partners requested by a coordinator wait for IR staff to confirm.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(fields=["is_home"], condition=Q(is_home=True), name="one_home_institution"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90) & Q(longitude__gte=-180) & Q(longitude__lte=180),
                name="institution_coordinates_on_earth",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city})"

    @property
    def has_coordinates(self):
        """A requested partner keeps (0, 0) until IR staff fill in its city's coordinates."""
        return bool(self.latitude or self.longitude)


class Unit(models.Model):
    """A faculty or institute of the home university."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_single_line])
    name_nl = models.CharField(
        _("name in Dutch"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Shown to visitors who read the portal in Dutch; the English name otherwise."),
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        name = self.localised_name
        return f"{name} ({self.abbreviation})" if self.abbreviation else name

    @property
    def localised_name(self):
        """The name in the visitor's language."""
        return in_language(self.name, self.name_nl)

"""Validators the apps' forms share for text that is stored as a name (of a person, a partner
university, a proposal): such text reaches mail headers, spreadsheets and file names."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def refuse_control_characters(value):
    """Refuse control characters (line breaks, tabs, escape codes) rather than store them unseen."""
    if any(unicodedata.category(character) == "Cc" for character in str(value)):
        raise ValidationError(
            _("Remove the control characters (such as line breaks or tabs) from this field."),
            code="control_characters",
        )

"""The options of a filter's select, written in Python: a template loop over every country, unit and
state costs more than the rest of the filter form."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

OPTION = '<option value="{}">{}</option>'
SELECTED = '<option value="{}" selected>{}</option>'


@register.simple_tag
def select_options(field):
    """The ``<option>`` elements of a bound select field, its current value selected (as Django's Select does)."""
    value = field.value()
    current = "" if value is None else str(value)
    return format_html_join(
        "",
        "{}",
        (
            (format_html(SELECTED if str(choice) == current else OPTION, choice, label),)
            for choice, label in field.field.choices
        ),
    )

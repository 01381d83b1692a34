"""The error summary at the top of a page whose form failed: each error of every form given, the
field's ones linking to the field (the GOV.UK pattern)."""

from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()


def _anchor(field):
    """The id a link to the field moves to: the first box of a group of radio buttons or boxes."""
    if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)) and field.subwidgets:
        return field.subwidgets[0].id_for_label
    return field.id_for_label or field.auto_id


def _errors_of(form):
    """(anchor, message) pairs of one form: its own errors first, then each field's in page order."""
    found = [("", error) for error in form.non_field_errors()]
    for field in form:
        found.extend((_anchor(field), error) for error in field.errors)
    return found


def _errors(item):
    if isinstance(item, list | tuple):
        return [pair for each in item for pair in _errors(each)]
    if isinstance(item, BaseFormSet):
        found = [("", error) for error in item.non_form_errors()]
        for form in item.forms:
            found.extend(_errors_of(form))
        return found
    return _errors_of(item) if item is not None and hasattr(item, "non_field_errors") else []


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms, extra_errors=(), extra_anchor=""):
    """The summary of the errors of ``forms`` (forms, formsets or lists of them; None and empty strings are skipped),
    then ``extra_errors`` (messages the view found, linked to ``extra_anchor``)."""
    errors = [pair for item in forms if item for pair in _errors(item)]
    errors.extend((extra_anchor, error) for error in extra_errors)
    return {"errors": errors}

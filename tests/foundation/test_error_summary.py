"""The error summary of a failed form: one include on every form page, focused by a static script."""

from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
FORM_TEMPLATES = sorted(
    path
    for pattern in ("templates/**/*.html", "*/templates/**/*.html")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts
    and not path.name.startswith("_")  # a partial: the page that includes it has the summary
    and any(mark in path.read_text() for mark in ("|crispy", "{% crispy", "|as_crispy_field"))
)


class _Form(forms.Form):
    name = forms.CharField()
    countries = forms.MultipleChoiceField(choices=[("ET", "Ethiopia")], widget=forms.CheckboxSelectMultiple)

    def clean(self):
        raise forms.ValidationError("Something about the whole form.")


def _render(*forms_, **extra):
    template = Template("{% load error_summary %}{% error_summary a b " + extra.get("tail", "") + " %}")
    with translation.override("en"):
        return template.render(Context({"a": forms_[0], "b": forms_[1] if len(forms_) > 1 else None}))


def test_the_summary_links_each_field_error_to_its_field_and_lists_the_form_errors():
    html = _render(_Form({}))

    assert "There is a problem" in html
    assert '<a href="#id_name" class="alert-link">This field is required.</a>' in html
    assert '<a href="#id_countries_0"' in html  # the first box of a group of boxes
    assert "<li>Something about the whole form.</li>" in html
    assert 'tabindex="-1"' in html and "data-error-summary" in html


def test_no_summary_for_an_unbound_or_valid_form():
    assert "data-error-summary" not in _render(_Form(), None)


@pytest.mark.parametrize("template", FORM_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_form_template_includes_the_summary(template):
    assert "{% error_summary " in template.read_text()


def test_a_failed_log_in_opens_with_the_summary_and_its_focusing_script(client, db):
    script = ROOT / "static" / "js" / "error-summary.js"
    assert "[data-error-summary]" in script.read_text()
    assert ".focus()" in script.read_text()

    html = client.post(reverse("login"), {"username": "nobody", "password": "wrong"}).content.decode()

    assert "There is a problem" in html
    assert html.index("data-error-summary") < html.index("<h1")
    assert '<script src="/static/js/error-summary.js" defer></script>' in html


def test_a_page_without_errors_loads_no_summary_script(client, db):
    assert "error-summary.js" not in client.get(reverse("login")).content.decode()

"""Rendering of an outbox mail from templates/email/<template>/ in the recipient's language."""

import functools
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATE_NAME = re.compile(r"^[a-z0-9_\-]+(/[a-z0-9_\-]+)*$")


@functools.cache
def _text_engine():
    """The project's template settings with autoescaping off: plain text must not carry HTML entities."""
    base = settings.TEMPLATES[0]
    options = {k: v for k, v in base.get("OPTIONS", {}).items() if k != "context_processors"}
    options["autoescape"] = False
    return DjangoTemplates(
        {
            "NAME": "outbox-text",
            "DIRS": base.get("DIRS", []),
            "APP_DIRS": base.get("APP_DIRS", False),
            "OPTIONS": options,
        }
    )


@receiver(setting_changed)
def _forget_text_engine(*, setting, **kwargs):
    if setting == "TEMPLATES":
        _text_engine.cache_clear()


def render_email(*, template, context, language, to_name=""):
    """Return (subject, body_text, body_html) of ``template`` rendered in ``language``.

    body.html is optional; subject.txt is collapsed to one line.
    """
    if not TEMPLATE_NAME.match(template):
        raise ValueError(f"Not an e-mail template name: {template!r}")
    full_context = {
        "recipient_name": to_name,
        "site_url": settings.SITE_URL,
        **context,
        "LANGUAGE_CODE": language,
    }
    text_engine = _text_engine()
    with translation.override(language):
        subject = text_engine.get_template(f"email/{template}/subject.txt").render(full_context)
        body_text = text_engine.get_template(f"email/{template}/body.txt").render(full_context)
        try:
            body_html = render_to_string(f"email/{template}/body.html", full_context)
        except TemplateDoesNotExist as exc:
            if exc.args and exc.args[0] != f"email/{template}/body.html":
                raise  # a missing include or parent, not a missing optional part
            body_html = ""
    subject = " ".join(subject.split())[:255]
    return subject, body_text.strip() + "\n", body_html

"""Django's password-reset form, with its mail going through the outbox like every other mail."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import get_language

from .services import notify


class OutboxPasswordResetForm(PasswordResetForm):
    """Writes the reset link as an outbox row; a worker sends it, never the request."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        user = context["user"]
        notify(
            to_email=to_email,
            to_name=user.get_full_name(),
            language=get_language(),
            template="password_reset",
            context={k: context[k] for k in ("email", "domain", "site_name", "uid", "token", "protocol", "user")},
            about=user,
            # One mail per token: the same request submitted twice in a second makes one mail.
            event_key=f"password-reset:{user.pk}:{context['token']}",
        )

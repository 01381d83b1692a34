"""The sign-up form: a name, an address and a password typed twice, checked by the password rules."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from icm_portal.validators import validate_single_line


class SignUpForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, validators=[validate_single_line])
    last_name = forms.CharField(label=_("Last name"), max_length=150, validators=[validate_single_line])
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address; your account opens when you follow it."),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", _("The two passwords differ; type the same one twice."))
        return cleaned

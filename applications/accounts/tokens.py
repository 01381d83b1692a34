"""The token of an address-confirmation link: Django's signed, dated token, spent once the account is open."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AddressConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "applications.accounts.AddressConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # Opening the account changes ``is_active``, so the link works once.
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


address_confirmation = AddressConfirmationTokenGenerator()

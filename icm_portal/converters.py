"""Path converters: a mailed token is URL-safe base64 of bounded length, anything else is no page (404)."""

from django.urls import register_converter


class TokenConverter:
    """Tokens from ``secrets.token_urlsafe`` (and the anonymised ``anon-…`` ones): letters, digits, ``-`` and ``_``."""

    regex = r"[A-Za-z0-9_-]{16,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

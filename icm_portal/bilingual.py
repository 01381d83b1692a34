"""Content given in English and, optionally, in Dutch: a Dutch visitor reads the Dutch text where
there is one, everyone else the English."""

from django.utils.translation import get_language


def in_language(english, dutch, language=None):
    language = (language or get_language() or "en")[:2]
    return dutch if language == "nl" and dutch else english

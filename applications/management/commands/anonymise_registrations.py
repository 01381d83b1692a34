"""``manage.py anonymise_registrations``: blank the personal data of registrations past their retention period."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from applications.confirmation import forget_expired_confirmations
from applications.services import anonymise_registrations


class Command(BaseCommand):
    help = (
        "Anonymise interest registrations made more than REGISTRATION_RETENTION_DAYS days ago "
        "(the counts by unit, level and country stay), and delete submissions whose confirmation link expired."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: REGISTRATION_RETENTION_DAYS)."
        )

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        before = timezone.now() - dt.timedelta(days=days)
        count = anonymise_registrations(before=before)
        self.stdout.write(f"Anonymised {count} registration(s) made before {before:%Y-%m-%d %H:%M %Z}.")
        expired = forget_expired_confirmations()
        self.stdout.write(f"Deleted {expired} submission(s) whose confirmation link expired unused.")

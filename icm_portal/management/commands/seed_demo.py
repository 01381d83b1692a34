"""``manage.py seed_demo``: the demo accounts and a call modelled on the 2023 call. Idempotent."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from icm_portal import public_cache
from icm_portal.demo import seed_accounts

# Each app seeds its own data through its own ``demo.seed()``, in this order.
APP_SEEDERS = (
    "projects.demo.catalogue",
    "projects.demo.proposals",
    "projects.demo.reviews",
    "applications.demo",
    "mobilities.slots.demo",  # after the registrations: opening a slot invites them
    "applications.demo.participants",  # after the slots: applicants, and placements of the selected
    "agency.demo",
)
SCALE_SEEDER = "applications.demo.scale"


class Command(BaseCommand):
    help = "Create the demo accounts and the demo call's data (running it twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="then add N calls' worth of data in bulk, for benchmarks (500 proposals, 200 slots, "
            "2,000 applications and 10,000 registrations each)",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = seed_accounts()
            for module_name in APP_SEEDERS:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    continue
                summary = module.seed()
                if summary:
                    self.stdout.write(summary)
        if options["scale"]:
            with transaction.atomic():
                self.stdout.write(import_module(SCALE_SEEDER).seed(options["scale"]))
            # Bulk rows send no signals: pages cached before show them at once, and the planner
            # learns the tables' new sizes now rather than at autovacuum's next pass.
            public_cache.forget_all()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        self.stdout.write("Demo log-ins (username / password / role):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<14} {password:<18} {role}")

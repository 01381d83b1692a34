"""Benchmark: the CSV export of one call's interest registrations, as IR staff download it, or
(``--xlsx``) the Celery task that writes its Excel file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/registration_export.py [-n 100000] [--database icm_bench_export] [--xlsx]

The benchmark uses its own database on the DATABASE_URL server (created and migrated if missing).
It seeds the demo, then brings the demo call to N registrations in bulk (each naming one to three
partner universities and up to two projects), and downloads the CSV through the export view in a
fresh process: it prints the time to the first byte, the rows a second, and how much the process's
memory grew while it streamed. With ``--xlsx`` it runs the task that writes the Excel file of all
the call's registrations in that process instead (as a worker would), and prints the rows a second,
the file's size, how often it recorded its progress and the memory growth.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_database_url  # noqa: E402


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icm_portal.settings")
    os.environ.setdefault("EMAIL_URL", "dummymail://")  # the demo's decision mails are not the subject
    import django

    django.setup()


def seed(n):
    """The demo, then bulk registrations on its call until it holds ``n``."""
    _setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from applications.models import Registration
    from projects.models import Call, Institution, Unit

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    call = Call.objects.order_by("pk").first()
    have = call.registrations.count()
    if have >= n:
        return call.pk
    units = list(Unit.objects.values_list("pk", flat=True))
    partners = list(Institution.objects.filter(is_home=False).values_list("pk", flat=True))
    proposals = list(call.proposals.values_list("pk", flat=True))
    countries = ["ET", "JP", "US", "BR", "IN", "ZA", "ID", "MX"]
    rng = random.Random(2023)
    now = timezone.now()
    through_partners = Registration.partners.through
    through_proposals = Registration.proposals.through
    batch = 5000
    with transaction.atomic():
        for start in range(have, n, batch):
            rows = []
            for i in range(start, min(start + batch, n)):
                student = rng.random() < 0.8
                email = f"person{i}@example.org"
                rows.append(
                    Registration(
                        call=call,
                        name=f"Person {i}",
                        email=email,
                        email_normalised=email,
                        kind="student" if student else "staff",
                        unit_id=rng.choice(units),
                        study_level=rng.choice(["bachelor", "master", "phd"]) if student else "",
                        countries=rng.sample(countries, rng.randint(0, 2)),
                        preferred_period="Spring",
                        message="Interested, = see my CV" if i % 7 == 0 else "",
                        language=rng.choice(["en", "nl"]),
                        consent_at=now,
                    )
                )
            created = Registration.objects.bulk_create(rows)
            through_partners.objects.bulk_create(
                through_partners(registration_id=r.pk, institution_id=p)
                for r in created
                for p in rng.sample(partners, rng.randint(1, min(3, len(partners))))
            )
            through_proposals.objects.bulk_create(
                through_proposals(registration_id=r.pk, proposal_id=p)
                for r in created
                for p in rng.sample(proposals, rng.randint(0, min(2, len(proposals))))
            )
    return call.pk


def _rss_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def export(call_pk):
    """Download the CSV as IR staff; print first byte, rows a second and memory growth."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    ir = get_user_model().objects.get(username="ir1")
    client = Client()
    client.force_login(ir)
    url = reverse("applications:registration_export_csv", args=[call_pk])
    rss_before = _rss_kib()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(url)
    first_byte = None
    size = lines = 0
    for chunk in response.streaming_content:
        if first_byte is None:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = lines - 1  # the header line
    print(f"rows exported:        {rows:,}")
    print(f"bytes:                {size:,}")
    print(f"first byte after:     {first_byte * 1000:,.0f} ms")
    print(f"total:                {elapsed:,.2f} s")
    print(f"rows a second:        {rows / elapsed:,.0f}")
    print(f"memory growth (peak): {max(peak_after - peak_before, 0) / 1024:,.1f} MB")
    print(f"memory growth (RSS):  {(_rss_kib() - rss_before) / 1024:,.1f} MB")


def export_xlsx(call_pk):
    """Run the Excel file's task as a worker would; print rows a second, size, progress and memory."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from applications.models import RegistrationExport
    from applications.tasks import build_registration_export_now

    ir = get_user_model().objects.get(username="ir1")
    export = RegistrationExport.objects.create(call_id=call_pk, query="", requested_by=ir, language="en")
    updates = []

    def count_progress(execute, sql, params, many, context):
        if sql.startswith(f'UPDATE "{RegistrationExport._meta.db_table}"'):
            updates.append(sql)
        return execute(sql, params, many, context)

    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with connection.execute_wrapper(count_progress):
        build_registration_export_now(export.pk)
    elapsed = time.perf_counter() - started
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    export.refresh_from_db()
    print(f"state:                {export.state}")
    print(f"rows written:         {export.done:,} of {export.total:,}")
    print(f"bytes:                {export.file.size:,}")
    print(f"progress recorded:    {len(updates):,} times")
    print(f"total:                {elapsed:,.2f} s")
    print(f"rows a second:        {export.done / elapsed:,.0f}")
    print(f"memory growth (peak): {max(peak_after - peak_before, 0) / 1024:,.1f} MB")
    export.file.delete(save=False)
    export.delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="registrations in the call (default 100,000)")
    parser.add_argument("--database", default="icm_bench_export", help="database on the DATABASE_URL server")
    parser.add_argument("--xlsx", action="store_true", help="time the task writing the Excel file instead")
    parser.add_argument("--export-only", type=int, metavar="CALL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        (export_xlsx if args.xlsx else export)(args.export_only)
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL (a PostgreSQL server).")
    os.environ["DATABASE_URL"] = bench_database_url(os.environ["DATABASE_URL"], args.database)
    started = time.perf_counter()
    call_pk = seed(args.n)
    print(f"seeded in {time.perf_counter() - started:,.1f} s")
    # A fresh process, so that the memory measured is the export's, not the seeding's.
    command = [sys.executable, __file__, "--export-only", str(call_pk)] + (["--xlsx"] if args.xlsx else [])
    subprocess.run(command, check=True, env=os.environ)


if __name__ == "__main__":
    main()

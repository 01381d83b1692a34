"""Benchmark: a burst of interest registrations on the demo call's public form, on the production shape.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/4 \
        .venv/bin/python benchmarks/registration_burst.py [--clients 16] [--duration 60] [--confirm]

It uses a database of its own on the DATABASE_URL server (``icm_bench_burst``, created, migrated
and seeded with ``seed_demo`` if missing) and starts gunicorn as ``benchmarks/pages.py`` does
(``gunicorn.conf.py``, 2 workers, ``DEBUG=0``, the Redis cache), with the per-address rate limit
of the form raised (``REGISTRATION_RATE_LIMIT_POSTS``): every client posts from 127.0.0.1, which
the production limit would refuse after 30 posts. Mails are not sent (``dummymail://``, no
worker): what counts is that each is written to the outbox once.

N clients each fetch the call page once (the CSRF cookie and token), then post the form with a
new address each time, as fast as the server answers, for the duration. It prints the posts
sent, the answers by status, the sustained posts a second, p50/p95 latency, and checks that
every address answered with the redirect has exactly one pending registration and exactly one
confirmation mail in the outbox. ``--confirm`` then follows every mail's confirmation link
(the button's POST) and checks each address ends as exactly one registration.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_database_url  # noqa: E402
from benchmarks.pages import free_port, prepare, production_env, start_gunicorn  # noqa: E402

UNLIMITED_POSTS = "1000000"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"https?://\S+?/registrations/confirm/[^/\s]+/")


class Client:
    """One browser: its connection, the CSRF cookie and token of its first page."""

    def __init__(self, port, path):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, headers, body = self.request("GET", path)
        if status != 200:
            sys.exit(f"the call page answered {status}")
        cookie = next(v for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken="))
        self.cookie = cookie.split(";")[0]
        self.token = CSRF_FIELD.search(body.decode()).group(1)

    def request(self, method, path, fields=None):
        headers = {"Cookie": getattr(self, "cookie", "")}
        body = None
        if fields is not None:
            body = urlencode({**fields, "csrfmiddlewaretoken": self.token}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        # gunicorn's sync workers close the connection after each answer; http.client opens the next.
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.getheaders(), response.read()


def form_fields(unit_pk, email):
    return {
        "name": "Burst Tester",
        "email": email,
        "kind": "staff",
        "unit": str(unit_pk),
        "language": "en",
        "consent": "on",
        "website": "",
    }


def burst(port, path, unit_pk, run, clients, duration):
    """Post from ``clients`` threads for ``duration`` seconds; return [(email, status, seconds)]."""
    results = []
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1)
    stop = [0.0]

    def client(number):
        browser = Client(port, path)
        mine = []
        ready.wait()
        i = 0
        while time.monotonic() < stop[0]:
            email = f"burst-{run}-{number}-{i}@example.org"
            started = time.perf_counter()
            try:
                status = browser.request("POST", path, form_fields(unit_pk, email))[0]
            except OSError as exc:
                status = type(exc).__name__
            mine.append((email, status, time.perf_counter() - started))
            i += 1
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    stop[0] = time.monotonic() + duration
    ready.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def confirm_all(port, call_path, links, clients):
    """POST every confirmation link (the button on its page) from ``clients`` threads."""
    answers = Counter()
    lock = threading.Lock()
    todo = list(links)

    def client():
        browser = Client(port, call_path)
        while True:
            with lock:
                if not todo:
                    return
                link = todo.pop()
            status = browser.request("POST", urlparse(link).path, {})[0]
            with lock:
                answers[status] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, time.perf_counter() - started


def demo_call():
    """The call whose registration window is open, its page's path and a unit to register with."""
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import timezone

    from projects.models import Call, Unit

    now = timezone.now()
    call = next(c for c in Call.objects.order_by("pk") if c.accepts_registrations(now))
    return call, reverse("applications:call_page", args=[call.pk]), Unit.objects.order_by("pk").first().pk


def stored(prefix):
    """Per address of the run: pending registrations, outbox mails, registrations, and the mails' links."""
    from django.db.models import Count

    from applications.models import PendingRegistration, Registration
    from icm_portal.outbox.models import Message

    def counts(queryset, field):
        rows = queryset.filter(**{f"{field}__startswith": prefix}).values(field).annotate(n=Count("pk"))
        return {row[field]: row["n"] for row in rows}

    mails = Message.objects.filter(to_email__startswith=prefix, template="registration_confirm_address")
    links = [m.group(0) for body in mails.values_list("body_text", flat=True) if (m := CONFIRM_LINK.search(body))]
    return (
        counts(PendingRegistration.objects, "email_normalised"),
        counts(mails, "to_email"),
        counts(Registration.objects, "email_normalised"),
        links,
    )


def check(label, expected, found):
    """Print whether each expected address has exactly one row; return True when none is lost or doubled."""
    lost = [e for e in expected if found.get(e, 0) == 0]
    doubled = [e for e in expected if found.get(e, 0) > 1]
    stray = [e for e in found if e not in expected]
    verdict = "OK" if not (lost or doubled or stray) else "FAILED"
    print(
        f"  {label}: {sum(found.values()):,} rows; "
        f"lost {len(lost)}, doubled {len(doubled)}, unexpected {len(stray)}: {verdict}"
    )
    return verdict == "OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of posting (default 60)")
    parser.add_argument("--confirm", action="store_true", help="then follow every confirmation link")
    parser.add_argument("--database", default="icm_bench_burst", help="database name (default icm_bench_burst)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (a PostgreSQL server) and REDIS_URL.")
    work = Path(tempfile.mkdtemp(prefix="icm-bench-"))
    database_url = bench_database_url(os.environ["DATABASE_URL"], args.database)
    env = production_env(database_url, os.environ["REDIS_URL"], work)
    env["REGISTRATION_RATE_LIMIT_POSTS"] = UNLIMITED_POSTS
    prepare(env, 0)
    os.environ.update(env)
    call, path, unit_pk = demo_call()
    run = uuid.uuid4().hex[:8]
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        load_before = os.getloadavg()[0]
        results, seconds = burst(port, path, unit_pk, run, args.clients, args.duration)
        load_after = os.getloadavg()[0]
        answered = {email for email, status, _ in results if status == 302}
        pending, mails, _, links = stored(f"burst-{run}-")
        print(f"\n{call.name}: {args.clients} clients for {args.duration} s on the production shape")
        print(f"  rate limit raised: REGISTRATION_RATE_LIMIT_POSTS={UNLIMITED_POSTS} (production: 30 per 10 minutes)")
        print(f"  machine's load average (1 min): {load_before:.1f} before, {load_after:.1f} after")
        print(f"  posts sent: {len(results):,}")
        statuses = Counter(status for _, status, _ in results)
        print("  answers: " + ", ".join(f"{status}: {n:,}" for status, n in sorted(statuses.items(), key=str)))
        latencies = sorted(s for *_, s in results)
        p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
        print(f"  sustained: {len(answered) / seconds:,.1f} registrations/s ({len(results) / seconds:,.1f} posts/s)")
        print(f"  latency: p50 {statistics.median(latencies) * 1000:,.0f} ms, p95 {p95 * 1000:,.0f} ms")
        ok = check("pending registrations", answered, pending)
        ok = check("confirmation mails in the outbox", answered, mails) and ok
        if args.confirm:
            answers, confirm_seconds = confirm_all(port, path, links, args.clients)
            pending, mails, registrations, _ = stored(f"burst-{run}-")
            print(
                f"  confirmed {len(links):,} links in {confirm_seconds:,.1f} s ({len(links) / confirm_seconds:,.1f}/s)"
            )
            print("  answers: " + ", ".join(f"{status}: {n:,}" for status, n in sorted(answers.items(), key=str)))
            ok = check("registrations", answered, registrations) and ok
            print(
                f"  pending registrations left: {sum(pending.values())}, confirmation mails left: {sum(mails.values())}"
            )
            ok = ok and not pending and not mails
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

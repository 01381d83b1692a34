"""Benchmark: the key pages under load, on the production shape, at a given number of calls' data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/python benchmarks/pages.py [--scale 10] [--connections 16] [--duration 10] [--quick]

It uses a database of its own on the DATABASE_URL server (``icm_bench_pages_<scale>``, created,
migrated and seeded with ``seed_demo --scale`` if missing), collects the static files, starts
gunicorn with ``gunicorn.conf.py`` (2 workers, ``DEBUG=0``, the Redis cache) and signs the roles
in. Then, page after page, waiting for the server to drain in between, wrk (Debian's ``wrk``) loads
it from N connections, and the table shows requests a second, p50/p95/p99, errors (non-2xx and
socket errors), queries and bytes per request, and the throughput as a ratio to two references
measured in the same run: a bare view (``/health/``: the framework and one query) and Django
admin's change list of the same model at the same page size. The same pages are loaded first at
demo size (scale 0), and the last column is each page's p95 at the scale over its p95 there
(``--no-demo`` skips that run). ``--quick`` runs at scale 1 for 3 seconds a page, without the
demo-size run (under two minutes).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_database_url  # noqa: E402

WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "p50": %d, "p95": %d, "p99": %d, '
    .. '"status": %d, "socket": %d, "bytes": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.bytes))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, redis_url, work):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "icm_portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret-" + "k3" * 25,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # testserver: the queries counted in process
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_URL": "dummymail://",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            "WEB_CONCURRENCY": "2",
        }
    )
    return env


def prepare(env, scale):
    """Migrate and seed (once per scale), collect the static files."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([*manage, "seed_demo", "--scale", str(scale)], env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"seeded (scale {scale}) in {time.perf_counter() - started:,.0f} s")
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)


def start_gunicorn(env, port):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    argv = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "benchmarks.bench_wsgi:application"]
    argv += ["--access-logfile", "/dev/null"]
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1)  # nosec B310
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not answer /health/")


def targets():
    """(label, role, path, reference): the pages to load, with the objects of the largest call."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.urls import NoReverseMatch, reverse

    from applications.models import Application
    from mobilities.models import Slot
    from projects.models import Call, Proposal

    call = Call.objects.order_by("-pk").first()
    coordinator = get_user_model().objects.get(username="coordinator1")
    proposal = Proposal.objects.filter(call=call, coordinator=coordinator).order_by("pk").first()
    reviewed = Proposal.objects.filter(call=call).exclude(state="draft").order_by("pk").first()
    slot = Slot.objects.filter(flow__proposal__call=call, state="open").order_by("pk").first()
    application = Application.objects.filter(slot__flow__proposal__call=call).order_by("pk").first()
    estimate = "?activity=student_study&direction=incoming&distance_km=5708&days=150"

    def url(name, *args):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return None

    pages = [
        ("static file (floor)", None, "/static/css/portal.css", None),
        ("bare view: /health/", None, "/health/", None),
        (
            "admin change list: proposals of the call",
            "admin",
            f"/admin/projects/proposal/?call__id__exact={call.pk}",
            None,
        ),
        (
            "admin change list: registrations of the call",
            "admin",
            f"/admin/applications/registration/?call__id__exact={call.pk}",
            None,
        ),
        ("home (anonymous)", None, "/", None),
        ("home (coordinator)", "coordinator", "/", None),
        ("public call page", None, url("applications:call_page", call.pk), None),
        ("open places", None, url("applications:open_places"), None),
        ("slot page", None, slot and url("applications:slot", slot.pk), None),
        ("grant estimate API", None, url("projects:grant_estimate") + estimate, None),
        ("my proposals (coordinator)", "coordinator", url("projects:my_proposals"), "proposals"),
        ("proposal page (coordinator)", "coordinator", url("projects:proposal_detail", proposal.pk), None),
        ("review queue", "ir", url("projects:review_queue", call.pk), "proposals"),
        ("review page", "ir", url("projects:review_proposal", reviewed.pk), None),
        ("call overview", "ir", url("projects:call_overview", call.pk), None),
        ("registrations list", "ir", url("applications:registration_list", call.pk), "registrations"),
        ("applications of a slot", "ir", slot and url("applications:slot_applications", slot.pk), None),
        ("my applications", "applicant", url("applications:my_applications"), None),
        ("partner directory", "ir", url("projects:partner_list"), None),
        ("calls compared", "ir", url("projects:calls_compare"), None),
    ]
    applicant = application.applicant if application else None
    return pages, {
        "coordinator": coordinator,
        "ir": get_user_model().objects.get(username="ir1"),
        "applicant": applicant,
    }


def sessions(people):
    """A signed-in session cookie per role, and a superuser's for the admin references."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"}
    )
    cookies = {}
    for role, person in {**people, "admin": admin}.items():
        if person is None:
            continue
        client = Client()
        client.force_login(person)
        cookies[role] = client.cookies["sessionid"].value
    return cookies


def measure_in_process(path, cookie):
    """Queries and bytes of one request, through Django in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if cookie:
        client.cookies["sessionid"] = cookie
    client.get(path)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(queries), len(body)


def drain(port, timeout=60):
    """Wait until the server answers a bare view at once again: the last page's queue is gone."""
    deadline = time.monotonic() + timeout
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.perf_counter()
        # The benchmark's own server, on loopback.
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=30).read()  # nosec B310
        quick = quick + 1 if time.perf_counter() - started < 0.05 else 0
        time.sleep(0.2)


def load(port, path, cookie, connections, duration, script):
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script]
    if cookie:
        argv += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run([*argv, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    report = json.loads(output.stdout.strip().splitlines()[-1])
    report["rps"] = report["requests"] / report["seconds"]
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="calls' worth of data added to the demo (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--quick", action="store_true", help="scale 1, 3 seconds a page, no demo-size run")
    parser.add_argument(
        "--no-demo", action="store_true", help="skip the run at demo size that the p95 growth is measured against"
    )
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.scale, args.duration, args.no_demo = 1, 3, True
    if not shutil.which("wrk"):
        sys.exit("Needs wrk: apt-get install wrk")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (a PostgreSQL server) and REDIS_URL.")
    demo = None
    if not args.no_demo:
        demo = run_in_child(0, args)
    results = run(args.scale, args)
    if args.json:  # for run_in_child
        print(json.dumps([(label, report) for label, report, *_ in results]))
        return
    print_table(results, args, demo)


def run_in_child(scale, args):
    """The pages at another scale, measured by this script in a process of its own (Django is set up
    once per process, for one database)."""
    argv = [sys.executable, __file__, "--scale", str(scale), "--connections", str(args.connections)]
    argv += ["--duration", str(args.duration), "--no-demo", "--json"]
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return {label: report for label, report in json.loads(output.strip().splitlines()[-1])}


def run(scale, args):
    work = Path(tempfile.mkdtemp(prefix="icm-bench-"))
    database_url = bench_database_url(os.environ["DATABASE_URL"], f"icm_bench_pages_{scale}")
    env = production_env(database_url, os.environ["REDIS_URL"], work)
    prepare(env, scale)
    os.environ.update(env)
    pages, people = targets()
    cookies = sessions(people)
    script = work / "report.lua"
    script.write_text(WRK_REPORT)
    port = free_port()
    server = start_gunicorn(env, port)
    results = []
    try:
        for label, role, path, reference in pages:
            if path is None or (role and role not in cookies):
                results.append((label, None, None, None, reference))
                continue
            status, queries, size = measure_in_process(path, cookies.get(role))
            drain(port)
            report = load(port, path, cookies.get(role), args.connections, args.duration, str(script))
            results.append((label, report, queries, size, reference))
            print(f"  scale {scale}, {label}: {report['rps']:,.0f} req/s (HTTP {status})", file=sys.stderr)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return results


def print_table(results, args, demo=None):
    by_label = {label: report for label, report, *_ in results}
    bare = by_label.get("bare view: /health/")
    admins = {
        "proposals": by_label.get("admin change list: proposals of the call"),
        "registrations": by_label.get("admin change list: registrations of the call"),
    }
    print(f"\nscale {args.scale}, {args.connections} connections, {args.duration} s a page\n")
    growth = " p95 × demo size |" if demo else ""
    print(f"| page | req/s | p50 ms | p95 ms | p99 ms | errors | queries | KiB | × bare view | × admin |{growth}")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if demo else ""))
    for label, report, queries, size, reference in results:
        if report is None:
            print(f"| {label} | not built | | | | | | | | |" + (" |" if demo else ""))
            continue
        errors = report["status"] + report["socket"]
        admin = admins.get(reference)
        versus_admin = f"{report['rps'] / admin['rps']:.2f}" if admin else ""
        row = (
            f"| {label} | {report['rps']:,.0f} | {report['p50'] / 1000:,.1f} | {report['p95'] / 1000:,.1f} "
            f"| {report['p99'] / 1000:,.1f} | {errors} | {queries} | {size / 1024:,.1f} "
            f"| {report['rps'] / bare['rps']:.2f} | {versus_admin} |"
        )
        if demo:
            before = demo.get(label)
            row += f" {report['p95'] / before['p95']:.2f} |" if before and before["p95"] else " |"
        print(row)


if __name__ == "__main__":
    main()

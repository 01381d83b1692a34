"""Every URL pattern of the portal and the admin, every method, as every role, against the table
in ``permission_table.py``.

The patterns come from the URL configuration itself, so a URL (or a method) without a row fails
with the row to add; a row whose URL is gone fails with the row to remove. Every request meets the
same world (it runs in a savepoint that is rolled back), and a refused request must leave every
table of the portal, auth and the outbox as it found them, and write no mail.
"""

import re
from http.cookies import SimpleCookie

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from icm_portal.outbox.models import Message

from . import permission_table as table
from .payloads import PAYLOADS
from .world import ROLES, build_world, path_arguments

METHODS = ("GET", "POST")
# The apps whose tables a refused request must leave alone (sessions may change: that is signing in).
WATCHED_APPS = {
    "auth",
    "admin",
    "contenttypes",
    "icm_portal",
    "outbox",
    "mobilities",
    "projects",
    "applications",
    "agency",
}
REFUSALS = {table.LOGIN, table.DENIED, table.HIDDEN, table.NOT_ALLOWED}


def url_patterns():
    """{key: route} of every pattern: ``namespace:name``, or the route where a pattern has no name.

    A later pattern with the key of an earlier one is unreachable by that key and is left out.
    """
    found = {}

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(part for part in (namespace, entry.namespace) if part) or None
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                key = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or route
                found.setdefault(key, route)

    walk(get_resolver(), "", None)
    return found


PATTERNS = url_patterns()
DISCOVERED = {(key, method) for key in PATTERNS for method in METHODS}
TABLED = {(row.pattern, row.method) for row in table.ROWS}
KEYS = sorted(DISCOVERED | TABLED)


def build_url(route, arguments):
    """The route with its converters (``<int:pk>``) or named groups replaced, in order, by the arguments."""
    values = iter(arguments)
    placeholder = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>(?:[^()]|\([^()]*\))*\)")
    url = placeholder.sub(lambda _match: next(values), route)
    return "/" + url.replace("^", "").replace("$", "")


def default_target(route):
    """The object an admin page of one object is about; None for a route without arguments."""
    match = re.match(r"admin/(\w+)/(\w+)/<", route)
    if match:
        return f"{match[1]}.{match[2]}"
    return None


def watched_tables():
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in WATCHED_APPS and model._meta.managed
    )


def database_snapshot():
    """{table: (number of rows, fingerprint of their contents)} of every watched table.

    One query on PostgreSQL (an md5 over each table's rows); the rows themselves elsewhere.
    """
    tables = watched_tables()
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        sql = " UNION ALL ".join(
            f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(name)} t"
            for name in tables
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, tables)
            return {name: (count, digest) for name, count, digest in cursor.fetchall()}
    snapshot = {}
    with connection.cursor() as cursor:
        for name in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")  # noqa: S608 (our own table names)
            rows = sorted(map(repr, cursor.fetchall()))
            snapshot[name] = (len(rows), rows)
    return snapshot


def changed_tables(before, after):
    return sorted(name for name in before if before[name] != after.get(name))


def status_class(response):
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = response["Location"].split("?")[0]
        return table.LOGIN if location in (reverse("login"), reverse("admin:login")) else table.OK
    if 200 <= code < 300:
        return table.OK
    return {400: table.INVALID, 403: table.DENIED, 404: table.HIDDEN, 405: table.NOT_ALLOWED}.get(code, str(code))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and one signed-in client per role, built once and rolled back after the module."""
    from django.core.cache import cache

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        cache.clear()  # rate limits counted by earlier tests
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            built.clients = {}
            for role in ROLES:
                client = Client(raise_request_exception=False)
                if role != "anonymous":
                    client.force_login(built.users[role])
                built.clients[role] = client
            built.snapshot = database_snapshot()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def ask(world, role, method, url, payload):
    """One request as ``role``, rolled back; returns (status class, tables it changed, mails it wrote)."""
    client = world.clients[role]
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    mails_before = world.snapshot[Message._meta.db_table][0]
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, PAYLOADS[payload](world))
        answer = status_class(response)
        changed, mails = [], 0
        if answer in REFUSALS:
            after = database_snapshot()
            changed = changed_tables(world.snapshot, after)
            mails = after[Message._meta.db_table][0] - mails_before
        transaction.set_rollback(True)
    client.cookies = SimpleCookie(cookies)
    return answer, changed, mails


def observed_row(world, key, method, target, payload):
    """The table row that would describe what the portal answers now."""
    url = build_url(PATTERNS[key], path_arguments(world, target))
    answers = tuple(ask(world, role, method, url, payload)[0] for role in ROLES)
    return table.format_row(key, method, target, answers, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("key, method", KEYS, ids=[f"{method} {key}" for key, method in KEYS])
def test_each_url_answers_every_role_as_the_table_says(world, key, method):
    if (key, method) not in DISCOVERED:
        pytest.fail(f"No URL pattern {key!r} any more: remove its {method} row(s) from permission_table.ROWS.")
    rows = [row for row in table.ROWS if (row.pattern, row.method) == (key, method)]
    if not rows:
        target = default_target(PATTERNS[key])
        pytest.fail(
            f"URL pattern {key!r} ({PATTERNS[key]}) has no {method} row in permission_table.ROWS. "
            f"It answers now as below; check that against the rules, choose the objects in its path "
            f"(world.PATH_ARGUMENTS) and add:\n    {observed_row(world, key, method, target, None)}"
        )
    problems = []
    for row in rows:
        url = build_url(PATTERNS[key], path_arguments(world, row.target))
        found, answers = [], []
        for role, want in zip(ROLES, row.expected, strict=True):
            answer, changed, mails = ask(world, role, method, url, row.payload)
            answers.append(answer)
            if answer != want:
                found.append(f"{role}: expected {want}, got {answer}")
            if changed:
                found.append(f"{role}: refused with {answer} but changed {', '.join(changed)}")
            if mails:
                found.append(f"{role}: refused with {answer} but wrote {mails} mail(s)")
        if found:
            now = table.format_row(key, method, row.target, tuple(answers), row.payload)
            problems += [f"{method} {url} (objects: {row.target}):", *found, f"the row that describes it now: {now}"]
    assert not problems, "\n".join(problems)


def test_every_url_pattern_and_method_has_a_row():
    """One message with every row to add and every row to remove."""
    missing = sorted(DISCOVERED - TABLED)
    gone = sorted(TABLED - DISCOVERED)
    lines = [f"add a row for {method} {key} ({PATTERNS[key]})" for key, method in missing]
    lines += [f"remove the {method} row(s) of {key}: no such URL pattern" for key, method in gone]
    assert not lines, "permission_table.ROWS is out of step with the URLs:\n" + "\n".join(lines)


def test_the_table_names_every_role_once_per_row():
    for row in table.ROWS:
        assert len(row.expected) == len(ROLES), row
        assert set(row.expected) <= table.CLASSES, row
        assert row.payload in PAYLOADS, row
    keys = [(row.pattern, row.method, row.target, row.payload) for row in table.ROWS]
    assert len(keys) == len(set(keys)), "a row appears twice"

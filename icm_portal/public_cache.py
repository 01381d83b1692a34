"""What is the same for every visitor of a page, kept in the cache and dropped when what it shows changes.

Each namespace has a version number in the cache, and every entry's key holds the version it was
computed at: bumping the version (on a save or delete of a model the namespace reads) makes every
older entry unreachable at once, whatever the pages, filters and languages it was stored under.
The version is bumped at once and again after the transaction commits, so a reader that computed
from the old rows in between never stores them under the new version. Entries also expire after
``TIMEOUT`` seconds, which bounds what a change that sends no signal (``QuerySet.update()``) can
leave behind. Without a shared cache (no ``REDIS_URL``) each process has its own, so that bound is
also how long another process may show the old page.
"""

import hashlib
import time

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

TIMEOUT = 300
_MISSING = object()
_namespaces = set()
_request = Local()  # the versions read by the current request, while one is served


def _remember_versions(**kwargs):
    _request.versions = {}


def _forget_versions(**kwargs):
    _request.versions = None


request_started.connect(_remember_versions, dispatch_uid="public_cache.remember_versions")
request_finished.connect(_forget_versions, dispatch_uid="public_cache.forget_versions")


def _version_key(namespace):
    return f"icm:version:{namespace}"


def version(namespace):
    """The namespace's current version; a new one (the clock) when the cache has none.

    Within a request it is read once (a page reads several entries of one namespace).
    """
    memo = getattr(_request, "versions", None)
    if memo is not None and namespace in memo:
        return memo[namespace]
    key = _version_key(namespace)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key) or 0
    if memo is not None:
        memo[namespace] = value
    return value


def _bump(namespace):
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # no version yet: any new one is unlike every key stored before
        cache.set(_version_key(namespace), time.time_ns(), timeout=None)
    if getattr(_request, "versions", None) is not None:
        _request.versions.pop(namespace, None)


def bump(namespace):
    """Make every entry of ``namespace`` stale, now and once the current transaction commits."""
    _bump(namespace)
    transaction.on_commit(lambda: _bump(namespace))


def forget_all():
    """Make every entry stale at once (tests, and bulk loads that send no signals)."""
    for namespace in _namespaces:
        _bump(namespace)


def cached(namespace, parts, compute, *, timeout=TIMEOUT):
    """``compute()``'s value for ``parts`` (with the active language), from the cache when it has it.

    ``timeout`` may be a function of the value: the seconds it stays true (at most ``TIMEOUT``).
    """
    raw = ":".join(str(part) for part in (get_language() or "", *parts))
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    key = f"icm:{namespace}:{version(namespace)}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        seconds = min(timeout(value), TIMEOUT) if callable(timeout) else timeout
        if seconds > 0:
            cache.set(key, value, seconds)
    return value


def invalidate_on_change(namespace, *models):
    """Bump ``namespace`` whenever a row of one of ``models`` (or of their many-to-many tables) changes."""
    _namespaces.add(namespace)

    def receiver(sender, **kwargs):
        if kwargs.get("action", "post_").startswith("post_"):
            bump(namespace)

    for model in models:
        uid = f"public_cache:{namespace}:{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(receiver, sender=through, weak=False, dispatch_uid=f"{uid}:{field.name}")

"""Deployment checks: the production shape must not silently run tasks in-process, nor start
without the libraries its broker and cache need."""

from django.conf import settings
from django.core.cache import caches
from django.core.checks import Error, Tags, register
from kombu.transport import get_transport_cls
from kombu.utils.url import url_to_parts


@register(Tags.security, deploy=True)
def tasks_run_on_a_worker(app_configs, **kwargs):
    errors = []
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        errors.append(
            Error(
                "Celery tasks run in-process (CELERY_TASK_ALWAYS_EAGER) in production shape.",
                hint="Set REDIS_URL so that a Celery worker sends mail outside the request.",
                id="icm_portal.E001",
            )
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        errors.append(
            Error(
                "Mail is printed to the console in production shape.",
                hint="Set EMAIL_URL, e.g. smtp://user:password@mail.example.org:587.",
                id="icm_portal.E002",
            )
        )
    return errors


def _why(exc):
    """The missing module's name when Python says it, else the error (kombu's Redis transport without
    redis fails with an AttributeError)."""
    name = getattr(exc, "name", None) if isinstance(exc, ImportError) else None
    return f"module {name!r} is missing" if name else f"{type(exc).__name__}: {exc}"


@register(Tags.compatibility, deploy=True)
def broker_and_cache_libraries_import(app_configs, **kwargs):
    """Import what the worker and the cache will import at their first use, so that a library missing
    from requirements.txt is named at start rather than found when the first mail stays pending."""
    errors = []
    scheme = url_to_parts(settings.CELERY_BROKER_URL).scheme
    try:
        get_transport_cls(settings.CELERY_BROKER_TRANSPORT or scheme)
    except Exception as exc:  # whatever the import raises, the worker would die of it
        errors.append(
            Error(
                f"The Celery broker's transport for {scheme}:// cannot be imported: {_why(exc)}.",
                hint="Install requirements.txt; pin the missing package there if it is not listed.",
                id="icm_portal.E003",
            )
        )
    for alias, config in settings.CACHES.items():
        try:
            cache = caches.create_connection(alias)
            getattr(cache, "_cache", None)  # Django's own Redis and memcached backends import their client here
        except Exception as exc:
            errors.append(
                Error(
                    f"The cache {alias!r} ({config['BACKEND']}) cannot be imported: {_why(exc)}.",
                    hint="Install requirements.txt; pin the missing package there if it is not listed.",
                    id="icm_portal.E004",
                )
            )
    return errors


@register()
def outbox_resends_only_what_no_worker_is_sending(app_configs, **kwargs):
    """The sweep takes a 'sending' row for abandoned after OUTBOX_SENDING_TIMEOUT_SECONDS: a worker
    may still be sending it until OUTBOX_SEND_TIME_LIMIT_SECONDS, so the timeout must be longer."""
    timeout, limit = settings.OUTBOX_SENDING_TIMEOUT_SECONDS, settings.OUTBOX_SEND_TIME_LIMIT_SECONDS
    if timeout > limit:
        return []
    return [
        Error(
            f"OUTBOX_SENDING_TIMEOUT_SECONDS ({timeout:g}) must be longer than "
            f"OUTBOX_SEND_TIME_LIMIT_SECONDS ({limit:g}).",
            hint="Otherwise the sweep resends a mail that a slow worker is still sending, and it arrives twice.",
            id="icm_portal.E005",
        )
    ]

"""Deployment checks: the production shape must not silently run tasks in-process."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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

"""ICM Portal: Erasmus+ International Credit Mobility calls, proposals and awards."""

from .celery import app as celery_app

__all__ = ("celery_app",)

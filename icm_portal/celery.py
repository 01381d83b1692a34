"""The Celery app: a worker starts with ``celery -A icm_portal worker``, periodic
tasks with ``celery -A icm_portal beat``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icm_portal.settings")

app = Celery("icm_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

"""Configuration comes from the environment and fails fast, naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test run that must not leak into the configurations under test.
RUN_ONLY = {"DATABASE_URL", "REDIS_URL", "DEBUG", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _settings_with(env):
    """Import the settings in a fresh interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if k not in RUN_ONLY}
    clean.update(env)
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
        "'email': s.EMAIL_BACKEND, 'debug': s.DEBUG, 'tz': s.TIME_ZONE, 'languages': [c for c, _ in s.LANGUAGES]}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "icm_portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_embedded_default_is_sqlite_in_process_tasks_and_console_mail():
    result = _settings_with({})
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.sqlite3"' in result.stdout
    assert '"eager": true' in result.stdout
    assert "console.EmailBackend" in result.stdout
    assert '"debug": true' in result.stdout
    assert '"tz": "Europe/Amsterdam"' in result.stdout
    assert '"languages": ["en", "nl"]' in result.stdout


def test_production_shape_uses_postgres_a_worker_and_smtp():
    result = _settings_with(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "icm.example.org",
            "DATABASE_URL": "postgres://icm:secret@db:5432/icm_portal",
            "REDIS_URL": "redis://redis:6379/0",
            "EMAIL_URL": "smtp://mail:1025",
        }
    )
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.postgresql"' in result.stdout
    assert '"eager": false' in result.stdout
    assert "smtp.EmailBackend" in result.stdout


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DATABASE_URL": "not a url at all"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mongodb://db/icm"}, "DATABASE_URL"),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "icm.example.org"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_wrong_configuration_fails_fast_naming_the_variable(env, named):
    result = _settings_with(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


def _deploy_check(env, *, fail_level):
    """``manage.py check --deploy`` in a fresh interpreter with this environment."""
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", fail_level]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_deploy_check_reports_tasks_running_in_process():
    env = {k: v for k, v in os.environ.items() if k not in RUN_ONLY}
    env.update({"DEBUG": "0", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "icm.example.org"})
    result = _deploy_check(env, fail_level="ERROR")
    assert result.returncode != 0
    assert "icm_portal.E001" in result.stderr
    assert "icm_portal.E002" in result.stderr


def test_deploy_check_is_clean_in_production_shape():
    env = {k: v for k, v in os.environ.items() if k not in RUN_ONLY}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "z9" * 20,
            "ALLOWED_HOSTS": "icm.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "EMAIL_URL": "smtp://mail.example.org:587",
        }
    )
    result = _deploy_check(env, fail_level="WARNING")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("missing", "reported"),
    [
        ("packaging", ["icm_portal.E003", "redis://", "'packaging'"]),
        # django-redis imports redis when Django's own cache checks build the cache: that import
        # stops the check, naming the module, before icm_portal.E004 could.
        ("redis", ["'redis'"]),
    ],
)
def test_deploy_check_names_a_library_the_broker_or_the_cache_cannot_import(tmp_path, missing, reported):
    """What a clean install from requirements.txt lacked once: kombu's Redis transport needs packaging."""
    (tmp_path / f"{missing}.py").write_text(
        f"raise ModuleNotFoundError(\"No module named '{missing}'\", name={missing!r})\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in RUN_ONLY}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "z9" * 20,
            "ALLOWED_HOSTS": "icm.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "EMAIL_URL": "smtp://mail.example.org:587",
            "PYTHONPATH": str(tmp_path),  # the module shadowed by one that cannot be imported
        }
    )
    result = _deploy_check(env, fail_level="ERROR")
    assert result.returncode != 0
    for text in reported:
        assert text in result.stderr, result.stderr


def _outbox_timing(env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "a = s.CELERY_TASK_ANNOTATIONS['icm_portal.outbox.tasks.send_message']; "
        "print(json.dumps({'timeout': s.OUTBOX_SENDING_TIMEOUT_SECONDS, "
        "'period': s.CELERY_BEAT_SCHEDULE['outbox-sweep']['schedule'], "
        "'soft': a['soft_time_limit'], 'hard': a['time_limit']}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in RUN_ONLY and not k.startswith("OUTBOX_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "icm_portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_row_a_dead_worker_left_sending_is_resent_within_minutes_never_while_a_worker_may_send_it():
    timing = _outbox_timing({})

    assert timing["timeout"] + timing["period"] <= 5 * 60  # worst case: the sweep ran just before the timeout
    assert timing["soft"] < timing["hard"] < timing["timeout"]


def test_the_sweep_runs_as_often_as_the_environment_says():
    assert _outbox_timing({"OUTBOX_SWEEP_PERIOD_SECONDS": "2"})["period"] == 2.0


def test_a_sending_timeout_a_slow_worker_could_outlast_is_a_configuration_error(settings):
    from icm_portal.checks import outbox_resends_only_what_no_worker_is_sending

    settings.OUTBOX_SEND_TIME_LIMIT_SECONDS = 60
    settings.OUTBOX_SENDING_TIMEOUT_SECONDS = 60
    [error] = outbox_resends_only_what_no_worker_is_sending(None)
    assert error.id == "icm_portal.E005"
    assert "OUTBOX_SENDING_TIMEOUT_SECONDS (60) must be longer than OUTBOX_SEND_TIME_LIMIT_SECONDS (60)" in error.msg

    settings.OUTBOX_SENDING_TIMEOUT_SECONDS = 61
    assert outbox_resends_only_what_no_worker_is_sending(None) == []


def test_production_shape_keeps_database_connections_and_checks_them_before_use():
    """So that a PostgreSQL restart costs a reconnect, not an error page (proven in tests/operations)."""
    code = (
        "import django, json; django.setup(); from django.db import connection as c; "
        "print(json.dumps([c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS']]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in RUN_ONLY and k != "CONN_MAX_AGE"}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "icm.example.org",
            "DATABASE_URL": "postgres://icm:secret@db:5432/icm_portal",
            "DJANGO_SETTINGS_MODULE": "icm_portal.settings",
        }
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    max_age, health_checks = json.loads(result.stdout)
    assert 0 < max_age <= 600
    assert health_checks is True

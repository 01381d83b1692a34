"""docker-compose.yml describes the production shape (no Docker engine runs here)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_compose_runs_every_part_of_the_production_shape():
    assert set(SERVICES) >= {"db", "redis", "web", "worker", "beat", "mail"}
    assert SERVICES["db"]["image"].startswith("postgres:16")
    assert SERVICES["redis"]["image"].startswith("redis:7")


def test_web_migrates_on_start_and_serves_with_gunicorn():
    command = SERVICES["web"]["command"]
    assert "manage.py migrate" in command
    assert "gunicorn -c gunicorn.conf.py icm_portal.wsgi" in command


def test_the_image_starts_gunicorn_with_its_configuration():
    assert (
        'CMD ["gunicorn", "-c", "gunicorn.conf.py", "icm_portal.wsgi:application"]' in (ROOT / "Dockerfile").read_text()
    )


def test_worker_and_beat_run_celery():
    assert SERVICES["worker"]["command"].startswith("celery -A icm_portal worker")
    assert SERVICES["beat"]["command"].startswith("celery -A icm_portal beat")


def test_app_services_are_configured_by_environment():
    for name in ("web", "worker", "beat"):
        environment = SERVICES[name]["environment"]
        assert environment["DEBUG"] == "0"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://redis:6379")
        assert "EMAIL_URL" in environment and "SECRET_KEY" in environment


def test_health_checks_and_named_volumes():
    for name in ("db", "redis", "web", "mail"):
        assert "healthcheck" in SERVICES[name], name
    assert set(COMPOSE["volumes"]) >= {"pgdata", "media"}
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    assert any(v.startswith("media:") for v in SERVICES["web"]["volumes"])


def test_mail_catcher_has_a_web_ui():
    assert any("8025" in str(port) for port in SERVICES["mail"]["ports"])


def test_static_files_are_collected_at_build_with_the_manifest_production_reads():
    [line] = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if "collectstatic" in line]
    assert "DEBUG=0" in line

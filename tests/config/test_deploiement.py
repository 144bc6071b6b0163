"""docker-compose.yml, the Dockerfile and .env.example agree with the settings.

No Docker engine runs here: these tests read the files and check what can be checked.
"""

import re
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[2]
SETTINGS = (RACINE / "config" / "settings.py").read_text()
# Every variable the settings read: env.str("X"…), env.bool("X"…), env.db_url("X"…)…
VARIABLES_LUES = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', SETTINGS))


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((RACINE / "docker-compose.yml").read_text())


def test_settings_read_the_documented_variables():
    # Guard against the regex silently matching nothing.
    assert {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "EMAIL_URL"} <= VARIABLES_LUES


def test_compose_has_the_four_services_with_health_checks(compose):
    services = compose["services"]
    assert {"web", "worker", "postgres", "redis"} <= set(services)
    for nom in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[nom], nom


def test_web_runs_migrations_then_gunicorn_and_worker_runs_celery(compose):
    web = compose["services"]["web"]["command"]
    worker = compose["services"]["worker"]["command"]
    assert "manage.py migrate" in web
    assert "gunicorn config.wsgi:application" in web
    assert worker.startswith("celery -A config worker")
    assert (RACINE / "config" / "wsgi.py").is_file() and (RACINE / "config" / "celery.py").is_file()


def test_beat_schedules_the_document_sweep_that_the_worker_knows(compose):
    from config.celery import app

    assert compose["services"]["beat"]["command"].startswith("celery -A config beat")
    services = compose["services"]
    assert services["beat"]["environment"] == services["worker"]["environment"]
    taches = {t["task"] for t in app.conf.beat_schedule.values()}
    app.loader.import_default_modules()
    assert "documents.tasks.balayer_documents" in taches
    assert taches <= set(app.tasks)


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_app_services_only_set_variables_the_settings_read(compose, service):
    env = compose["services"][service]["environment"]
    assert set(env) <= VARIABLES_LUES, set(env) - VARIABLES_LUES
    assert {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= set(env)
    assert env["DEBUG"] == "false" and env["SECURE_HTTPS"] == "true"


def test_app_services_reach_postgres_and_redis_by_service_name(compose):
    env = compose["services"]["web"]["environment"]
    postgres = compose["services"]["postgres"]["environment"]
    base = re.match(r"postgres://(\w+):[^@]+@(\w+):5432/(\w+)", env["DATABASE_URL"])
    assert base.groups() == (postgres["POSTGRES_USER"], "postgres", postgres["POSTGRES_DB"])
    assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    depend = compose["services"]["web"]["depends_on"]
    assert depend["postgres"]["condition"] == depend["redis"]["condition"] == "service_healthy"


def test_uploads_are_scanned_by_the_clamav_service_that_updates_its_signatures(compose):
    services = compose["services"]
    clamav = services["clamav"]
    # The official image runs clamd and freshclam (signature updates), kept in a volume.
    assert clamav["image"].startswith("clamav/clamav")
    assert "healthcheck" in clamav
    assert any(m.endswith(":/var/lib/clamav") for m in clamav["volumes"])
    for nom in ("web", "worker", "beat"):
        assert services[nom]["environment"]["CLAMD_SOCKET"] == "tcp://clamav:3310", nom
        assert "clamav" in services[nom]["depends_on"], nom


def test_the_antivirus_sweep_is_scheduled():
    from config.celery import app

    taches = {t["task"] for t in app.conf.beat_schedule.values()}
    assert "antivirus.tasks.balayer_analyses" in taches


def test_web_health_check_hits_the_health_url(compose, client, db):
    sonde = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    chemin = re.search(r"127\.0\.0\.1:8000(/[\w/-]*)", sonde).group(1)
    reponse = client.get(chemin)
    assert reponse.status_code == 200 and reponse.json() == {"statut": "ok"}


def test_data_lives_in_named_volumes(compose):
    declares = set(compose["volumes"])
    for service in compose["services"].values():
        for montage in service.get("volumes", []):
            assert montage.split(":")[0] in declares, montage
    assert "/data/media" in compose["services"]["web"]["environment"]["MEDIA_ROOT"]


def test_dockerfile_installs_the_locked_requirements_and_drops_root():
    dockerfile = (RACINE / "Dockerfile").read_text()
    assert "pip install --require-hashes -r requirements/base.txt" in dockerfile
    assert "collectstatic" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)


def test_env_example_documents_every_variable_the_settings_read():
    documentees = set(
        re.findall(r"^([A-Z][A-Z0-9_]*)=", (RACINE / ".env.example").read_text(), re.M)
    )
    assert documentees >= VARIABLES_LUES, VARIABLES_LUES - documentees


def test_the_design_system_is_not_refused_by_the_browser_once_collected(client, db):
    # In production, collectstatic's manifest rewrites the url()s inside the DSFR's CSS, so no
    # integrity hash of the package's original files can match what is served: with one, the
    # browser refuses the stylesheet and every page shows unstyled.
    page = client.get("/").content.decode()
    feuilles = re.findall(r"<link[^>]+rel=\"stylesheet\"[^>]*>", page)
    assert any("dsfr.min.css" in lien for lien in feuilles)
    assert not [lien for lien in feuilles if "integrity=" in lien]

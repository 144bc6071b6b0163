"""docker-compose.yml, the Dockerfile and .env.example agree with the settings.

No Docker engine runs here: these tests read the files and check what can be checked.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[2]
# The settings and the modules they import theirs from (security, ProConnect).
SETTINGS = "".join(
    (RACINE / "config" / nom).read_text() for nom in ("settings.py", "securite.py", "proconnect.py")
)
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


# --- Static files: every documented start with DEBUG=false collects them first -------------
# (without collectstatic's manifest every page is a 500, and the check socle.E001 stops the
# start: tests/socle/test_demarrage.py)


def _avant(texte, premier, second):
    assert premier in texte and second in texte, (premier, second)
    return texte.index(premier) < texte.index(second)


def test_the_image_collects_the_static_files_before_it_serves(compose):
    dockerfile = (RACINE / "Dockerfile").read_text()
    assert re.search(r"^RUN DEBUG=false .*manage\.py collectstatic --noinput", dockerfile, re.M)
    assert _avant(dockerfile, "collectstatic", 'CMD ["gunicorn"')
    # The compose services run that image, with its collected STATIC_ROOT, and the web one
    # migrates first (migrate runs the system checks, hence socle.E001) before gunicorn.
    for nom in ("web", "worker", "beat"):
        assert compose["services"][nom]["build"] == ".", nom
        assert "STATIC_ROOT" not in compose["services"][nom]["environment"], nom
    assert _avant(compose["services"]["web"]["command"], "manage.py migrate", "gunicorn")


def _make_n(*arguments):
    fini = subprocess.run(
        ["make", "--no-print-directory", "-n", "-W", "requirements/base.txt", *arguments],
        cwd=RACINE,
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")},
        capture_output=True,
        text=True,
    )
    assert fini.returncode == 0, fini.stderr
    return fini.stdout


def test_make_run_collects_before_migrate_and_the_server():
    recette = _make_n("run", "DEBUG=false")
    assert _avant(recette, "scripts/collecter-statiques.sh", "manage.py migrate")
    assert _avant(recette, "manage.py migrate", "scripts/run.sh")


@pytest.mark.parametrize(("debug", "collecte"), [("false", True), ("", True), ("True", False)])
def test_the_collect_step_runs_collectstatic_unless_debug(tmp_path, debug, collecte):
    # A stand-in python records what the step asks of manage.py.
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/appels\n')
    python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    if debug:
        env["DEBUG"] = debug
    subprocess.run(
        ["scripts/collecter-statiques.sh", str(tmp_path)], cwd=RACINE, env=env, check=True
    )
    appels = (tmp_path / "appels").read_text() if (tmp_path / "appels").exists() else ""
    assert ("manage.py collectstatic --noinput" in appels) is collecte


def test_make_check_deploy_collects_before_the_checklist():
    assert _avant(_make_n("check-deploy"), "collectstatic --noinput", "check --deploy")


def test_the_readme_start_without_docker_collects_first():
    readme = (RACINE / "README.md").read_text()
    sans_docker = readme[readme.index("Without Docker") :][:400]
    assert _avant(sans_docker, "collectstatic", "migrate")
    assert _avant(sans_docker, "collectstatic", "gunicorn")

"""Settings come from the environment (twelve-factor); each case runs in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]

LECTURE = """
import json, django
from django.conf import settings as s
print(json.dumps({
    "engine": s.DATABASES["default"]["ENGINE"],
    "db_name": str(s.DATABASES["default"]["NAME"]),
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "broker": s.CELERY_BROKER_URL,
    "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS,
    "csrf": s.CSRF_TRUSTED_ORIGINS,
    "email_backend": s.EMAIL_BACKEND,
    "email_host": getattr(s, "EMAIL_HOST", ""),
    "email_port": getattr(s, "EMAIL_PORT", 0),
    "from": s.DEFAULT_FROM_EMAIL,
    "storage": s.STORAGES["default"]["BACKEND"],
    "storage_options": {k: str(v) for k, v in s.STORAGES["default"]["OPTIONS"].items()},
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "session_secure": s.SESSION_COOKIE_SECURE,
    "hsts": s.SECURE_HSTS_SECONDS,
    "language": s.LANGUAGE_CODE,
    "tz": s.TIME_ZONE,
}))
"""

# Variables the settings read; cleared so the developer's or CI's own values do not leak in.
VARIABLES = [
    "DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS", "EMAIL_URL", "DEFAULT_FROM_EMAIL", "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SECURE_HTTPS",
    "BEHIND_PROXY", "MEDIA_ROOT", "DJANGO_ALLOW_ASYNC_UNSAFE", "CLAMD_SOCKET", "STATIC_ROOT",
]  # fmt: skip


def _environnement(**valeurs):
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **valeurs)
    return env


def _lire(**valeurs):
    sortie = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + LECTURE],
        cwd=RACINE,
        env=_environnement(**valeurs),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(sortie.stdout.strip().splitlines()[-1])


def test_nothing_set_gives_the_laptop_demo():
    s = _lire()

    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["db_name"].endswith("var/db.sqlite3")
    assert s["eager"] is True
    assert s["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert s["storage"] == "django.core.files.storage.FileSystemStorage"
    assert s["storage_options"]["location"].endswith("var/media")
    assert s["debug"] is False
    assert (s["language"], s["tz"]) == ("fr-fr", "Europe/Paris")


def test_production_values_are_read_from_the_environment():
    s = _lire(
        DATABASE_URL="postgres://portail:secret@db.interne:5432/ateliers",
        CELERY_BROKER_URL="redis://redis.interne:6379/2",
        ALLOWED_HOSTS="ateliers-flash.gouv.fr,www.ateliers-flash.gouv.fr",
        CSRF_TRUSTED_ORIGINS="https://ateliers-flash.gouv.fr",
        EMAIL_URL="smtp+tls://robot:motdepasse@smtp.interne:587",
        DEFAULT_FROM_EMAIL="Ateliers Flash <robot@ateliers-flash.gouv.fr>",
        SECURE_HTTPS="true",
    )

    assert s["engine"] == "django.db.backends.postgresql"
    assert s["db_name"] == "ateliers"
    assert s["eager"] is False
    assert s["broker"] == "redis://redis.interne:6379/2"
    assert s["hosts"] == ["ateliers-flash.gouv.fr", "www.ateliers-flash.gouv.fr"]
    assert s["csrf"] == ["https://ateliers-flash.gouv.fr"]
    assert s["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["email_host"], s["email_port"]) == ("smtp.interne", 587)
    assert s["from"] == "Ateliers Flash <robot@ateliers-flash.gouv.fr>"
    assert s["ssl_redirect"] and s["session_secure"] and s["hsts"] >= 31536000


def test_s3_variables_switch_uploads_to_private_object_storage():
    s = _lire(
        AWS_STORAGE_BUCKET_NAME="ateliers-flash-pieces",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        AWS_ACCESS_KEY_ID="cle",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert s["storage"] == "storages.backends.s3.S3Storage"
    assert s["storage_options"]["bucket_name"] == "ateliers-flash-pieces"
    assert s["storage_options"]["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert s["storage_options"]["default_acl"] == "private"


def _check_deploy(**valeurs):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE,
        env=_environnement(**valeurs),
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def statiques_collectes(tmp_path_factory):
    """A STATIC_ROOT holding collectstatic's manifest (empty: no page is served here)."""
    dossier = tmp_path_factory.mktemp("statiques")
    (dossier / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    return str(dossier)


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3Jx-9vQ2_LmN8pR4tW7yZ1aB5cD0eF6gH3iJ8kL2mN5oP9qR4sT7uV0wX3yZ6",
    "ALLOWED_HOSTS": "ateliers-flash.gouv.fr",
    "SECURE_HTTPS": "true",
    "CLAMD_SOCKET": "tcp://clamav:3310",
}


def test_check_deploy_is_clean_with_production_values(statiques_collectes):
    resultat = _check_deploy(**PRODUCTION, STATIC_ROOT=statiques_collectes)
    assert resultat.returncode == 0, resultat.stderr
    assert "no issues" in resultat.stdout


def test_without_collectstatic_a_start_with_debug_false_fails_and_says_why(tmp_path):
    # Every page would be a 500 (« Missing staticfiles manifest entry »).
    resultat = _check_deploy(**PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert resultat.returncode != 0
    assert "socle.E001" in resultat.stderr
    assert "Les fichiers statiques ne sont pas collectés : lancez `manage.py collectstatic" in (
        resultat.stderr
    )


@pytest.mark.parametrize(
    ("oubli", "avertissement"),
    [
        ({"SECRET_KEY": ""}, "security.W009"),
        ({"SECURE_HTTPS": "false"}, "security.W008"),
        # Uploads that no antivirus scans.
        ({"CLAMD_SOCKET": ""}, "antivirus.W001"),
    ],
)
def test_check_deploy_flags_an_unsafe_production(oubli, avertissement, statiques_collectes):
    valeurs = {**PRODUCTION, "STATIC_ROOT": statiques_collectes, **oubli}
    if not valeurs["SECRET_KEY"]:
        del valeurs["SECRET_KEY"]

    resultat = _check_deploy(**valeurs)

    assert resultat.returncode != 0
    assert avertissement in resultat.stderr

"""Shared fixtures: eager Celery by default, plain static storage, a loaded référentiel."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _broker_du_worker():
    # In parallel (pytest-xdist), each process queues its real-worker tasks on its own Redis
    # database: a Celery worker of another process would read another test database.
    from tests.worker import isoler_le_broker

    isoler_le_broker()


@pytest.fixture(autouse=True)
def _environnement_de_test(settings, tmp_path):
    # Uploads of a test go to its own temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    # No collectstatic in tests: serve assets from the finders, without a manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with an empty cache (the public catalogue keeps computed pages there).
    from django.core.cache import caches

    for alias in ("default", "local"):
        caches[alias].clear()
    # Unit tests run tasks in-process; the end-to-end worker test turns this off.
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True


@pytest.fixture(scope="module")
def medias_du_module(tmp_path_factory):
    """The upload folder of a data set built once for the module (tests/donnees_du_module.py)."""
    return tmp_path_factory.mktemp("medias")


@pytest.fixture(scope="module")
def _demo_du_module(django_db_setup, django_db_blocker, medias_du_module):
    """The demo (``manage.py charger_demo`` on the référentiel's sample), loaded once for
    the module (tests/donnees_du_module.py)."""
    import io

    from django.conf import settings
    from django.core.management import call_command

    from referentiels.importer import importer_referentiel
    from tests.donnees_du_module import donnees_du_module

    with donnees_du_module(django_db_blocker, medias_du_module):
        importer_referentiel(settings.REFERENTIEL_SAMPLE_DIR)
        call_command("charger_demo", stdout=io.StringIO())
        yield


@pytest.fixture
def demo(_demo_du_module, db, fichiers_du_module):
    """The demo for one test, in the test's own savepoint; built once per module."""


@pytest.fixture
def fichiers_du_module(_environnement_de_test, settings, medias_du_module):
    """The test's uploads in the module's folder, where its data set's files are (after the
    fixture above that gives each test its own, empty, folder)."""
    from tests.donnees_du_module import reglages_medias

    for nom, valeur in reglages_medias(medias_du_module).items():
        setattr(settings, nom, valeur)


@pytest.fixture
def referentiel(db):
    """The real sample shipped with the project (five départements)."""
    from django.conf import settings

    from referentiels.importer import importer_referentiel

    importer_referentiel(settings.REFERENTIEL_SAMPLE_DIR)

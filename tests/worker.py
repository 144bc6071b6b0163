"""A real Celery worker process on the machine's Redis, for the end-to-end tests.

It reads and writes the test database (the test process commits: use transactional tests)
and the test's upload folder. Under pytest-xdist, each worker process has its own Redis
database (``broker_du_worker``). Skipped without a Redis broker, except in CI where a missing
broker is an error.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

RACINE = Path(__file__).resolve().parents[1]


def broker_du_worker(url, worker):
    """The broker of one pytest-xdist worker (``gw0``, ``gw1``…): the Redis database N numbers
    after the one given, so that two workers' Celery processes never take each other's tasks
    (each reads its own test database, ``test_…_gwN``). Outside xdist, ``url`` itself."""
    if not url.startswith("redis://") or not worker.startswith("gw"):
        return url
    parties = urlsplit(url)
    base = int(parties.path.strip("/") or 0)
    return urlunsplit(parties._replace(path=f"/{base + int(worker[2:])}"))


def isoler_le_broker():
    """Point this test process, and the workers it starts (they inherit its environment), at
    its own Redis database."""
    url = broker_du_worker(
        os.environ.get("CELERY_BROKER_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", "")
    )
    if url == os.environ.get("CELERY_BROKER_URL", ""):
        return
    from config.celery import app

    os.environ["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL = url
    app.conf.broker_url = url
    # Connect again, to the new URL, on the next publish.
    app._pool = None
    app.amqp._producer_pool = None


def exiger_redis():
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        if os.environ.get("CI"):
            pytest.fail("CI doit fournir CELERY_BROKER_URL (Redis) pour les tests du worker")
        pytest.skip("CELERY_BROKER_URL (Redis) non défini")


def url_base_de_test():
    """The test database, as a DATABASE_URL the worker's settings can read."""
    if connection.vendor != "postgresql":
        pytest.skip("le worker partage la base de test PostgreSQL (CI)")
    reglages = connection.settings_dict
    return (
        f"postgres://{reglages['USER']}@{reglages['HOST'] or '127.0.0.1'}:"
        f"{reglages['PORT'] or 5432}/{reglages['NAME']}"
    )


def lancer_worker(tmp_path, **variables):
    """Start ``celery worker``; returns the process and its log file (stop it with
    ``arreter``)."""
    from config.celery import app

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **variables}
    journal = (tmp_path / "worker.log").open("w")
    processus = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RACINE, env=env, stdout=journal, stderr=subprocess.STDOUT,
    )  # fmt: skip
    app.conf.task_always_eager = False
    return processus, journal


def arreter(processus, journal):
    processus.terminate()
    processus.wait(timeout=30)
    journal.close()


def media_de_test():
    return str(settings.STORAGES["default"]["OPTIONS"]["location"])

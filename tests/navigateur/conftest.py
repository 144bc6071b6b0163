"""Playwright driving Debian's Chromium (/usr/bin/chromium) against the live test server.

Playwright's own browser download does not work offline: `make test` installs Debian's
Chromium when it is missing. Without it, browser tests are skipped locally and fail in CI.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGUMENTS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def navigateur():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium introuvable ({CHROMIUM}) : `make test` doit l'installer")
        pytest.skip(f"Chromium introuvable ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        yield browser
        browser.close()


@pytest.fixture
def page(navigateur, live_server):
    """A tab on the live server; every browser test also checks the Content Security Policy
    (``outils.onglet``)."""
    from tests.navigateur.outils import onglet

    with onglet(navigateur, live_server.url) as p:
        yield p


@pytest.fixture
def file_de_taches(tmp_path, transactional_db):
    """The task queue as deployed when the tests can have it: on PostgreSQL with a Redis
    broker (CI), a real Celery worker renders the documents the live server queues, so the
    page really waits for them. Elsewhere, tasks run in-process once the request commits."""
    from django.db import connection

    from tests.worker import arreter, lancer_worker, media_de_test, url_base_de_test

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if connection.vendor != "postgresql" or not broker.startswith("redis://"):
        if os.environ.get("CI"):
            pytest.fail("CI doit fournir PostgreSQL et Redis pour les parcours avec le worker")
        yield None
        return
    processus, journal = lancer_worker(
        tmp_path, DATABASE_URL=url_base_de_test(), MEDIA_ROOT=media_de_test()
    )
    try:
        yield tmp_path / "worker.log"
    finally:
        arreter(processus, journal)


@pytest.fixture
def demo(referentiel):
    """The demo's accounts and data, as `make run` loads them."""
    import io

    from django.core.management import call_command

    call_command("charger_demo", stdout=io.StringIO())

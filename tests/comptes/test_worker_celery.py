"""End to end through the real queue: web process → Redis → a real Celery worker → e-mail.

Needs CELERY_BROKER_URL (CI sets it to the machine's Redis); skipped otherwise, except in CI
where a missing broker is an error.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from config.celery import app
from tests.factories import UserFactory

RACINE = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(tmp_path):
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        if os.environ.get("CI"):
            pytest.fail("CI doit fournir CELERY_BROKER_URL (Redis) pour le test du worker")
        pytest.skip("CELERY_BROKER_URL (Redis) non défini")
    boite = tmp_path / "courriels"
    boite.mkdir()
    env = {
        **os.environ,
        # Four slashes: an absolute path for django-environ's filemail scheme.
        "EMAIL_URL": f"filemail:///{boite}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    journal = (tmp_path / "worker.log").open("w")
    processus = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RACINE, env=env, stdout=journal, stderr=subprocess.STDOUT,
    )  # fmt: skip
    app.conf.task_always_eager = False
    try:
        yield boite
    finally:
        processus.terminate()
        processus.wait(timeout=30)
        journal.close()


def _attendre_un_courriel(boite, delai=60):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        fichiers = list(boite.glob("*.log"))
        if fichiers and fichiers[0].stat().st_size:
            time.sleep(0.2)  # let the worker finish writing
            return fichiers[0].read_text()
        time.sleep(0.2)
    pytest.fail(f"aucun e-mail envoyé par le worker en {delai} s")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_reset_email_goes_through_redis_and_a_real_worker(client, worker):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    UserFactory(email="camille@somme.gouv.fr")

    reponse = client.post(reverse("password_reset"), {"email": "camille@somme.gouv.fr"})
    assert reponse.url == reverse("password_reset_done")

    courriel = _attendre_un_courriel(worker)
    assert "To: camille@somme.gouv.fr" in courriel
    lien = re.search(r"https?://[^/\s]+(/comptes/mot-de-passe/nouveau/\S+)", courriel).group(1)
    page = client.get(lien, follow=True).content.decode()
    assert "Choisissez un nouveau mot de passe" in page

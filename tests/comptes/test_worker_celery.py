"""End to end through the real queue: web process → Redis → a real Celery worker → e-mail.

Needs CELERY_BROKER_URL (CI sets it to the machine's Redis); skipped otherwise, except in CI
where a missing broker is an error.
"""

import re
import time

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.worker import arreter, exiger_redis, lancer_worker


@pytest.fixture
def worker(tmp_path):
    exiger_redis()
    boite = tmp_path / "courriels"
    boite.mkdir()
    # Four slashes: an absolute path for django-environ's filemail scheme.
    processus, journal = lancer_worker(tmp_path, EMAIL_URL=f"filemail:///{boite}")
    try:
        yield boite
    finally:
        arreter(processus, journal)


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

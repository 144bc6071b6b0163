"""End to end through the real queue: the service asks for its bon de commande PDF in the
web views, a real Celery worker renders it from Redis, the page shows it ready, and the
downloaded file says the number, the titulaire and the amounts in French."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from commandes.models import StatutBon
from documents.models import Document, StatutDocument
from tests.worker import arreter, exiger_redis, lancer_worker, media_de_test, url_base_de_test

from .conftest import telecharger, texte_pdf


@pytest.fixture
def worker(tmp_path, transactional_db):
    exiger_redis()
    processus, journal = lancer_worker(
        tmp_path, DATABASE_URL=url_base_de_test(), MEDIA_ROOT=media_de_test()
    )
    try:
        yield tmp_path / "worker.log"
    finally:
        arreter(processus, journal)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_bon_de_commande_pdf_through_redis_and_a_real_worker(client, worker, agent, fabrique_bon):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    bon = fabrique_bon(StatutBon.EMIS, montant_ht="20000.00")
    client.force_login(agent)

    reponse = client.post(reverse("documents:demander", args=["bon_de_commande", bon.pk]))
    assert reponse.status_code == 302
    document = Document.objects.get()
    etat = reverse("documents:etat", args=[document.pk])

    fin = time.monotonic() + 90
    while time.monotonic() < fin:
        bloc = client.get(etat, HTTP_HX_REQUEST="true").content.decode()
        if "Télécharger" in bloc:
            break
        assert "a échoué" not in bloc, worker.read_text()
        time.sleep(0.3)
    else:
        pytest.fail(f"PDF pas prêt en 90 s ; journal du worker :\n{worker.read_text()}")

    document.refresh_from_db()
    assert document.statut == StatutDocument.PRET and document.tentatives == 1
    texte = texte_pdf(telecharger(client, document))
    assert f"Bon de commande n° {bon.numero}" in texte
    assert bon.atelier.titulaire.nom in texte
    assert "20 000,00 €" in texte and "4 000,00 €" in texte and "24 000,00 €" in texte

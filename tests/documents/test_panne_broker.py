"""Redis really down: the web action still succeeds, and its PDF is delivered once Redis and
the worker are back (the sweep queues it again). A private redis-server on its own port is
stopped and restarted, so the suite's broker is never touched."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from commandes.models import StatutBon
from documents import services
from documents.models import Document, StatutDocument
from tests.worker import arreter, exiger_redis, lancer_worker, media_de_test, url_base_de_test

from .conftest import telecharger, texte_pdf

PORT = 6391
BROKER = f"redis://127.0.0.1:{PORT}/0"


def attendre_port(ouvert, delai=10):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        with socket.socket() as s:
            if (s.connect_ex(("127.0.0.1", PORT)) == 0) == ouvert:
                return
        time.sleep(0.1)
    pytest.fail(f"redis-server sur le port {PORT} : toujours {'fermé' if ouvert else 'ouvert'}")


def demarrer_redis():
    processus = subprocess.Popen(
        ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    attendre_port(True)
    return processus


def couper_redis(processus):
    processus.terminate()
    processus.wait(timeout=10)
    attendre_port(False)


def oublier_connexions(app):
    """Make Celery connect again to the (changed) broker URL on the next publish."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_prive(transactional_db):
    """The portal's Celery app pointed at a private Redis; yields (start, stop) controls."""
    exiger_redis()
    if not shutil.which("redis-server"):
        pytest.fail("redis-server introuvable")
    from config.celery import app

    anciens = app.conf.broker_url, app.conf.broker_write_url, app.conf.task_always_eager
    app.conf.broker_url = app.conf.broker_write_url = BROKER
    app.conf.task_always_eager = False
    oublier_connexions(app)
    processus = {"redis": None}
    yield processus
    if processus["redis"]:
        couper_redis(processus["redis"])
    app.conf.broker_url, app.conf.broker_write_url, app.conf.task_always_eager = anciens
    oublier_connexions(app)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_down_the_request_succeeds_and_the_pdf_comes_once_it_is_back(
    client, broker_prive, agent, fabrique_bon, tmp_path
):
    bon = fabrique_bon(StatutBon.EMIS, montant_ht="20000.00")
    client.force_login(agent)
    # Redis is not running: asking for the PDF still works and says it is being prepared.
    debut = time.monotonic()
    reponse = client.post(reverse("documents:demander", args=["bon_de_commande", bon.pk]))
    assert reponse.status_code == 302
    assert time.monotonic() - debut < 15
    document = Document.objects.get()
    assert document.statut == StatutDocument.EN_ATTENTE
    # The sweep leaves it alone while it might still be in a queue…
    assert services.balayer() == 0
    # …and queues it again once it has waited longer than DOCUMENTS_DELAI_BALAYAGE.
    Document.objects.update(
        mis_en_file_le=timezone.now() - timedelta(seconds=settings.DOCUMENTS_DELAI_BALAYAGE + 1)
    )

    # Redis and the worker come back; the sweep queues the document and it is rendered.
    broker_prive["redis"] = demarrer_redis()
    processus, journal = lancer_worker(
        tmp_path,
        DATABASE_URL=url_base_de_test(),
        MEDIA_ROOT=media_de_test(),
        CELERY_BROKER_URL=BROKER,
    )
    try:
        assert services.balayer() == 1, "le balayage doit remettre le document en file"
        fin = time.monotonic() + 90
        while time.monotonic() < fin:
            document.refresh_from_db()
            if document.statut == StatutDocument.PRET:
                break
            time.sleep(0.3)
        else:
            pytest.fail(f"PDF pas prêt en 90 s ; journal du worker : {journal.name}")
    finally:
        arreter(processus, journal)
    assert document.tentatives == 1
    assert texte_pdf(telecharger(client, document)).count(f"Bon de commande n° {bon.numero}")
    assert services.balayer() == 0  # delivered once

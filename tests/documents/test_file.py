"""The PDF queue as the service lives it: ask, wait, download; the same data is never rendered
twice; a failing render is retried, then shown with a retry button; nothing asked for while
the broker is down is lost."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from commandes import transitions as bons
from documents import services
from documents.models import Document, StatutDocument
from tests.outils import texte_lu

from .conftest import telecharger, texte_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def bon(fabrique_bon):
    """A draft, whose PDF (a « projet ») is asked for: an emitted bon's PDF comes with its
    emission (tests/commandes/test_page.py)."""
    return fabrique_bon(montant_ht="20000.00")


def demander(client, bon, capture):
    with capture(execute=True):
        return client.post(reverse("documents:demander", args=["bon_de_commande", bon.pk]))


def test_the_service_asks_for_the_bon_and_downloads_it_from_its_page(
    client, agent, bon, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    page = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    assert "Bon de commande en PDF : pas encore généré." in page

    reponse = demander(client, bon, django_capture_on_commit_callbacks)
    assert reponse.url.endswith(f"#document-bon_de_commande-{bon.pk}")
    page = texte_lu(client.get(reponse.url.split("#")[0]))
    assert "le PDF est en préparation" in page
    assert f"Télécharger : Bon de commande {bon.numero}" in page

    texte = texte_pdf(telecharger(client, Document.objects.get()))
    assert f"Bon de commande n° {bon.numero}" in texte
    assert bon.atelier.titulaire.nom in texte
    assert "20 000,00 €" in texte and "4 000,00 €" in texte and "24 000,00 €" in texte
    assert "2100012345" in texte and "DDT80-SA" in texte  # what the invoice must carry
    assert bon.atelier.accord_cadre.reference in texte
    assert "Page 1 sur" in texte and "généré le" in texte


def test_the_same_data_is_never_rendered_twice(
    client, agent, bon, rendus, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    demander(client, bon, django_capture_on_commit_callbacks)
    reponse = demander(client, bon, django_capture_on_commit_callbacks)
    assert "le PDF est déjà à jour" in texte_lu(client.get(reponse.url.split("#")[0]))
    assert Document.objects.count() == 1 and rendus["nombre"] == 1
    # A message delivered twice by the broker does nothing the second time.
    document = Document.objects.get()
    assert services.produire(document.pk).statut == "ignore"
    assert rendus["nombre"] == 1


def test_changed_data_gives_a_new_document(
    client, agent, fabrique_bon, rendus, django_capture_on_commit_callbacks
):
    brouillon = fabrique_bon()
    client.force_login(agent)
    demander(client, brouillon, django_capture_on_commit_callbacks)
    bons.modifier(agent, brouillon, montant_ht="15000.00")
    demander(client, brouillon, django_capture_on_commit_callbacks)
    premier, second = Document.objects.order_by("pk")
    assert premier.empreinte != second.empreinte and rendus["nombre"] == 2
    assert "PROJET" in texte_pdf(telecharger(client, second))
    assert "15 000,00 €" in texte_pdf(telecharger(client, second))


def test_a_failed_render_is_retried_with_back_off_and_succeeds(bon, agent, rendus, settings):
    settings.DOCUMENTS_DELAI_RELANCE = 30
    rendus["echecs"] = 2
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(services, "mettre_en_file", lambda pk: None)
        document, _ = services.demander(agent, "bon_de_commande", bon)
    premier = services.produire(document.pk)
    assert (premier.statut, premier.relancer_dans) == (StatutDocument.EN_ATTENTE, 30)
    document.refresh_from_db()
    assert document.statut == StatutDocument.EN_ATTENTE and "police introuvable" in document.erreur
    assert services.produire(document.pk).relancer_dans == 120
    assert services.produire(document.pk).statut == StatutDocument.PRET
    document.refresh_from_db()
    assert (document.statut, document.tentatives, document.erreur) == (StatutDocument.PRET, 3, "")


def test_the_task_retries_by_itself_until_ready(
    client, agent, bon, rendus, django_capture_on_commit_callbacks
):
    rendus["echecs"] = 1
    client.force_login(agent)
    demander(client, bon, django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert (document.statut, document.tentatives) == (StatutDocument.PRET, 2)


def test_a_render_that_keeps_failing_shows_the_failure_and_a_retry_button(
    client, agent, bon, rendus, settings, django_capture_on_commit_callbacks
):
    settings.DOCUMENTS_TENTATIVES_MAX = 3
    rendus["echecs"] = 3
    client.force_login(agent)
    demander(client, bon, django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert (document.statut, document.tentatives) == (StatutDocument.ECHEC, 3)
    page = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    assert "la génération du PDF a échoué après 3 tentatives" in page
    assert "Relancer la génération" in page
    assert client.get(f"/documents/{document.pk}/telecharger/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("documents:relancer", args=[document.pk]))
    document.refresh_from_db()
    assert document.statut == StatutDocument.PRET
    assert "La génération du PDF est relancée." in texte_lu(client.get(reponse.url))
    # Nothing to retry on a ready document.
    client.post(reverse("documents:relancer", args=[document.pk]))
    assert rendus["nombre"] == 4


def test_the_status_block_polls_until_ready_then_offers_the_download(
    client, agent, bon, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(agent)
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)  # the worker is slow
    demander(client, bon, django_capture_on_commit_callbacks)
    document = Document.objects.get()
    url = reverse("documents:etat", args=[document.pk])
    bloc = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in bloc and "génération en cours" in bloc
    assert "Télécharger" not in bloc

    services.produire(document.pk)
    bloc = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in bloc
    assert f"/documents/{document.pk}/telecharger/" in bloc
    # Without JavaScript, the address leads back to the bon's page.
    assert client.get(url).url.startswith(reverse("commandes:detail", args=[bon.pk]))


def test_nothing_is_lost_when_the_broker_is_down(
    client, agent, bon, django_capture_on_commit_callbacks, monkeypatch
):
    from documents import tasks

    def broker_arrete(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    client.force_login(agent)
    with monkeypatch.context() as mp:
        mp.setattr(tasks.rendre_document, "delay", broker_arrete)
        reponse = demander(client, bon, django_capture_on_commit_callbacks)
    assert reponse.status_code == 302  # the person is not shown an error page
    document = Document.objects.get()
    assert document.statut == StatutDocument.EN_ATTENTE

    # The sweep leaves what was just queued, and re-queues what waits for too long.
    assert services.balayer() == 0
    Document.objects.update(mis_en_file_le=timezone.now() - timedelta(minutes=10))
    sortie = __import__("io").StringIO()
    call_command("relancer_documents", stdout=sortie)
    assert sortie.getvalue().strip() == "1 document(s) remis en file."
    document.refresh_from_db()
    assert document.statut == StatutDocument.PRET


def test_the_sweep_takes_back_a_render_whose_worker_died(agent, bon, settings, monkeypatch):
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)
    document, _ = services.demander(agent, "bon_de_commande", bon)
    Document.objects.filter(pk=document.pk).update(
        statut=StatutDocument.EN_COURS,
        tentatives=1,
        commence_le=timezone.now() - timedelta(minutes=3),
    )
    monkeypatch.undo()
    assert services.balayer() == 0  # still within the time a render may take
    Document.objects.filter(pk=document.pk).update(
        commence_le=timezone.now() - timedelta(seconds=settings.DOCUMENTS_DUREE_MAX_RENDU + 1)
    )
    assert services.balayer() == 1
    document.refresh_from_db()
    assert (document.statut, document.tentatives) == (StatutDocument.PRET, 2)


def test_the_person_who_asked_is_told_in_the_portal_when_the_document_is_ready(
    client, agent, bon, mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.models import Preference
    from notifications.sujets import Mode, Sujet

    client.force_login(agent)
    demander(client, bon, django_capture_on_commit_callbacks)
    notification = agent.notifications.get(evenement=Sujet.DOCUMENT_PRET)
    assert notification.titre == f"Document prêt : Bon de commande {bon.numero}"
    assert notification.lien == reverse("commandes:detail", args=[bon.pk])
    assert mailoutbox == []  # by default, only in the portal: the page already shows it

    # Who chose an e-mail gets one for the next document.
    Preference.objects.create(personne=agent, evenement=Sujet.DOCUMENT_PRET, mode=Mode.IMMEDIAT)
    Document.objects.all().delete()
    demander(client, bon, django_capture_on_commit_callbacks)
    assert [m.subject for m in mailoutbox] == [
        f"[Ateliers Flash] Document prêt : Bon de commande {bon.numero}"
    ]

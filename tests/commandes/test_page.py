"""The bon's page as its readers use it: « Prochaine étape » (who acts, what is missing, the
buttons), and its PDF made with each step (no button to press, a status that says what is
offered)."""

import pytest
from django.urls import reverse

from commandes import transitions
from commandes.models import StatutBon
from documents import rendu, services
from documents.models import Document, StatutDocument
from tests.documents.conftest import telecharger, texte_pdf
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


def page(client, bon):
    return client.get(reverse("commandes:detail", args=[bon.pk]))


# « Prochaine étape »


def test_a_draft_without_its_chorus_references_says_what_is_missing_and_where(
    client, agent, atelier
):
    bon = transitions.creer(agent, atelier, objet="Atelier Flash", montant_ht="20000")
    client.force_login(agent)
    reponse = page(client, bon)
    lu = texte_lu(reponse)
    assert f"Émettre le bon — à faire par le service pilote ({atelier.service_pilote})" in lu
    assert (
        "Il manque encore : le numéro d'engagement juridique (Chorus), que la facture du "
        "titulaire devra porter — modifier le brouillon" in lu
    )
    assert (
        "le code service (Chorus Pro), que la facture du titulaire devra porter "
        "— modifier le brouillon" in lu
    )
    html = reponse.content.decode()
    assert f'href="/commandes/{bon.pk}/modifier/">modifier le brouillon</a>' in html
    # Emitting is not offered until they are given; modifying the draft is.
    assert f'href="/commandes/{bon.pk}/emettre/"' not in html
    assert f'href="/commandes/{bon.pk}/modifier/">Modifier le brouillon</a>' in html

    transitions.modifier(agent, bon, engagement_juridique="2100012345", code_service="DDT80")
    reponse = page(client, bon)
    assert "Il manque encore" not in texte_lu(reponse)
    assert f'href="/commandes/{bon.pk}/emettre/">Émettre le bon</a>' in reponse.content.decode()


def test_an_expired_accord_cadre_is_named_before_the_emission(client, agent, accord, fabrique_bon):
    bon = fabrique_bon()
    accord.statut = accord.Statut.ECHU
    accord.save()
    client.force_login(agent)
    lu = texte_lu(page(client, bon))
    assert f"un accord-cadre en vigueur : l'accord-cadre {accord.reference} est « échu »" in lu


def test_the_titulaire_reads_who_acts_next_and_gets_no_button(client, titulaire_user, fabrique_bon):
    bon = fabrique_bon(StatutBon.EMIS)
    client.force_login(titulaire_user)
    reponse = page(client, bon)
    lu = texte_lu(reponse)
    service = bon.atelier.service_pilote
    assert f"Notifier au titulaire — à faire par le service pilote ({service})" in lu
    assert f"/commandes/{bon.pk}/notifier/" not in reponse.content.decode()
    assert f"/commandes/{bon.pk}/annuler/" not in reponse.content.decode()


def test_an_executed_bon_says_what_its_end_means(client, agent, fabrique_bon):
    bon = fabrique_bon(StatutBon.EXECUTE)
    client.force_login(agent)
    lu = texte_lu(page(client, bon))
    assert (
        "Le service fait est attesté : le titulaire peut déposer sa facture sur Chorus Pro." in lu
    )
    assert "Annuler le bon" not in lu


# The PDF, made with each step


def emettre(agent, bon, capture):
    with capture(execute=True):
        transitions.emettre(agent, bon)


def test_the_emission_makes_the_pdf_and_the_page_offers_it(
    client, agent, fabrique_bon, django_capture_on_commit_callbacks
):
    bon_service = fabrique_bon()
    service = bon_service.atelier.service_pilote
    service.signataire_nom = "Anne Martin"
    service.save()
    bon = bon_service
    emettre(agent, bon, django_capture_on_commit_callbacks)
    document = Document.objects.pour(bon, "bon_de_commande").get()
    assert document.statut == StatutDocument.PRET
    client.force_login(agent)
    lu = texte_lu(page(client, bon))
    assert f"Télécharger : Bon de commande {bon.numero}" in lu
    assert "génération en cours" not in lu and "en préparation" not in lu
    assert "Générer le PDF" not in lu
    texte = texte_pdf(telecharger(client, document))
    assert f"Bon de commande n° {bon.numero}" in texte
    assert "PROJET" not in texte
    # Signed by the service's representative of the pouvoir adjudicateur (a setting of the
    # service), not by the agent who pressed « Émettre ».
    assert f"le directeur de la {service.nom}, Anne Martin" in texte
    assert agent.get_full_name() not in texte


def test_while_the_pdf_is_being_made_the_page_says_so_and_offers_no_link(
    client, agent, fabrique_bon, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)  # the worker is slow
    bon = fabrique_bon()
    emettre(agent, bon, django_capture_on_commit_callbacks)
    client.force_login(agent)
    reponse = page(client, bon)
    lu = texte_lu(reponse)
    assert "Bon de commande en PDF : génération en cours" in lu
    assert "Télécharger" not in lu and "Générer le PDF" not in lu
    assert 'hx-trigger="every 2s"' in reponse.content.decode()


def test_a_pdf_that_failed_says_so_with_a_retry_button(
    client, agent, fabrique_bon, monkeypatch, settings, django_capture_on_commit_callbacks
):
    def echoue(document):
        raise OSError("police introuvable (simulée)")

    monkeypatch.setattr(rendu, "rendre", echoue)
    settings.DOCUMENTS_TENTATIVES_MAX = 1
    bon = fabrique_bon()
    emettre(agent, bon, django_capture_on_commit_callbacks)
    client.force_login(agent)
    lu = texte_lu(page(client, bon))
    assert "la génération du PDF a échoué après 1 tentative" in lu
    assert "Relancer la génération" in lu
    assert "Télécharger" not in lu and "génération en cours" not in lu


def test_each_later_step_remakes_the_pdf_with_what_it_changed(
    client, agent, fabrique_bon, django_capture_on_commit_callbacks
):
    bon = fabrique_bon()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.emettre(agent, bon)
        transitions.notifier_titulaire(agent, bon)
    client.force_login(agent)
    dernier = Document.objects.pour(bon, "bon_de_commande").first()
    assert dernier.statut == StatutDocument.PRET
    assert "Notifié au titulaire le " + dernier.donnees["date_notification"] in texte_pdf(
        telecharger(client, dernier)
    )
    with django_capture_on_commit_callbacks(execute=True):
        transitions.annuler(agent, bon, "Atelier reporté")
    dernier = Document.objects.pour(bon, "bon_de_commande").first()
    assert "BON ANNULÉ — Atelier reporté" in texte_pdf(telecharger(client, dernier))
    assert f"/documents/{dernier.pk}/telecharger/" in page(client, bon).content.decode()


def test_the_agents_dashboard_lists_the_bons_awaiting_their_service(
    client, agent, titulaire_user, fabrique_bon
):
    brouillon, emis = fabrique_bon(), fabrique_bon(StatutBon.EMIS)
    client.force_login(agent)
    reponse = client.get(reverse("tableau_de_bord"))
    html, lu = reponse.content.decode(), texte_lu(reponse)
    for bon, quoi in ((brouillon, "Émettre le bon"), (emis, "Notifier au titulaire")):
        assert f'<a href="/commandes/{bon.pk}/">Bon {bon.numero} — Centre de Péronne</a>' in html
        assert f"Bon {bon.numero} — Centre de Péronne — {quoi}, en attente depuis" in lu
    # The titulaire has nothing to do on a bon.
    client.force_login(titulaire_user)
    assert f"Bon {emis.numero}" not in texte_lu(client.get(reverse("tableau_de_bord")))

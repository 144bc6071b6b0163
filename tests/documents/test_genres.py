"""What each document says, and when the portal produces it by itself: the deposit receipt
at each deposit, the letter at each eligibility decision."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from candidatures import transitions as candidatures
from candidatures.models import StatutCandidature
from documents import rendu, services
from documents.models import Document, StatutDocument
from livrables import services as livrables
from livrables.models import Priorite
from tests.factories import CandidatureFactory, ThematiqueFactory, UserFactory, completer
from tests.fichiers import png
from tests.outils import texte_lu

from .conftest import telecharger, texte_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(db):
    cand = CandidatureFactory(statut=StatutCandidature.BROUILLON, titre="Friche Saint-Pierre")
    completer(cand)
    agent = UserFactory(organisation=cand.service, first_name="Jeanne", last_name="Durand")
    return cand, agent


def test_each_deposit_produces_its_receipt(client, dossier, django_capture_on_commit_callbacks):
    cand, agent = dossier
    with django_capture_on_commit_callbacks(execute=True):
        candidatures.deposer(agent, cand)
    document = Document.objects.get(genre="recapitulatif_candidature")
    assert document.statut == StatutDocument.PRET
    client.force_login(agent)
    page = texte_lu(client.get(reverse("candidatures:detail", args=[cand.pk])))
    assert f"Télécharger : Récépissé de dépôt {cand.reference}-D1" in page

    texte = texte_pdf(telecharger(client, document))
    assert f"Récépissé de dépôt n° {cand.reference}-D1" in texte
    assert "Friche Saint-Pierre" in texte and "Jeanne Durand" in texte
    assert "Recyclage foncier" in texte  # the fiche as deposited
    assert "Courrier de soutien" in texte  # the list of pièces
    # The fiche's order is kept: the title comes before the stakes.
    assert texte.index("Titre") < texte.index("Enjeux")


def test_a_generated_pdf_is_tagged_for_screen_readers(
    client, dossier, django_capture_on_commit_callbacks
):
    cand, agent = dossier
    with django_capture_on_commit_callbacks(execute=True):
        candidatures.deposer(agent, cand)
    client.force_login(agent)
    document = Document.objects.get(genre="recapitulatif_candidature")
    pdf = PdfReader(io.BytesIO(telecharger(client, document)))

    catalogue = pdf.trailer["/Root"]
    assert catalogue["/Lang"] == "fr"
    assert catalogue["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
    assert "/StructTreeRoot" in catalogue
    assert pdf.metadata.title == document.titre


def test_the_eligibility_decision_produces_the_letter(
    client, dossier, django_capture_on_commit_callbacks
):
    cand, agent = dossier
    instructeur = UserFactory(instructeur=True, first_name="Sophie", last_name="Martin")
    with django_capture_on_commit_callbacks(execute=True):
        candidatures.deposer(agent, cand)
        candidatures.prendre_en_charge(instructeur, cand)
        candidatures.declarer_non_eligible(instructeur, cand, "Le périmètre dépasse le cadre.")
    document = Document.objects.get(genre="decision_eligibilite")
    client.force_login(agent)
    texte = texte_pdf(telecharger(client, document))
    assert "Non éligible" in texte and "Le périmètre dépasse le cadre." in texte
    assert "Sophie Martin" in texte and cand.reference in texte
    assert "Marie Maire" in texte  # addressed to the collectivité's referent


def test_the_feuille_de_route_prints_its_axes_actions_and_costs(
    client, agent, titulaire_user, atelier, django_capture_on_commit_callbacks
):
    axe = livrables.enregistrer_axe(titulaire_user, atelier, titre="Relier le centre et la gare")
    livrables.enregistrer_action(
        titulaire_user, axe, intitule="Aménager une promenade", thematique=ThematiqueFactory(),
        priorite=Priorite.COURT, porteur="Commune", cout_estime="350000",
    )  # fmt: skip
    client.force_login(agent)
    url = reverse("livrables:feuille_de_route", args=[atelier.pk])
    assert "Feuille de route en PDF : pas encore généré." in texte_lu(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:demander", args=["feuille_de_route", atelier.pk]))
    texte = texte_pdf(telecharger(client, Document.objects.get()))
    assert "Axe 1 — Relier le centre et la gare" in texte
    assert "Aménager une promenade" in texte and "Commune" in texte
    assert "350 000,00 €" in texte


def test_the_fiche_synthetique_prints_its_identity_card_and_images(
    client, titulaire_user, atelier, django_capture_on_commit_callbacks
):
    livrables.enregistrer_fiche(
        titulaire_user, atelier, annee=2024, territoire="Doullens", contexte="Une filature."
    )
    livrables.ajouter_image(titulaire_user, atelier, png("site.png"), "Vue du site")
    client.force_login(titulaire_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:demander", args=["fiche_synthetique", atelier.pk]))
    contenu = telecharger(client, Document.objects.get())
    texte = texte_pdf(contenu)
    assert "Doullens" in texte and "2024" in texte and "Une filature." in texte
    assert atelier.titulaire.nom in texte and "Vue du site" in texte
    assert len(PdfReader(io.BytesIO(contenu)).pages[0].images) >= 1  # read from the storage


def test_the_fiche_pdf_is_offered_only_once_the_fiche_is_written(client, agent, atelier):
    client.force_login(agent)
    assert "Fiche synthétique en PDF" not in texte_lu(
        client.get(reverse("livrables:fiche", args=[atelier.pk]))
    )
    reponse = client.post(reverse("documents:demander", args=["fiche_synthetique", atelier.pk]))
    assert reponse.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://cdn.example/marianne.woff2",
        "file:///etc/passwd",
    ],
)
def test_nothing_is_fetched_from_the_network_or_outside_the_dsfr_files(url):
    with pytest.raises(rendu.RessourceRefusee):
        rendu.RecuperateurLocal().fetch(url)


def test_the_identity_comes_from_the_dsfr_files_installed_with_the_project():
    identite = rendu.identite()
    assert all(
        p.startswith("file://") and p.endswith(".woff") for p in identite["polices"].values()
    )
    assert identite["marianne"].startswith("data:image/svg+xml")
    assert rendu.RecuperateurLocal().fetch(identite["polices"]["bold"]).read()[:4] == b"wOFF"


def test_a_document_of_a_source_of_the_wrong_kind_is_refused(agent, atelier):
    with pytest.raises(TypeError):
        services.demander(agent, "bon_de_commande", atelier)

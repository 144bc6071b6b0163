"""Who may download, follow or ask for each kind of document: each role against each document
it must not see (404, as for the source itself: guessing an id reveals nothing)."""

import pytest
from django.urls import reverse

from candidatures.models import Depot
from commandes.models import StatutBon
from documents import rendu, services
from documents.models import Document
from journal.models import enregistrer
from livrables import services as livrables
from tests.factories import UserFactory
from tests.roles import ROLES, personnes

from .conftest import fermer_le_fichier

pytestmark = pytest.mark.django_db

# In the order of ROLES. The collectivité co-porteur never reads the bons; it reads the
# feuille de route and the fiche once the service validated them (not yet here).
VU_PAR_L_ATELIER = [302, 200, 404, 200, 200, 200, 404, 404, 404]
SERVICE_ET_DGALN = [302, 200, 404, 200, 200, 404, 404, 404, 404]
MATRICE = {
    "bon émis": ("bon_de_commande", "emis", VU_PAR_L_ATELIER),
    # A draft is the service's business until it is emitted.
    "bon brouillon": ("bon_de_commande", "brouillon", SERVICE_ET_DGALN),
    # The titulaire reads the candidature's fiche, not the service's receipts and letters.
    "récapitulatif de dépôt": ("recapitulatif_candidature", "depot", SERVICE_ET_DGALN),
    "décision d'éligibilité": ("decision_eligibilite", "candidature", SERVICE_ET_DGALN),
    "feuille de route": ("feuille_de_route", "atelier", VU_PAR_L_ATELIER),
    "fiche synthétique": ("fiche_synthetique", "atelier", VU_PAR_L_ATELIER),
}


@pytest.fixture
def monde(atelier, agent, titulaire_user, fabrique_bon, monkeypatch):
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)
    # The rendering itself is tested elsewhere: here, only who gets the file.
    monkeypatch.setattr(rendu, "rendre", lambda document: b"%PDF-1.4\n%%EOF\n")
    cand = atelier.candidature
    sources = {
        "emis": fabrique_bon(StatutBon.EMIS),
        "brouillon": fabrique_bon(),
        "depot": Depot.objects.create(
            candidature=cand, numero=f"{cand.reference}-D1", auteur=agent, instantane={}
        ),
        "candidature": cand,
        "atelier": atelier,
    }
    enregistrer(cand, UserFactory(instructeur=True), "eligible", "Dossier éligible", "", "", "Ok")
    livrables.enregistrer_fiche(titulaire_user, atelier, territoire="Péronne")
    administrateur = UserFactory(administrateur=True)
    documents = {}
    for nom, (code, source, _) in MATRICE.items():
        document, _ = services.demander(administrateur, code, sources[source])
        services.produire(document.pk)
        documents[nom] = document
    return {
        "documents": documents,
        "sources": sources,
        "personnes": personnes(agent, titulaire_user),
    }


def connecter(client, monde, role):
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)


@pytest.mark.parametrize("role", ROLES)
def test_download_status_and_request_matrix(client, monde, role):
    connecter(client, monde, role)
    for nom, (code, source, attendus) in MATRICE.items():
        attendu = attendus[ROLES.index(role)]
        document = monde["documents"][nom]
        reponse = client.get(reverse("documents:telecharger", args=[document.pk]))
        assert reponse.status_code == attendu, nom
        if attendu == 200:
            assert reponse["Content-Disposition"].startswith("attachment")
            fermer_le_fichier(reponse)
        etat = client.get(reverse("documents:etat", args=[document.pk]), HTTP_HX_REQUEST="true")
        assert etat.status_code == attendu, nom

        # Asking for a document one may not see creates nothing.
        avant = Document.objects.count()
        url = reverse("documents:demander", args=[code, monde["sources"][source].pk])
        reponse = client.post(url)
        if attendu == 200:
            assert reponse.status_code == 302 and "/comptes/connexion/" not in reponse.url
        else:
            assert reponse.status_code == 404 or "/comptes/connexion/" in reponse.url, nom
            assert Document.objects.count() == avant, nom


def test_documents_cannot_be_asked_for_by_get_nor_for_an_unknown_kind(client, monde):
    connecter(client, monde, "service_pilote")
    atelier = monde["sources"]["atelier"]
    assert (
        client.get(reverse("documents:demander", args=["feuille_de_route", atelier.pk])).status_code
        == 405
    )
    assert (
        client.post(reverse("documents:demander", args=["inconnu", atelier.pk])).status_code == 404
    )


def test_the_pdf_block_is_not_shown_to_who_may_not_see_it(client, monde):
    cand = monde["sources"]["candidature"]
    connecter(client, monde, "titulaire")
    page = client.get(reverse("candidatures:detail", args=[cand.pk])).content.decode()
    assert "Récapitulatif du dépôt" not in page and "Décision d&#x27;éligibilité" not in page
    connecter(client, monde, "service_pilote")
    page = client.get(reverse("candidatures:detail", args=[cand.pk])).content.decode()
    assert "Récépissé de dépôt" in page and "Décision d&#x27;éligibilité" in page

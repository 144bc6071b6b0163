"""In a real browser, the collectivité as co-porteur, from the login page each time.

The pilot service invites a person of the commune on its draft file and hands it the rubric
« Stratégie et enjeux »; she follows the e-mailed link, creates her account, completes the
rubric and uploads the maire's letter; the service sees who wrote what and deposits. Later,
on an earlier atelier of the same commune, now closed: she reads the validated feuille de
route (never the version sent back), answers the bilan and records what the atelier led to,
which a visitor then reads on the public page, without her name. axe-core checks every page
on the way (WCAG 2 A/AA)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ateliers.models import Atelier, Phase
from bilans.demandes import demander_les_bilans
from candidatures.models import Candidature, Piece, StatutCandidature
from comptes.models import User
from demo.fichiers import pdf_demo
from livrables import transitions as livrables
from livrables.models import Type
from tests.catalogue.conftest import fiche_validee
from tests.factories import (
    MOT_DE_PASSE,
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    MembreFactory,
    UserFactory,
    completer,
    coporteur,
)
from tests.fichiers import pdf
from tests.navigateur.outils import accessible, connecter, message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENT = "agent@ddt.example"
ELUE = "lea.martin@peronne.example"
MOT_DE_PASSE_ELUE = "Remparts-de-Peronne-2026"
SUITE = "La modification du PLU reprend le plan-guide des remparts."


@pytest.fixture
def territoire():
    """A draft file of the DDT on Péronne, complete but for the maire's letter; an earlier
    atelier of the same commune, attributed, with its feuille de route sent back once and then
    validated."""
    commune = CommuneFactory(code="80620", nom="Péronne")
    agent = UserFactory(email=AGENT, first_name="Paul", last_name="Agent")
    dossier = completer(
        CandidatureFactory(
            titre="Gare de Péronne",
            service=agent.organisation,
            cree_par=agent,
            statut=StatutCandidature.BROUILLON,
        )
    )
    dossier.communes.set([commune])
    dossier.pieces.filter(type=Piece.Type.LETTRE_COLLECTIVITE).delete()

    atelier = AtelierFactory(
        candidature__titre="Centre de Péronne",
        candidature__service=agent.organisation,
        service_pilote=agent.organisation,
    )
    atelier.candidature.communes.set([commune])
    titulaire = UserFactory(
        prestataire=True, organisation=MembreFactory(titulaire=atelier.titulaire).organisation
    )
    feuille = livrables.ajouter(agent, atelier, Type.FEUILLE_DE_ROUTE, atelier.cree_le.date())
    livrables.deposer(titulaire, feuille, pdf("premier-jet.pdf"))
    livrables.demander_reprise(agent, feuille, "Le diagnostic est trop court.")
    livrables.deposer(titulaire, feuille, pdf("feuille-finale.pdf"))
    livrables.valider(agent, feuille, "")
    return dossier, atelier


def test_the_collectivite_writes_its_file_then_follows_its_atelier_to_its_public_page(
    page, territoire
):
    dossier, atelier = territoire

    # 1. The service invites the commune's elected official and hands her a rubric.
    connecter(page, AGENT, MOT_DE_PASSE)
    page.get_by_role("link", name="Gare de Péronne").first.click()
    accessible(page)
    page.get_by_role("link", name="Inviter une personne de la collectivité").click()
    accessible(page)
    page.get_by_label("Collectivité").select_option(label="Commune de Péronne (80620)")
    page.get_by_label("Adresse e-mail de la personne").fill(ELUE)
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(message(page, f"Invitation envoyée à {ELUE}")).to_be_visible()
    expect(page.get_by_text("Léa Martin — lea.martin@peronne.example")).to_be_visible()
    page.locator("label", has_text="Stratégie et enjeux").click()
    page.get_by_role("button", name="Enregistrer les rubriques confiées").click()
    expect(page.get_by_text("À compléter par la collectivité").first).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Se déconnecter").click()

    # 2. She follows the link of the e-mail, which names the file, and creates her account.
    (invitation,) = [m for m in mail.outbox if m.to == [ELUE]]
    assert "« Gare de Péronne »" in invitation.body
    page.goto(re.search(r"/comptes/invitation/[^\s/]+/", invitation.body).group(0))
    expect(page.get_by_text("co-porteur du dossier « Gare de Péronne »")).to_be_visible()
    accessible(page)
    page.get_by_label("Mot de passe").first.fill(MOT_DE_PASSE_ELUE)
    page.get_by_label("Confirmation du mot de passe").fill(MOT_DE_PASSE_ELUE)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tableau de bord — Commune de Péronne (80620)"
    )
    accessible(page)

    # 3. She completes the rubric handed to her and uploads the maire's letter.
    page.get_by_role("link", name="Gare de Péronne").first.click()
    expect(page.get_by_text("Le dossier est déposé par le service")).to_be_visible()
    expect(page.get_by_role("button", name="Déposer le dossier")).to_have_count(0)
    page.get_by_role("link", name="Compléter la rubrique « Stratégie et enjeux »").click()
    accessible(page)
    page.get_by_label("Enjeux").fill("Relier la gare au centre par les remparts.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Rubrique « Stratégie et enjeux » enregistrée.")).to_be_visible()
    page.get_by_role("link", name="Retour au dossier").first.click()
    page.get_by_role("link", name="Déposer le courrier").click()
    accessible(page)
    page.get_by_label("Fichier").set_input_files(
        {"name": "maire.pdf", "mimeType": "application/pdf", "buffer": pdf_demo("maire.pdf")}
    )
    page.get_by_role("button", name="Ajouter la pièce").click()
    expect(page.get_by_text("Pièce « maire.pdf » ajoutée.")).to_be_visible()
    accessible(page)

    # 4. The service sees who wrote the rubric, and deposits.
    connecter(page, AGENT, MOT_DE_PASSE)
    page.get_by_role("link", name="Gare de Péronne").first.click()
    expect(
        page.get_by_text(re.compile(r"Rédigée par Léa Martin, Commune de Péronne \(80620\)"))
    ).to_be_visible()
    page.get_by_role("region", name="Prochaine étape").get_by_role(
        "link", name="Déposer le dossier"
    ).click()
    expect(page.get_by_text("Le dossier est complet")).to_be_visible()
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.get_by_text("Votre récépissé de dépôt porte le numéro")).to_be_visible()
    assert Candidature.objects.get(pk=dossier.pk).statut == StatutCandidature.DEPOSEE

    # Later: her commune's earlier atelier is closed; both sides are asked for their bilan.
    elue = User.objects.get(email=ELUE)
    coporteur(atelier.candidature, elue)
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.CLOTURE)
    atelier.refresh_from_db()
    atelier.date_cloture = atelier.cree_le.date()
    atelier.save(update_fields=["date_cloture"])
    demander_les_bilans(atelier)
    fiche_validee(atelier)

    # 5. She reads the validated feuille de route, never the version sent back.
    connecter(page, ELUE, MOT_DE_PASSE_ELUE)
    page.get_by_role("link", name="Centre de Péronne").first.click()
    page.get_by_role("link", name="Voir l'atelier").click()
    accessible(page)
    expect(page.get_by_text("Bons de commande")).to_have_count(0)
    page.get_by_role("link", name="Feuille de route", exact=True).click()
    accessible(page)
    expect(page.get_by_role("link", name=re.compile("feuille-finale.pdf"))).to_be_visible()
    expect(page.get_by_text("premier-jet.pdf")).to_have_count(0)
    page.go_back()

    # 6. She answers the bilan.
    page.get_by_role("link", name="Remplir le bilan").click()
    accessible(page)
    for question in (
        "Utilité du cadrage et de l'appropriation",
        "Utilité de l'animation sur site",
        "Utilité de la production des livrables",
        "Utilité de la restitution à distance",
    ):
        page.get_by_role("group", name=question).get_by_text("Très utile").click()
    for question in ("L'équipe du titulaire", "Les livrables"):
        page.get_by_role("group", name=question).get_by_text("Satisfaisant", exact=True).click()
    page.get_by_role(
        "group", name="Recommanderiez-vous un Atelier Flash à un autre territoire ?"
    ).get_by_text("Oui").click()
    page.get_by_label("Ce que vous en retenez").fill(
        "Trois jours qui ont remis le projet en route."
    )
    page.get_by_role("button", name="Enregistrer le bilan").click()
    expect(page.get_by_role("link", name="Corriger le bilan")).to_be_visible()
    accessible(page)

    # 7. She records what the atelier led to.
    page.get_by_role("link", name="Renseigner une suite").click()
    accessible(page)
    page.get_by_label("Ce que l'atelier a permis").select_option(
        label="PLU ou PLUi modifié ou révisé"
    )
    page.get_by_label("Date", exact=True).fill("2026-06-15")
    page.get_by_label("En une phrase").fill(SUITE)
    page.get_by_role("button", name="Enregistrer la suite").click()
    expect(message(page, "Suite enregistrée.")).to_be_visible()
    expect(page.get_by_text(SUITE)).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # 8. A visitor reads it on the atelier's public page, without her name.
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_role("link", name="Ateliers réalisés").first.click()
    page.get_by_role("link", name="Centre de Péronne").first.click()
    expect(page.get_by_role("heading", name="Et après ?")).to_be_visible()
    expect(page.get_by_text(SUITE)).to_be_visible()
    expect(page.get_by_text("Léa Martin")).to_have_count(0)
    accessible(page)

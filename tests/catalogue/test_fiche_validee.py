"""An atelier enters the public catalogue once its pilot service has validated its fiche
synthétique, not at its closure alone; the DGALN sees on its dashboard the closed ateliers
that wait for it."""

import pytest
from django.urls import reverse

from ateliers import transitions
from ateliers.models import Publication
from journal.models import Evenement
from livrables.models import FicheSynthetique
from notifications.models import Notification
from tests.catalogue.conftest import _atelier
from tests.factories import MembreFactory, UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

TITRE = "Les berges de l'Avre"


@pytest.fixture
def clos(db):
    """A closed atelier whose titulaire wrote the fiche, not yet validated."""
    atelier = _atelier(candidature__titre=TITRE, valider_la_fiche=False)
    membre = MembreFactory(titulaire=atelier.titulaire)
    titulaire = UserFactory(prestataire=True, organisation=membre.organisation)
    FicheSynthetique.objects.create(
        atelier=atelier,
        annee=2024,
        territoire="Roye (Somme)",
        maitrise_ouvrage="Commune de Roye",
        contexte="Une rivière oubliée derrière les maisons.",
        enjeux="Rendre les berges aux habitants.",
        productions="Une feuille de route en deux axes.",
        suites="Une étude de maîtrise d'œuvre.",
        modifie_par=titulaire,
    )
    atelier.titulaire_user = titulaire
    atelier.agent = UserFactory(organisation=atelier.service_pilote)
    return atelier


def catalogue_lu(client):
    client.logout()
    return texte_lu(client.get(reverse("catalogue:liste")))


def test_a_closed_atelier_waits_for_its_validated_fiche_then_enters_the_catalogue(client, clos):
    assert TITRE not in catalogue_lu(client)
    assert client.get(reverse("catalogue:atelier", args=[clos.pk])).status_code == 404

    client.force_login(clos.agent)
    fiche = reverse("livrables:fiche", args=[clos.pk])
    assert "Pas encore validée par le service pilote" in texte_lu(client.get(fiche))
    lu = texte_lu(client.post(fiche, follow=True))
    assert "Fiche synthétique validée : le titulaire est prévenu." in lu
    assert "Validée le" in lu and "Elle ne se modifie plus." in lu

    lu = catalogue_lu(client)
    assert TITRE in lu  # at once: the catalogue's memory sees the validation
    assert "1 atelier réalisé depuis 2024" in lu
    page = texte_lu(client.get(reverse("catalogue:atelier", args=[clos.pk])))
    assert "Une rivière oubliée derrière les maisons." in page
    evenement = Evenement.objects.pour(clos).get(action="fiche_validee")
    assert evenement.acteur == clos.agent
    assert "figure désormais au catalogue public" in evenement.commentaire
    assert Notification.objects.filter(
        destinataire=clos.titulaire_user, titre__startswith="Fiche synthétique validée"
    ).exists()


def test_only_the_pilot_service_validates_a_complete_fiche(client, clos):
    FicheSynthetique.objects.filter(atelier=clos).update(productions="", suites="")
    fiche = reverse("livrables:fiche", args=[clos.pk])
    client.force_login(clos.agent)
    lu = texte_lu(client.get(fiche))
    assert "Valider la fiche synthétique" not in lu
    assert (
        "La fiche synthétique ne peut pas encore être validée : il manque « ce que l'atelier a "
        "produit », « prochaines étapes »." in lu
    )
    for qui in (clos.agent, clos.titulaire_user, UserFactory(instructeur=True)):
        client.force_login(qui)
        client.post(fiche)
    assert FicheSynthetique.objects.get(atelier=clos).validee_le is None
    assert TITRE not in catalogue_lu(client)


def test_a_validated_fiche_no_longer_changes(client, clos):
    # Published before its closure by the DGALN: the titulaire may still write, until then.
    transitions.publier(UserFactory(instructeur=True), clos, Publication.PUBLIE, False)
    type(clos).objects.filter(pk=clos.pk).update(phase="restitution")
    client.force_login(clos.titulaire_user)
    fiche = reverse("livrables:fiche", args=[clos.pk])
    assert "Rédiger la fiche" in texte_lu(client.get(fiche))
    client.force_login(clos.agent)
    client.post(fiche)
    client.force_login(clos.titulaire_user)
    assert "Rédiger la fiche" not in texte_lu(client.get(fiche))
    reponse = client.post(
        reverse("livrables:modifier_fiche", args=[clos.pk]),
        {"contexte": "Autre chose", "annee": "2024"},
        follow=True,
    )
    assert "validée par le service pilote : elle ne se modifie plus" in texte_lu(reponse)
    assert FicheSynthetique.objects.get(atelier=clos).contexte.startswith("Une rivière")


def test_the_dgaln_sees_what_awaits_publication(client, clos):
    retire = _atelier(candidature__titre="Retiré par la DGALN")
    instructeur = UserFactory(instructeur=True)
    transitions.publier(instructeur, retire, Publication.NON_PUBLIE, False)
    _atelier(candidature__titre="Déjà au catalogue")
    client.force_login(instructeur)
    reponse = client.get(reverse("tableau_de_bord"))
    lu = texte_lu(reponse)
    attente = lu.split("En attente de publication")[1]
    assert (
        f"{TITRE}, clôturé le 29 mars 2025 — fiche synthétique à valider par le service pilote "
        f"({clos.service_pilote}) : lire la fiche synthétique" in attente
    )
    assert (
        "Retiré par la DGALN, clôturé le 29 mars 2025 — fiche synthétique validée, mais atelier "
        "retiré du catalogue par la DGALN : modifier la publication" in attente
    )
    assert "Déjà au catalogue" not in attente
    page = reponse.content.decode()
    assert reverse("livrables:fiche", args=[clos.pk]) in page
    assert reverse("ateliers:action", args=[retire.pk, "publier"]) in page

    FicheSynthetique.objects.filter(atelier=clos).update(validee_le="2025-04-01T10:00:00Z")
    transitions.publier(instructeur, retire, Publication.A_LA_CLOTURE, False)
    lu = texte_lu(client.get(reverse("tableau_de_bord")))
    assert "Tous les ateliers clôturés figurent au catalogue public." in lu


def test_the_services_refuse_to_change_a_validated_fiche_too(clos):
    """Not only the pages: the writing services check the validation again."""
    from livrables import services
    from socle.decisions import TransitionRefusee

    type(clos).objects.filter(pk=clos.pk).update(phase="restitution")
    FicheSynthetique.objects.filter(atelier=clos).update(validee_le="2026-11-30T10:00:00Z")
    with pytest.raises(TransitionRefusee, match="ne se modifie plus"):
        services.enregistrer_fiche(clos.titulaire_user, clos, contexte="Autre chose")
    with pytest.raises(TransitionRefusee, match="ne se modifie plus"):
        services.ajouter_image(clos.titulaire_user, clos, None, "Une légende")
    assert FicheSynthetique.objects.get(atelier=clos).contexte.startswith("Une rivière")

"""The rules that left the templates, seen on the pages: each page shows what the Python rule
answers, for each person (see ``test_gabarits`` for the check that keeps them out)."""

import pytest
from django.urls import reverse

from ateliers.models import Atelier, Phase
from candidatures.models import StatutCandidature
from tests.factories import CandidatureFactory, LivrableFactory, UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

# « Prochaine étape » tells everyone who follows the atelier what holds it, and who must act.
ATTENTE_PROGRAMME = "le programme sur site validé par le service pilote avant l'animation sur site"
ATTENTE_CLOTURE = "Clôturer l'atelier — à faire par le service pilote"


def page_atelier(client, qui, atelier):
    client.force_login(qui)
    return texte_lu(client.get(reverse("ateliers:detail", args=[atelier.pk])))


def test_in_cadrage_everyone_reads_what_holds_the_animation(client, atelier, agent, titulaire_user):
    assert atelier.phase == Phase.CADRAGE
    for qui in (titulaire_user, agent, UserFactory(instructeur=True)):
        assert ATTENTE_PROGRAMME in page_atelier(client, qui, atelier)


def test_in_restitution_the_closure_is_the_service_s_and_only_it_has_the_button(
    client, atelier, agent, titulaire_user
):
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.RESTITUTION)
    LivrableFactory(atelier=atelier)  # still expected: the atelier cannot close
    for qui in (agent, titulaire_user):
        lu = page_atelier(client, qui, atelier)
        assert ATTENTE_CLOTURE in lu and "Il manque encore" in lu
    # Nobody is offered a button that would only be refused.
    assert (
        "Clôturer l'atelier"
        not in page_atelier(client, titulaire_user, atelier).split(ATTENTE_CLOTURE)[1]
    )


def test_the_service_withdraws_its_file_the_dgaln_classes_it(client):
    candidature = CandidatureFactory(statut=StatutCandidature.DEPOSEE)
    url = reverse("candidatures:detail", args=[candidature.pk])
    client.force_login(UserFactory(organisation=candidature.service))
    assert "Retirer le dossier" in texte_lu(client.get(url))
    client.force_login(UserFactory(instructeur=True))
    lu = texte_lu(client.get(url))
    assert "Classer sans suite" in lu and "Retirer le dossier" not in lu


def test_only_an_administrateur_finds_the_invitations_and_the_administration(client):
    for role, voit in (("administrateur", True), ("instructeur", False)):
        qui = UserFactory(**{role: True})
        client.force_login(qui)
        annuaire = client.get(reverse("annuaire:organisations")).content.decode()
        assert (reverse("comptes:invitations") in annuaire) is voit
        accueil = texte_lu(client.get(reverse("tableau_de_bord")))
        assert ("Administration Les accords-cadres" in accueil) is voit

"""The atelier's « Prochaine étape »: who must act (the titulaire or the pilot service, named),
what is still missing (the on-site programme before the animation, the closure's conditions),
and the buttons of the table for who may press them."""

import pytest
from django.urls import reverse

from ateliers import transitions
from ateliers.models import Atelier, Phase, ProgrammeSurSite
from commandes.models import StatutBon
from livrables.models import StatutLivrable
from tests.factories import LivrableFactory, UserFactory
from tests.outils import texte, texte_lu

pytestmark = pytest.mark.django_db

S = ProgrammeSurSite.Statut


def page(client, qui, atelier):
    client.force_login(qui)
    return client.get(reverse("ateliers:detail", args=[atelier.pk]))


def bouton(atelier, nom):
    return f'href="{reverse("ateliers:action", args=[atelier.pk, nom])}"'


@pytest.mark.parametrize(
    ("statut", "qui_agit"),
    [
        (S.BROUILLON, "au titulaire ({titulaire}) de le rédiger et de le proposer au service"),
        (S.A_REVOIR, "au titulaire ({titulaire}) de le revoir et de le proposer à nouveau"),
        (S.PROPOSE, "au service pilote ({service}) de le valider"),
    ],
)
def test_in_cadrage_the_step_names_both_sides_and_who_holds_the_programme(
    client, atelier, agent, titulaire_user, statut, qui_agit
):
    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=statut)
    reponse = page(client, titulaire_user, atelier)
    lu = texte_lu(reponse)
    titulaire, service = atelier.titulaire.nom, atelier.service_pilote
    assert (
        f"Passer à la phase suivante — à faire par le titulaire ({titulaire}) "
        f"ou le service pilote ({service})" in lu
    )
    assert f"il est « {S(statut).label.lower()} » : c'est " in lu
    assert qui_agit.format(titulaire=titulaire, service=service) in lu
    assert reverse("ateliers:programme", args=[atelier.pk]) in texte(reponse)
    assert bouton(atelier, "avancer") not in texte(reponse)


def test_once_the_programme_is_validated_both_sides_may_move_on_not_the_dgaln(
    client, atelier, agent, titulaire_user
):
    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=S.VALIDE)
    for qui in (titulaire_user, agent):
        reponse = page(client, qui, atelier)
        assert bouton(atelier, "avancer") in texte(reponse)
        assert "Il manque encore" not in texte_lu(reponse)
    assert bouton(atelier, "avancer") not in texte(
        page(client, UserFactory(instructeur=True), atelier)
    )


def test_in_restitution_the_closure_is_the_service_s_and_lists_what_is_missing(
    client, atelier, agent, titulaire_user, fabrique_bon
):
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.RESTITUTION)
    lu = texte_lu(page(client, titulaire_user, atelier))
    assert f"Clôturer l'atelier — à faire par le service pilote ({atelier.service_pilote})" in lu
    assert "Il manque encore : aucun livrable n'est attendu — voir les livrables" in lu
    assert "aucun bon de commande — voir les bons de commande" in lu

    LivrableFactory(atelier=atelier, statut=StatutLivrable.VALIDE, cree_par=agent)
    fabrique_bon(StatutBon.EXECUTE)
    assert bouton(atelier, "cloturer") not in texte(page(client, titulaire_user, atelier))
    reponse = page(client, agent, atelier)
    assert bouton(atelier, "cloturer") in texte(reponse)
    assert "Il manque encore" not in texte_lu(reponse)


def test_a_closed_atelier_says_what_comes_of_it(client, atelier, agent, titulaire_user):
    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=S.VALIDE)
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.CLOTURE)
    lu = texte_lu(page(client, agent, atelier))
    assert "L'atelier est clôturé : il ne se modifie plus." in lu
    assert "une fois sa fiche synthétique validée par le service pilote" in lu


def test_the_step_follows_the_atelier_through_its_phases(client, atelier, agent, titulaire_user):
    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=S.VALIDE)
    transitions.avancer(titulaire_user, atelier)
    lu = texte_lu(page(client, agent, atelier))
    assert "État « Animation sur site » depuis le" in lu
    assert "Passer à la phase suivante — à faire par" in lu


def test_a_faire_lists_the_programme_only_while_the_atelier_is_in_cadrage(
    client, atelier, titulaire_user
):
    """A closed atelier's programme left in draft awaits nobody: it is not on the titulaire's
    « À faire », where it would read « Proposer au service » for an atelier long finished."""
    from ateliers.models import Atelier, Phase
    from workflow.etapes import a_faire

    def programmes():
        return [ligne for ligne in a_faire(titulaire_user) if ligne.workflow.nom == "programme"]

    assert [ligne.objet.atelier_id for ligne in programmes()] == [atelier.pk]
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.CLOTURE)
    assert programmes() == []


def test_the_wait_counts_from_the_phase_s_actual_start_not_from_its_recording(
    client, atelier, titulaire_user
):
    """A phase change recorded today with an actual date a month ago started a month ago."""
    import datetime

    from ateliers.models import Atelier, Phase

    debut = datetime.date.today() - datetime.timedelta(days=30)
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.PRODUCTION)
    atelier.planning.filter(phase=Phase.PRODUCTION).update(debut_reel=debut)
    lu = texte_lu(page(client, titulaire_user, atelier))
    assert "État « Production des livrables » depuis le" in lu
    assert "(30 jours)" in lu


def test_the_dashboard_counts_the_same_wait_as_the_page(client, atelier, titulaire_user):
    import datetime

    from ateliers.models import Atelier, Phase
    from workflow.etapes import a_faire, en_attente_chez_les_autres

    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.PRODUCTION)
    atelier.planning.filter(phase=Phase.PRODUCTION).update(
        debut_reel=datetime.date.today() - datetime.timedelta(days=30)
    )
    (ligne,) = [ligne for ligne in a_faire(titulaire_user) if ligne.workflow.nom == "atelier"]
    assert ligne.jours == 30
    # A phase on its way is the planning's to watch (late phases are flagged there), not a
    # wait on others for the DGALN.
    from tests.factories import UserFactory

    dgaln = UserFactory(instructeur=True)
    assert [x for x in en_attente_chez_les_autres(dgaln) if x.workflow.nom == "atelier"] == []


def test_a_step_that_waits_on_another_comes_after_what_is_missing(client, atelier, titulaire_user):
    from ateliers.models import ProgrammeSurSite

    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=ProgrammeSurSite.Statut.PROPOSE)
    lu = texte_lu(page(client, titulaire_user, atelier))
    bloc = lu[lu.index("Prochaine étape") :]
    assert bloc.index("Il manque encore") < bloc.index("Ensuite : Passer à la phase suivante")
    assert "c'est au service pilote" in bloc

"""The DGALN's directory, and account administration: deactivation (no login, name kept on
past actions, the organisation keeps its files), moving a person, and accounts that acted are
never deleted."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures import permissions as permissions_candidature
from candidatures import transitions as candidatures
from candidatures.models import Echelle, StatutCandidature
from comptes.models import Role, User
from journal.models import Evenement, enregistrer
from livrables import transitions as livrables
from livrables.workflow import LIVRABLE
from livrables.workflow import Action as ActionLivrable
from tests.factories import (
    MOT_DE_PASSE,
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    DgalnFactory,
    LivrableFactory,
    MembreFactory,
    ServiceFactory,
    SocieteFactory,
    UserFactory,
)
from tests.fichiers import pdf
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrateur(client):
    personne = UserFactory(administrateur=True, first_name="Ada", last_name="Admin")
    client.force_login(personne)
    return personne


@pytest.fixture
def service(db):
    return ServiceFactory(nom="DDT de la Somme")


@pytest.fixture
def agent(service):
    return UserFactory(
        organisation=service, first_name="Paul", last_name="Partant", email="paul@ddt80.example"
    )


@pytest.fixture
def collegue(service):
    return UserFactory(organisation=service, first_name="Rita", last_name="Reste")


def action(client, compte, nom, **donnees):
    return client.post(reverse("annuaire:action", args=[compte.pk, nom]), donnees, follow=True)


# --- The directory -------------------------------------------------------------------------


def test_the_directory_lists_organisations_with_filters_and_counts(client, administrateur, agent):
    UserFactory(organisation=agent.organisation, is_active=False)
    societe = SocieteFactory(nom="Atelier Urbain SARL")
    UserFactory(prestataire=True, organisation=societe)
    url = reverse("annuaire:organisations")
    page = texte_lu(client.get(url))
    assert "DDT de la Somme" in page and "Atelier Urbain SARL" in page
    ligne = client.get(url, {"q": "Somme"}).context["page"].object_list
    assert [(o.nom, o.nombre_actifs) for o in ligne] == [("DDT de la Somme", 1)]
    prestataires = client.get(url, {"type": "prestataire"}).context["page"].object_list
    assert [o.nom for o in prestataires] == ["Atelier Urbain SARL"]
    region = agent.organisation.departement.region
    par_region = client.get(url, {"region": region.pk}).context["page"].object_list
    assert [o.nom for o in par_region] == ["DDT de la Somme"]


def test_the_directory_list_costs_the_same_queries_for_5_or_25_organisations(
    client, administrateur
):
    def compter():
        cache.clear()  # both computed afresh: the filters' options are kept in the cache
        with CaptureQueriesContext(connection) as requetes:
            assert client.get(reverse("annuaire:organisations")).status_code == 200
        return len(requetes)

    for _ in range(5):
        UserFactory()
    peu = compter()
    for _ in range(20):
        UserFactory()
    assert compter() == peu


def test_a_service_page_shows_its_members_files_and_ateliers(client, administrateur, agent):
    cand = CandidatureFactory(service=agent.organisation, titre="Centre-bourg de Rue")
    atelier = AtelierFactory(
        candidature__service=agent.organisation, candidature__titre="Friche de Ham"
    )
    agent.fonction = "Chargé de mission"
    agent.telephone = "03 22 11 22 33"
    agent.save()
    page = texte_lu(client.get(reverse("annuaire:organisation", args=[agent.organisation.pk])))
    assert "Paul Partant" in page and "paul@ddt80.example" in page and "03 22 11 22 33" in page
    assert "Dossiers de candidature (2)" in page
    assert cand.titre in page and "Friche de Ham" in page
    assert "Ateliers (1)" in page and atelier.titulaire.nom in page


def test_a_company_page_shows_the_ateliers_of_its_groupements(client, administrateur):
    atelier = AtelierFactory(candidature__titre="Cœur de ville")
    membre = MembreFactory(titulaire=atelier.titulaire)
    page = texte_lu(client.get(reverse("annuaire:organisation", args=[membre.organisation.pk])))
    assert "Ateliers (1)" in page and "Cœur de ville" in page


def test_people_are_filtered_by_role_and_state(client, administrateur, agent):
    parti = UserFactory(last_name="Parti", is_active=False)
    UserFactory(instructeur=True, last_name="Instructrice")
    url = reverse("annuaire:personnes")
    noms = lambda params: {p.last_name for p in client.get(url, params).context["page"]}  # noqa: E731
    assert noms({"role": Role.INSTRUCTEUR}) == {"Instructrice"}
    assert noms({"etat": "inactif"}) == {"Parti"}
    assert parti.last_name not in noms({"etat": "actif"})
    assert noms({"q": "ddt80"}) == {"Partant"}


@pytest.mark.parametrize("role", ["agent", "prestataire", "anonyme"])
def test_only_the_dgaln_opens_the_directory(client, role, agent):
    if role != "anonyme":
        client.force_login(agent if role == "agent" else UserFactory(prestataire=True))
    urls = [
        reverse("annuaire:organisations"),
        reverse("annuaire:personnes"),
        reverse("annuaire:organisation", args=[agent.organisation.pk]),
        reverse("annuaire:personne", args=[agent.pk]),
        reverse("annuaire:action", args=[agent.pk, "desactiver"]),
    ]
    for url in urls:
        reponse = client.get(url)
        if role == "anonyme":
            assert reponse.status_code == 302 and reponse.url.startswith(reverse("login"))
        else:
            assert reponse.status_code == 403, url


def test_an_instructeur_reads_the_directory_but_does_not_administer_accounts(client, agent):
    client.force_login(UserFactory(instructeur=True))
    page = texte_lu(client.get(reverse("annuaire:personne", args=[agent.pk])))
    assert "Paul Partant" in page and "Désactiver le compte" not in page
    reponse = action(client, agent, "desactiver", motif="Départ")
    assert "Seul un administrateur DGALN gère les comptes." in texte_lu(reponse)
    agent.refresh_from_db()
    assert agent.is_active


# --- Deactivation: the person leaves, the service keeps everything ---------------------------


def test_a_deactivated_agent_can_no_longer_log_in_and_their_session_ends(client, agent):
    from django.test import Client

    navigateur_de_l_agent = Client()
    navigateur_de_l_agent.force_login(agent)
    assert navigateur_de_l_agent.get(reverse("tableau_de_bord")).status_code == 200

    client.force_login(UserFactory(administrateur=True))
    page = texte_lu(action(client, agent, "desactiver", motif="Mutation au 1er décembre"))
    assert "Le compte est désactivé." in page
    assert "Compte désactivé" in page and "Mutation au 1er décembre" in page  # timeline

    reponse = navigateur_de_l_agent.get(reverse("tableau_de_bord"))
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("login"))
    reponse = Client().post(reverse("login"), {"username": agent.email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in texte_lu(reponse)


def test_the_service_keeps_full_access_to_the_files_of_an_agent_who_left(
    client, agent, collegue, referentiel
):
    commune = CommuneFactory()
    cand = candidatures.declarer_intention(
        agent, titre="Entrée de ville", echelle=Echelle.COMMUNE, communes=[commune]
    )
    candidatures.confirmer_opportunite(UserFactory(instructeur=True), cand)
    administrateur = UserFactory(administrateur=True)
    client.force_login(administrateur)
    action(client, agent, "desactiver", motif="Départ en retraite")

    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.BROUILLON
    assert permissions_candidature.peut_modifier(collegue, cand, "strategie")
    client.force_login(collegue)
    page = texte_lu(client.get(reverse("candidatures:detail", args=[cand.pk])))
    # Past actions keep the name of the person who did them.
    assert "Intention de candidature déclarée" in page and "Paul Partant" in page
    # The colleague edits the file as its author could.
    reponse = client.get(reverse("candidatures:rubrique", args=[cand.pk, "strategie"]))
    assert reponse.status_code == 200


def test_a_prestataire_team_keeps_its_livrables_when_a_member_leaves(client):
    atelier = AtelierFactory()
    societe = MembreFactory(titulaire=atelier.titulaire).organisation
    partant = UserFactory(
        prestataire=True, organisation=societe, first_name="Léo", last_name="Part"
    )
    reste = UserFactory(prestataire=True, organisation=societe)
    pilote = UserFactory(organisation=atelier.service_pilote)
    livrable = LivrableFactory(atelier=atelier)
    livrables.deposer(partant, livrable, pdf("feuille.pdf"))

    client.force_login(UserFactory(administrateur=True))
    action(client, partant, "desactiver", motif="Quitte la société")
    livrables.demander_reprise(pilote, livrable, "Précisez les coûts")

    # The colleague sees the version of the one who left, with their name, and takes over.
    client.force_login(reste)
    page = texte_lu(client.get(reverse("livrables:detail", args=[livrable.pk])))
    assert "Léo Part" in page and "feuille.pdf" in page
    assert LIVRABLE.decision(reste, livrable, ActionLivrable.DEPOT)
    livrables.deposer(reste, livrable, pdf("feuille-v2.pdf"))
    assert livrable.versions.count() == 2


def test_reactivation_lets_the_person_log_in_again(client, agent):
    client.force_login(UserFactory(administrateur=True))
    action(client, agent, "desactiver", motif="Congé long")
    page = texte_lu(action(client, agent, "reactiver", motif="Retour"))
    assert "Le compte est réactivé." in page
    agent.refresh_from_db()
    assert agent.is_active
    assert [e.action for e in Evenement.objects.pour(agent)] == ["desactivation", "reactivation"]


def test_deactivation_needs_a_motif_and_an_administrateur_cannot_deactivate_themselves(
    client, administrateur, agent
):
    page = texte_lu(action(client, agent, "desactiver", motif=""))
    assert "Ce champ est obligatoire." in page
    agent.refresh_from_db()
    assert agent.is_active
    page = texte_lu(action(client, administrateur, "desactiver", motif="Test"))
    assert "Vous ne pouvez pas modifier votre propre compte" in page
    administrateur.refresh_from_db()
    assert administrateur.is_active


def test_an_account_that_appears_in_the_journal_is_never_deleted(client, administrateur, agent):
    cand = CandidatureFactory(service=agent.organisation, statut=StatutCandidature.BROUILLON)
    enregistrer(cand, agent, "test", "Action de Paul")
    reponse = client.post(
        reverse("admin:comptes_user_delete", args=[agent.pk]), {"post": "yes"}, follow=True
    )
    assert User.objects.filter(pk=agent.pk).exists()
    assert "supprimer" in texte_lu(reponse).lower()
    # An account that never acted (a mistake) may be deleted.
    erreur = UserFactory()
    client.post(reverse("admin:comptes_user_delete", args=[erreur.pk]), {"post": "yes"})
    assert not User.objects.filter(pk=erreur.pk).exists()


# --- Moving a person ------------------------------------------------------------------------


def test_a_person_moved_to_another_service_sees_its_files_and_no_longer_the_old_ones(
    client, administrateur, agent
):
    ancien = CandidatureFactory(service=agent.organisation, titre="Ancien dossier")
    autre_service = ServiceFactory(nom="DDTM du Pas-de-Calais")
    nouveau = CandidatureFactory(service=autre_service, titre="Nouveau dossier")
    page = texte_lu(
        action(
            client,
            agent,
            "deplacer",
            organisation=autre_service.pk,
            role=Role.AGENT,
            motif="Mutation",
        )
    )
    assert "Le rattachement est changé." in page
    assert "Rattachement changé : DDT de la Somme (Agent de service déconcentré) → " in page
    client.force_login(agent)
    titres = texte_lu(client.get(reverse("candidatures:liste")))
    assert "Nouveau dossier" in titres and "Ancien dossier" not in titres
    assert client.get(reverse("candidatures:detail", args=[ancien.pk])).status_code == 404
    assert client.get(reverse("candidatures:detail", args=[nouveau.pk])).status_code == 200


def test_a_move_must_match_the_role_and_the_organisation_type(client, administrateur, agent):
    page = texte_lu(
        action(
            client, agent, "deplacer", organisation=DgalnFactory().pk, role=Role.AGENT, motif="x"
        )
    )
    assert "Un « Agent de service déconcentré » doit être rattaché à une organisation" in page
    agent.refresh_from_db()
    assert agent.organisation.nom == "DDT de la Somme"
    # Into the DGALN as an instructeur: allowed, and the role's group follows.
    action(
        client,
        agent,
        "deplacer",
        organisation=DgalnFactory().pk,
        role=Role.INSTRUCTEUR,
        motif="Rejoint AD1",
    )
    agent.refresh_from_db()
    assert agent.role == Role.INSTRUCTEUR
    assert [g.name for g in agent.groups.all()] == ["Instructeur DGALN"]


def test_an_unknown_action_is_a_404(client, administrateur, agent):
    assert client.get(reverse("annuaire:action", args=[agent.pk, "supprimer"])).status_code == 404

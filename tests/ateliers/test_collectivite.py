"""The collectivité co-porteur during the atelier: it reads the planning, the on-site programme
once proposed, the thread (where it writes), and ticks off what it takes on for the on-site
days; it sees no bon de commande and no button of the atelier's execution, and each of its
attempts is refused with its reason and changes nothing. A member of another collectivité
finds nothing."""

import copy
import datetime

import pytest
from django.urls import reverse

from ateliers import services, transitions
from ateliers.models import Atelier, EngagementCollectivite, Phase, ProgrammeSurSite
from commandes import transitions as commandes
from journal.models import Evenement
from notifications.models import Notification
from tests.commandes.conftest import creer_agent, creer_atelier, creer_titulaire_user
from tests.donnees_du_module import donnees_du_module
from tests.factories import AtelierFactory, UserFactory, coporteur
from tests.outils import texte

pytestmark = pytest.mark.django_db

PROGRAMME = {
    "premier_jour": datetime.date(2026, 3, 10),
    "dernier_jour": datetime.date(2026, 3, 11),
    "lieu": "Salle des fêtes de Péronne",
    "deroule": "Jour 1 : introduction et arpentage",
    "arpentage": "Du canal au beffroi",
    "invites": "Élus, commerçants",
    "tables": "Commerce, mobilités",
}


def construire():
    atelier = creer_atelier()
    agent, titulaire = creer_agent(atelier), creer_titulaire_user(atelier)
    bon = commandes.creer(
        agent,
        atelier,
        objet="Atelier Flash",
        montant_ht="10000.00",
        engagement_juridique="2100012345",
        code_service="DDT80-SA",
    )
    commandes.emettre(agent, bon)
    membre = coporteur(atelier.candidature)
    return {
        "atelier": atelier,
        "agent": agent,
        "titulaire": titulaire,
        "instructeur": UserFactory(instructeur=True),
        "membre": membre,
        "collegue": coporteur(
            atelier.candidature, UserFactory(collectivite=True, organisation=membre.organisation)
        ),
        "autre": coporteur(AtelierFactory().candidature),
        "bon": bon,
    }


@pytest.fixture(scope="module")
def _monde_du_module(django_db_setup, django_db_blocker, medias_du_module):
    with donnees_du_module(django_db_blocker, medias_du_module):
        yield construire()


@pytest.fixture
def monde(_monde_du_module, db, fichiers_du_module):
    return copy.deepcopy(_monde_du_module)


def page(client, personne, atelier):
    client.force_login(personne)
    return client.get(reverse("ateliers:detail", args=[atelier.pk]))


def proposer(monde):
    services.modifier_programme(monde["titulaire"], monde["atelier"], **PROGRAMME)
    transitions.proposer_programme(monde["titulaire"], monde["atelier"], "")


def test_the_page_shows_the_planning_and_the_thread_but_no_bon(client, monde):
    contenu = texte(page(client, monde["membre"], monde["atelier"]))
    assert "Planning de l'atelier" in contenu and "Messages" in contenu
    assert "Bons de commande" not in contenu and monde["bon"].numero not in contenu
    assert "Envoyer le message" in contenu


def test_no_button_of_the_execution_is_shown(client, monde):
    proposer(monde)
    contenu = texte(page(client, monde["membre"], monde["atelier"]))
    for bouton in (
        "Modifier le planning",
        "Examiner le programme proposé",
        "Préparer un bon de commande",
        "Ajouter un livrable attendu",
        "Prochaine étape",
    ):
        assert bouton not in contenu, bouton
    client.force_login(monde["membre"])
    programme = texte(client.get(reverse("ateliers:programme", args=[monde["atelier"].pk])))
    assert "Valider le programme" not in programme and "Enregistrer le programme" not in programme


def test_the_programme_is_read_once_proposed_not_while_drafted(client, monde):
    services.modifier_programme(monde["titulaire"], monde["atelier"], **PROGRAMME)
    client.force_login(monde["membre"])
    url = reverse("ateliers:programme", args=[monde["atelier"].pk])
    brouillon = texte(client.get(url))
    assert "Salle des fêtes de Péronne" not in brouillon
    assert "vous pourrez le lire dès qu'il l'aura proposé au service pilote" in brouillon
    assert "Salle des fêtes" not in texte(page(client, monde["membre"], monde["atelier"]))

    proposer(monde)
    assert "Du canal au beffroi" in texte(client.get(url))
    assert "Salle des fêtes de Péronne" in texte(page(client, monde["membre"], monde["atelier"]))


def test_the_service_review_of_the_programme_is_not_shown(client, monde):
    proposer(monde)
    transitions.demander_revision_programme(
        monde["agent"], monde["atelier"], "Horaires irréalistes"
    )
    proposer(monde)
    client.force_login(monde["membre"])
    for url in (
        reverse("ateliers:detail", args=[monde["atelier"].pk]),
        reverse("ateliers:programme", args=[monde["atelier"].pk]),
    ):
        assert "Horaires irréalistes" not in texte(client.get(url)), url


def _refuse_sans_rien_changer(client, monde, url, donnees, raison):
    atelier = monde["atelier"]
    avant = (
        Evenement.objects.count(),
        list(atelier.planning.values_list("debut_prevu", flat=True)),
    )
    client.force_login(monde["membre"])
    reponse = client.post(url, donnees, follow=True)
    assert raison in texte(reponse)
    atelier = Atelier.objects.get(pk=atelier.pk)
    assert (
        Evenement.objects.count(),
        list(atelier.planning.values_list("debut_prevu", flat=True)),
    ) == avant
    return atelier


def test_the_collectivite_cannot_plan(client, monde):
    atelier = monde["atelier"]
    url = reverse("ateliers:planifier", args=[atelier.pk])
    donnees = {"cadrage_debut": "2026-02-01", "cadrage_fin": "2026-03-01"}
    _refuse_sans_rien_changer(
        client, monde, url, donnees, "Seuls le titulaire et le service pilote planifient l'atelier."
    )


def test_the_collectivite_cannot_propose_nor_validate_the_programme(client, monde):
    atelier = monde["atelier"]
    url = reverse("ateliers:programme", args=[atelier.pk])
    _refuse_sans_rien_changer(
        client, monde, url, {"lieu": "Mairie"}, "Le programme sur site est proposé par le titulaire"
    )
    for nom, raison in (
        ("proposer-programme", "Le programme sur site est proposé par le titulaire de l'atelier."),
        ("valider-programme", "Seul le service pilote valide le programme sur site."),
    ):
        url = reverse("ateliers:action", args=[atelier.pk, nom])
        _refuse_sans_rien_changer(client, monde, url, {"commentaire": ""}, raison)
    assert ProgrammeSurSite.objects.get(atelier=atelier).statut == ProgrammeSurSite.Statut.BROUILLON


def test_the_collectivite_cannot_change_phase_nor_close(client, monde):
    atelier = monde["atelier"]
    proposer(monde)
    transitions.valider_programme(monde["agent"], atelier, "")
    evenements = Evenement.objects.count()
    client.force_login(monde["membre"])
    for nom, raison in (
        ("avancer", "Seuls le titulaire et le service pilote font avancer l'atelier."),
        ("cloturer", "Seul le service pilote clôture l'atelier."),
    ):
        url = reverse("ateliers:action", args=[atelier.pk, nom])
        reponse = client.post(url, {"date": "2026-03-10"}, follow=True)
        assert raison in texte(reponse), nom
        assert Atelier.objects.get(pk=atelier.pk).phase == Phase.CADRAGE
    assert Evenement.objects.count() == evenements


def test_the_collectivite_reads_no_bon(client, monde):
    client.force_login(monde["membre"])
    assert client.get(reverse("commandes:detail", args=[monde["bon"].pk])).status_code == 404
    assert list(client.get(reverse("commandes:liste")).context["bons"]) == []


def test_a_member_of_another_collectivite_finds_nothing(client, monde):
    atelier = monde["atelier"]
    client.force_login(monde["autre"])
    assert client.get(reverse("ateliers:detail", args=[atelier.pk])).status_code == 404
    assert client.get(reverse("ateliers:programme", args=[atelier.pk])).status_code == 404
    url = reverse("ateliers:cocher_engagement", args=[atelier.pk, "salle"])
    assert client.post(url, {"fait": "1"}).status_code == 404
    assert not atelier.engagements.get(code="salle").est_fait
    ateliers = client.get(reverse("ateliers:liste")).context["page"].object_list
    assert atelier not in list(ateliers)


def test_the_list_of_ateliers_holds_its_own(client, monde):
    client.force_login(monde["membre"])
    ateliers = list(client.get(reverse("ateliers:liste")).context["page"].object_list)
    assert ateliers == [monde["atelier"]]


# -- What the collectivité takes on for the on-site days ---------------------------------------


def cocher(client, personne, atelier, code, fait="1"):
    client.force_login(personne)
    url = reverse("ateliers:cocher_engagement", args=[atelier.pk, code])
    return client.post(url, {"fait": fait}, follow=True)


def test_a_new_atelier_carries_the_checklist(monde):
    libelles = list(monde["atelier"].engagements.values_list("libelle", flat=True))
    assert libelles[:3] == [
        "Réserver et préparer la salle",
        "Organiser la restauration",
        "Envoyer les invitations aux élus, partenaires et habitants",
    ]


def test_the_collectivite_ticks_an_engagement_off_and_everyone_reads_who(client, monde):
    atelier, membre = monde["atelier"], monde["membre"]
    reponse = cocher(client, membre, atelier, "salle")
    assert "« Réserver et préparer la salle » : fait." in texte(reponse)
    engagement = atelier.engagements.get(code="salle")
    assert engagement.fait_par == membre
    evenement = Evenement.objects.pour(atelier).get(action="engagement_fait")
    assert evenement.acteur == membre and "Réserver et préparer la salle" in evenement.libelle
    for personne in (monde["agent"], monde["titulaire"], monde["instructeur"]):
        contenu = texte(page(client, personne, atelier))
        assert f"par {membre}" in contenu


def test_untick_then_the_service_ticks_on_its_behalf(client, monde):
    atelier = monde["atelier"]
    cocher(client, monde["membre"], atelier, "restauration")
    cocher(client, monde["membre"], atelier, "restauration", fait="0")
    assert not atelier.engagements.get(code="restauration").est_fait
    cocher(client, monde["agent"], atelier, "restauration")
    assert atelier.engagements.get(code="restauration").fait_par == monde["agent"]
    actions = list(Evenement.objects.pour(atelier).values_list("action", flat=True))
    assert actions.count("engagement_fait") == 2 and actions.count("engagement_repris") == 1


def test_ticking_what_is_ticked_records_nothing(client, monde):
    atelier = monde["atelier"]
    cocher(client, monde["membre"], atelier, "salle")
    evenements = Evenement.objects.count()
    cocher(client, monde["collegue"], atelier, "salle")
    assert Evenement.objects.count() == evenements
    assert atelier.engagements.get(code="salle").fait_par == monde["membre"]


@pytest.mark.parametrize("qui", ["titulaire", "instructeur"])
def test_the_titulaire_and_the_dgaln_read_the_checklist_without_ticking(client, monde, qui):
    atelier = monde["atelier"]
    assert "Marquer fait" not in texte(page(client, monde[qui], atelier))
    evenements = Evenement.objects.count()
    reponse = cocher(client, monde[qui], atelier, "salle")
    assert "Seuls la collectivité et le service pilote cochent les engagements" in texte(reponse)
    assert not atelier.engagements.get(code="salle").est_fait
    assert Evenement.objects.count() == evenements


def test_a_closed_atelier_takes_no_more_ticks(client, monde):
    atelier = monde["atelier"]
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.CLOTURE)
    assert "Marquer fait" not in texte(page(client, monde["membre"], atelier))
    reponse = cocher(client, monde["membre"], atelier, "salle")
    assert "L'atelier est clôturé : il ne se modifie plus." in texte(reponse)
    assert not EngagementCollectivite.objects.get(atelier=atelier, code="salle").est_fait


def test_an_unknown_engagement_is_not_found(client, monde):
    client.force_login(monde["membre"])
    url = reverse("ateliers:cocher_engagement", args=[monde["atelier"].pk, "feu-d-artifice"])
    assert client.post(url, {"fait": "1"}).status_code == 404


# -- The thread ------------------------------------------------------------------------------


def test_the_collectivite_writes_in_the_thread_and_the_others_are_told(client, monde):
    atelier, membre = monde["atelier"], monde["membre"]
    client.force_login(membre)
    url = reverse("ateliers:ecrire", args=[atelier.pk])
    reponse = client.post(url, {"texte": "La salle est réservée."}, follow=True)
    assert "La salle est réservée." in texte(reponse)
    notifies = set(
        Notification.objects.filter(evenement="message").values_list("destinataire", flat=True)
    )
    assert {monde["agent"].pk, monde["titulaire"].pk, monde["collegue"].pk} <= notifies
    assert membre.pk not in notifies and monde["autre"].pk not in notifies


def test_a_message_of_the_service_reaches_the_collectivite(monde):
    services.ecrire(monde["agent"], monde["atelier"], "Rendez-vous en mairie.")
    notifies = set(
        Notification.objects.filter(evenement="message").values_list("destinataire", flat=True)
    )
    assert {monde["membre"].pk, monde["collegue"].pk} <= notifies


def test_a_member_of_another_collectivite_cannot_write(client, monde):
    client.force_login(monde["autre"])
    url = reverse("ateliers:ecrire", args=[monde["atelier"].pk])
    assert client.post(url, {"texte": "Bonjour"}).status_code == 404
    assert not monde["atelier"].messages.exists()

"""Every transition of the on-site programme, legal and illegal, from each state, for each
kind of person; the table comes from ``ateliers.workflow.PROGRAMME``. Its changes are journaled
on the atelier's timeline."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ateliers import transitions
from ateliers.models import Phase, ProgrammeSurSite
from ateliers.workflow import PROGRAMME, ActionProgramme
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from notifications.models import Notification
from tests.livrables import conftest as gens
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

# The people of the livrables' tests: the atelier, its service and titulaire, the others.
accord = gens.accord
agent = gens.agent
atelier = gens.atelier
autre_agent = gens.autre_agent
autre_prestataire = gens.autre_prestataire
instructeur = gens.instructeur
titulaire_user = gens.titulaire_user

S = ProgrammeSurSite.Statut
A = ActionProgramme
PREMIER = timezone.localdate() + datetime.timedelta(days=20)

WORKFLOW = PROGRAMME
APPELS = {
    A.PROPOSE: lambda acteur, atelier: transitions.proposer_programme(acteur, atelier),
    A.VALIDE: lambda acteur, atelier: transitions.valider_programme(acteur, atelier, "Bien."),
    A.A_REVOIR: lambda acteur, atelier: transitions.demander_revision_programme(
        acteur, atelier, "Invitez la CCI."
    ),
}

TABLE = {t.action: t for t in PROGRAMME if not t.creation}


def completer(atelier, statut):
    """The atelier's programme filled in, in state ``statut``."""
    ProgrammeSurSite.objects.filter(atelier=atelier).update(
        statut=statut,
        premier_jour=PREMIER,
        dernier_jour=PREMIER + datetime.timedelta(days=1),
        lieu="Salle des fêtes",
        deroule="Jour 1 : arpentage ; jour 2 : tables.",
        arpentage="Gare, friche",
        invites="Élus, habitants",
        tables="Habitat ; mobilités",
    )
    atelier.refresh_from_db()
    return atelier


def cas():
    for action, t in TABLE.items():
        for statut in S:
            yield pytest.param(action, statut, statut in t.depuis, id=f"{action.value}-{statut}")


@pytest.mark.parametrize(("action", "statut", "legal"), list(cas()))
def test_transition_from_each_state(action, statut, legal, atelier, agent, titulaire_user):
    completer(atelier, statut)
    t = TABLE[action]
    acteur = titulaire_user if t.par[0].code == "titulaire" else agent
    autre = agent if acteur == titulaire_user else titulaire_user
    evenements = Evenement.objects.pour(atelier).count()
    if legal:
        APPELS[action](acteur, atelier)
        programme = ProgrammeSurSite.objects.get(atelier=atelier)
        assert programme.statut == t.cible(statut)
        evenement = Evenement.objects.pour(atelier).latest("id")
        assert Evenement.objects.pour(atelier).count() == evenements + 1
        assert (evenement.action, evenement.acteur) == (action, acteur)
        assert (evenement.etat_avant, evenement.etat_apres) == (statut, programme.statut)
        assert Notification.objects.filter(destinataire=autre).exists()
    else:
        with pytest.raises(TransitionRefusee) as refus:
            APPELS[action](acteur, atelier)
        assert f"Le programme sur site est à l'état « {S(statut).label} »" in str(refus.value)
        assert ProgrammeSurSite.objects.get(atelier=atelier).statut == statut
        assert Evenement.objects.pour(atelier).count() == evenements
        assert not Notification.objects.filter(destinataire=autre).exists()


@pytest.mark.parametrize("action", list(TABLE))
def test_the_wrong_side_the_dgaln_and_strangers_can_do_nothing(
    action, atelier, agent, titulaire_user, instructeur, autre_agent, autre_prestataire
):
    t = TABLE[action]
    depart = t.depuis[0]
    completer(atelier, depart)
    mauvais_cote = agent if t.par[0].code == "titulaire" else titulaire_user
    for intrus in (mauvais_cote, instructeur, autre_agent, autre_prestataire):
        with pytest.raises(TransitionRefusee, match=re.escape(t.refus)):
            APPELS[action](intrus, atelier)
    assert ProgrammeSurSite.objects.get(atelier=atelier).statut == depart
    assert not Evenement.objects.pour(atelier).exists()


def test_a_programme_is_proposed_only_while_the_atelier_is_in_cadrage(atelier, titulaire_user):
    completer(atelier, S.A_REVOIR)
    type(atelier).objects.filter(pk=atelier.pk).update(phase=Phase.ANIMATION)
    with pytest.raises(TransitionRefusee, match="le programme sur site ne se modifie plus"):
        transitions.proposer_programme(titulaire_user, atelier)


def test_the_programme_page_says_who_acts_next_and_offers_the_buttons_from_the_table(
    client, atelier, agent, titulaire_user
):
    url = reverse("ateliers:programme", args=[atelier.pk])
    client.force_login(titulaire_user)
    lu = texte_lu(client.get(url))
    assert "Proposer au service — à faire par le titulaire" in lu
    assert "Il manque encore : « premier jour sur site »" in lu and "« lieu d'accueil »" in lu
    completer(atelier, S.BROUILLON)
    reponse = client.get(url)
    assert reverse("ateliers:action", args=[atelier.pk, "proposer-programme"]) in (
        reponse.content.decode()
    )
    transitions.proposer_programme(titulaire_user, atelier)
    client.force_login(agent)
    reponse = client.get(url)
    lu = texte_lu(reponse)
    assert f"Valider le programme — à faire par le service pilote ({atelier.service_pilote})" in lu
    for slug in ("valider-programme", "revoir-programme"):
        assert reverse("ateliers:action", args=[atelier.pk, slug]) in reponse.content.decode()


def test_a_programme_of_a_visible_atelier_is_visible(atelier, agent, autre_agent):
    assert list(ProgrammeSurSite.objects.visible_to(agent)) == [atelier.programme]
    assert not ProgrammeSurSite.objects.visible_to(autre_agent).exists()

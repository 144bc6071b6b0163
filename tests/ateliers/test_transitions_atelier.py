"""Every transition of an atelier's phases, legal and illegal, from each phase, for each kind
of person; the table comes from ``ateliers.workflow.ATELIER``."""

import datetime
import re

import pytest
from django.utils import timezone

from ateliers import transitions
from ateliers.models import Atelier, Phase, ProgrammeSurSite
from ateliers.workflow import ATELIER, Action
from commandes.models import StatutBon
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from livrables.models import StatutLivrable
from notifications.models import Notification
from notifications.sujets import Sujet
from tests.factories import LivrableFactory, UserFactory
from tests.livrables import conftest as gens

pytestmark = pytest.mark.django_db

# The people of the livrables' tests: the atelier, its service and titulaire, the others.
accord = gens.accord
agent = gens.agent
atelier = gens.atelier
autre_agent = gens.autre_agent
autre_prestataire = gens.autre_prestataire
fabrique_bon = gens.fabrique_bon
instructeur = gens.instructeur
titulaire_user = gens.titulaire_user

AUJOURDHUI = timezone.localdate()

# How each transition of the table is called (the meta-test checks that every transition of
# ``ATELIER`` has its line); the phases, targets and parties come from the table itself.
WORKFLOW = ATELIER
APPELS = {
    Action.PHASE: lambda acteur, atelier: transitions.avancer(acteur, atelier),
    Action.CLOTURE: lambda acteur, atelier: transitions.cloturer(acteur, atelier),
}

TABLE = {t.action: t for t in ATELIER if not t.creation}


@pytest.fixture
def fabrique(atelier, fabrique_bon):
    """The atelier in a given phase, every rule beyond the phase met: its programme
    validated, its only livrable validated, its only bon executed."""

    def fabriquer(phase):
        ProgrammeSurSite.objects.filter(atelier=atelier).update(
            statut=ProgrammeSurSite.Statut.VALIDE
        )
        LivrableFactory(atelier=atelier, statut=StatutLivrable.VALIDE)
        fabrique_bon(StatutBon.EXECUTE)
        Atelier.objects.filter(pk=atelier.pk).update(phase=phase)
        # The phase began a few weeks ago, the atelier five months ago: dates without alert.
        atelier.planning.update(debut_reel=None)
        atelier.planning.filter(phase=Phase.CADRAGE).update(
            debut_reel=AUJOURDHUI - datetime.timedelta(days=150)
        )
        if phase != Phase.CLOTURE:
            atelier.planning.filter(phase=phase).update(
                debut_reel=AUJOURDHUI - datetime.timedelta(days=3)
            )
        atelier.refresh_from_db()
        return atelier

    return fabriquer


def acteur_pour(transition, agent, titulaire_user):
    codes = {partie.code for partie in transition.par}
    return titulaire_user if "titulaire" in codes else agent


def cas():
    for action, t in TABLE.items():
        for phase in Phase:
            yield pytest.param(action, phase, phase in t.depuis, id=f"{action.value}-{phase.value}")


@pytest.mark.parametrize(("action", "phase", "legal"), list(cas()))
def test_transition_from_each_phase(action, phase, legal, fabrique, agent, titulaire_user):
    atelier = fabrique(phase)
    t = TABLE[action]
    acteur = acteur_pour(t, agent, titulaire_user)
    evenements = Evenement.objects.pour(atelier).count()
    if legal:
        APPELS[action](acteur, atelier)
        atelier.refresh_from_db()
        assert atelier.phase == t.cible(phase)
        assert Evenement.objects.pour(atelier).count() == evenements + 1
        evenement = Evenement.objects.pour(atelier).latest("id")
        assert (evenement.action, evenement.acteur) == (action, acteur)
        assert (evenement.etat_avant, evenement.etat_apres) == (phase, atelier.phase)
        # The other side is told, the actor is not.
        autre = agent if acteur == titulaire_user else titulaire_user
        suivi = Notification.objects.filter(evenement=Sujet.ATELIER)
        assert suivi.filter(destinataire=autre).exists()
        assert not suivi.filter(destinataire=acteur).exists()
    else:
        with pytest.raises(TransitionRefusee) as refus:
            APPELS[action](acteur, atelier)
        assert f"L'atelier est à l'état « {phase.label} »" in str(refus.value)
        assert f"« {t.bouton} » n'est possible qu'à l'état" in str(refus.value)
        atelier.refresh_from_db()
        assert atelier.phase == phase
        assert Evenement.objects.pour(atelier).count() == evenements


@pytest.mark.parametrize("action", list(TABLE))
def test_the_dgaln_another_service_and_another_groupement_can_do_nothing(
    action, fabrique, instructeur, autre_agent, autre_prestataire
):
    depart = TABLE[action].depuis[0]
    atelier = fabrique(depart)
    for intrus in (instructeur, autre_agent, autre_prestataire):
        with pytest.raises(TransitionRefusee, match=re.escape(TABLE[action].refus)):
            APPELS[action](intrus, atelier)
    atelier.refresh_from_db()
    assert atelier.phase == depart
    assert not Evenement.objects.pour(atelier).filter(action=action).exists()


def test_only_the_pilot_service_closes(fabrique, titulaire_user):
    atelier = fabrique(Phase.RESTITUTION)
    with pytest.raises(TransitionRefusee, match="Seul le service pilote clôture"):
        transitions.cloturer(titulaire_user, atelier)


def test_the_closure_waits_for_the_registered_conditions(atelier, agent):
    """Nothing validated, nothing executed: the closure names what is missing."""
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.RESTITUTION)
    atelier.refresh_from_db()
    LivrableFactory(atelier=atelier, cree_par=UserFactory(organisation=atelier.service_pilote))
    with pytest.raises(TransitionRefusee) as refus:
        transitions.cloturer(agent, atelier)
    assert "L'atelier ne peut pas encore être clôturé : livrables non validés" in str(refus.value)
    atelier.refresh_from_db()
    assert atelier.phase == Phase.RESTITUTION

import pytest

from marches.models import MembreGroupement
from tests.factories import AtelierFactory, MembreFactory, UserFactory, accord_en_vigueur


def creer_atelier():
    """An atelier whose titulaire has its mandataire (also for module-scoped data sets)."""
    atelier = AtelierFactory(candidature__titre="Centre de Péronne")
    MembreFactory(titulaire=atelier.titulaire, role=MembreGroupement.Role.MANDATAIRE)
    return atelier


def creer_agent(atelier):
    return UserFactory(organisation=atelier.service_pilote, email="agent@ddt.example")


def creer_titulaire_user(atelier):
    return UserFactory(
        prestataire=True,
        organisation=atelier.titulaire.membres.first().organisation,
        email="equipe@titulaire.example",
    )


@pytest.fixture
def atelier(db):
    return creer_atelier()


@pytest.fixture
def agent(atelier):
    return creer_agent(atelier)


@pytest.fixture
def titulaire_user(atelier):
    return creer_titulaire_user(atelier)


@pytest.fixture
def accord(atelier):
    assert atelier.accord_cadre == accord_en_vigueur()
    return atelier.accord_cadre


@pytest.fixture
def fabrique_bon(agent, atelier):
    """A bon of the atelier, brought to the given state by the real transitions."""
    from commandes import transitions
    from commandes.models import StatutBon

    def fabriquer(statut=StatutBon.BROUILLON, montant_ht="10000.00", sur=None):
        cible = sur or atelier
        acteur = agent if sur is None else UserFactory(organisation=sur.service_pilote)
        bon = transitions.creer(
            acteur,
            cible,
            objet="Atelier Flash",
            montant_ht=montant_ht,
            engagement_juridique="2100012345",
            code_service="DDT80-SA",
        )
        if statut in (StatutBon.EMIS, StatutBon.NOTIFIE, StatutBon.EXECUTE):
            transitions.emettre(acteur, bon)
        if statut in (StatutBon.NOTIFIE, StatutBon.EXECUTE):
            transitions.notifier_titulaire(acteur, bon)
        if statut == StatutBon.EXECUTE:
            transitions.attester_service_fait(acteur, bon, None, "Livrables reçus")
        if statut == StatutBon.ANNULE:
            transitions.annuler(acteur, bon, "Erreur de saisie")
        return bon

    return fabriquer

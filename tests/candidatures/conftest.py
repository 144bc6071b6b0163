import pytest

from tests.factories import CandidatureFactory, ServiceFactory, UserFactory, completer


@pytest.fixture
def service(db):
    return ServiceFactory()


@pytest.fixture
def agent(service):
    return UserFactory(organisation=service, email="agent@ddt.example")


@pytest.fixture
def collegue(service):
    return UserFactory(organisation=service, email="collegue@ddt.example")


@pytest.fixture
def agent_ailleurs(db):
    return UserFactory(email="autre@ddt.example")


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True, email="instructeur@dgaln.example")


@pytest.fixture
def prestataire(db):
    return UserFactory(prestataire=True, email="prestataire@societe.example")


@pytest.fixture
def fabrique(agent):
    """A file of the agent's service in the given state (complete unless told otherwise)."""

    def fabriquer(statut, complet=True, **kwargs):
        cand = CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=statut, **kwargs
        )
        return completer(cand) if complet else cand

    return fabriquer

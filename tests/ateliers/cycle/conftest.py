import pytest

from tests.commandes.conftest import accord, agent, atelier, fabrique_bon, titulaire_user  # noqa: F401
from tests.factories import UserFactory


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True, email="instructeur@dgaln.example")


@pytest.fixture
def autre_prestataire(db):
    """A prestataire of a company that is not in the atelier's groupement."""
    return UserFactory(prestataire=True, email="autre@concurrent.example")


@pytest.fixture
def autre_agent(db):
    """An agent of another service."""
    return UserFactory(email="agent@autre-ddt.example")

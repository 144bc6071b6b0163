import pytest

from candidatures.models import StatutCandidature
from marches.models import MembreGroupement
from tests.factories import (
    CandidatureFactory,
    MembreFactory,
    TitulaireFactory,
    UserFactory,
    accord_en_vigueur,
)


@pytest.fixture
def accord(db):
    return accord_en_vigueur()


@pytest.fixture
def ourcq(accord):
    titulaire = TitulaireFactory(accord_cadre=accord, rang=1, nom="Groupement Ourcq")
    MembreFactory(titulaire=titulaire, role=MembreGroupement.Role.MANDATAIRE)
    return titulaire


@pytest.fixture
def ville_ouverte(accord):
    titulaire = TitulaireFactory(accord_cadre=accord, rang=2, nom="Groupement Ville Ouverte")
    MembreFactory(titulaire=titulaire, role=MembreGroupement.Role.MANDATAIRE)
    return titulaire


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True, email="instructeur@dgaln.example")


@pytest.fixture
def eligible(db):
    return CandidatureFactory(statut=StatutCandidature.ELIGIBLE, titre="Centre de Péronne")


@pytest.fixture
def agent(eligible):
    return UserFactory(organisation=eligible.service, email="agent@ddt.example")


def equipier(titulaire, email):
    """A prestataire user of one company of the groupement."""
    return UserFactory(
        prestataire=True, organisation=titulaire.membres.first().organisation, email=email
    )

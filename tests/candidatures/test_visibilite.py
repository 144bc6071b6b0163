"""Who sees which candidature (Candidature.objects.visible_to)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from candidatures.models import Candidature, StatutCandidature
from tests.factories import (
    AtelierFactory,
    CandidatureFactory,
    MembreFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _visibles(user):
    return set(Candidature.objects.visible_to(user).values_list("titre", flat=True))


@pytest.fixture
def dossiers():
    deposee = CandidatureFactory(titre="Déposée")
    brouillon = CandidatureFactory(titre="Brouillon", statut=StatutCandidature.BROUILLON)
    autre_service = CandidatureFactory(titre="Autre service")
    atelier = AtelierFactory(candidature__titre="Attribuée")
    return {
        "deposee": deposee,
        "brouillon": brouillon,
        "autre": autre_service,
        "atelier": atelier,
    }


def test_agent_sees_every_file_of_their_service_and_nothing_else(dossiers):
    collegue = UserFactory(organisation=dossiers["deposee"].service)
    dossiers["brouillon"].service = dossiers["deposee"].service
    dossiers["brouillon"].save()

    # Files belong to the service: a colleague sees the file another agent created.
    assert _visibles(collegue) == {"Déposée", "Brouillon"}


def test_agent_of_another_service_sees_none_of_them(dossiers):
    assert _visibles(dossiers["autre"].cree_par) == {"Autre service"}


@pytest.mark.parametrize("trait", ["instructeur", "administrateur"])
def test_dgaln_sees_everything_but_drafts(dossiers, trait):
    assert _visibles(UserFactory(**{trait: True})) == {"Déposée", "Autre service", "Attribuée"}


def test_prestataire_sees_only_the_candidatures_of_their_groupements_ateliers(dossiers):
    membre = MembreFactory(titulaire=dossiers["atelier"].titulaire)
    prestataire = UserFactory(prestataire=True, organisation=membre.organisation)
    etranger = UserFactory(prestataire=True)

    assert _visibles(prestataire) == {"Attribuée"}
    assert _visibles(etranger) == set()


def test_anonymous_and_deactivated_users_see_nothing(dossiers):
    agent = dossiers["deposee"].cree_par
    agent.is_active = False
    agent.save()

    assert _visibles(AnonymousUser()) == set()
    assert _visibles(agent) == set()

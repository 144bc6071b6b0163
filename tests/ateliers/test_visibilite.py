"""Who sees which atelier (Atelier.objects.visible_to)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ateliers.models import Atelier
from tests.factories import AtelierFactory, MembreFactory, UserFactory

pytestmark = pytest.mark.django_db


def _visibles(user):
    return set(Atelier.objects.visible_to(user).values_list("candidature__titre", flat=True))


@pytest.fixture
def ateliers():
    return (
        AtelierFactory(candidature__titre="Doullens"),
        AtelierFactory(candidature__titre="Redon"),
    )


def test_agent_sees_the_ateliers_their_service_pilots(ateliers):
    doullens, _ = ateliers
    assert _visibles(UserFactory(organisation=doullens.service_pilote)) == {"Doullens"}


def test_dgaln_sees_all_ateliers(ateliers):
    assert _visibles(UserFactory(instructeur=True)) == {"Doullens", "Redon"}


def test_cotraitant_sees_the_ateliers_of_each_groupement_it_belongs_to(ateliers):
    doullens, redon = ateliers
    # The same company in two groupements (as ZEFCO is in the current accord-cadre).
    membre = MembreFactory(titulaire=doullens.titulaire)
    MembreFactory(titulaire=redon.titulaire, organisation=membre.organisation)
    autre = MembreFactory(titulaire=redon.titulaire)

    assert _visibles(UserFactory(prestataire=True, organisation=membre.organisation)) == {
        "Doullens",
        "Redon",
    }
    assert _visibles(UserFactory(prestataire=True, organisation=autre.organisation)) == {"Redon"}
    assert _visibles(UserFactory(prestataire=True)) == set()


def test_anonymous_sees_no_atelier(ateliers):
    assert _visibles(AnonymousUser()) == set()

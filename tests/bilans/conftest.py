import datetime

import pytest

from ateliers.models import Atelier, Phase
from tests.commandes.conftest import agent, atelier, titulaire_user  # noqa: F401
from tests.factories import AtelierFactory, UserFactory, coporteur


@pytest.fixture
def membre(atelier):  # noqa: F811
    """A member of the collectivité co-porteur of the atelier's file."""
    return coporteur(
        atelier.candidature, UserFactory(collectivite=True, email="maire@ville.example")
    )


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True)


@pytest.fixture
def autre_membre(db):
    """A member of the co-porteur of another atelier's file."""
    return coporteur(AtelierFactory().candidature)


def clore(atelier, jour=None):  # noqa: F811
    """Put ``atelier`` in its closed phase, closed on ``jour`` (without asking anyone)."""
    jour = jour or datetime.date.today()
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.CLOTURE, date_cloture=jour)
    atelier.refresh_from_db()
    return atelier

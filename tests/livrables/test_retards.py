"""The dashboards' late livrables read as sentences a person would write."""

import datetime

import pytest
from django.urls import reverse

from livrables.models import StatutLivrable
from tests.factories import LivrableFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("statut", "fin"),
    [
        (StatutLivrable.ATTENDU, "pas encore déposé"),
        (StatutLivrable.A_REPRENDRE, "renvoyé au titulaire pour reprise"),
    ],
)
def test_a_late_livrable_says_where_it_stands_in_words(client, agent, atelier, statut, fin):
    LivrableFactory(atelier=atelier, statut=statut, echeance=datetime.date(2026, 11, 1))
    client.force_login(agent)
    lu = texte_lu(client.get(reverse("tableau_de_bord")))
    assert f"attendu le 1er novembre 2026, {fin}" in lu
    assert "attendu le 01/11/2026, attendu" not in lu

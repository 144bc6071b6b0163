"""Two people acting at once on the same livrable or atelier: one change each time, never two
versions with the same number, never a phase skipped by a double click."""

import threading

import pytest
from django.db import connection

from ateliers import transitions as transitions_atelier
from ateliers.models import Atelier, Phase, ProgrammeSurSite
from livrables import transitions
from livrables.models import Livrable, Type
from tests.fichiers import pdf

pytestmark = pytest.mark.django_db(transaction=True)


def _en_meme_temps(*actions):
    resultats = []
    depart = threading.Barrier(len(actions))

    def lancer(action):
        try:
            depart.wait()
            resultats.append(action() and "fait")
        except Exception as refus:  # reported by the assertions of each test
            resultats.append(str(refus))
        finally:
            connection.close()

    fils = [threading.Thread(target=lancer, args=(a,)) for a in actions]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    return resultats


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Les verrous de ligne se vérifient sur PostgreSQL (CI).")


def test_two_uploads_at_once_get_versions_one_and_two(postgres, agent, atelier, titulaire_user):
    livrable = transitions.ajouter(agent, atelier, Type.FEUILLE_DE_ROUTE, atelier.cree_le.date())

    def deposer(nom):
        return lambda: transitions.deposer(
            titulaire_user, Livrable.objects.get(pk=livrable.pk), pdf(nom)
        )

    assert _en_meme_temps(deposer("a.pdf"), deposer("b.pdf")) == ["fait", "fait"]
    assert sorted(livrable.versions.values_list("numero", flat=True)) == [1, 2]
    # Exactly one waits for an opinion, the other was superseded.
    assert livrable.versions.filter(avis="en_attente").count() == 1


def test_double_click_on_next_phase_moves_one_phase(postgres, agent, atelier, titulaire_user):
    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=ProgrammeSurSite.Statut.VALIDE)

    def avancer():
        # Both clicks come from the same page, which showed the cadrage.
        return transitions_atelier.avancer(
            titulaire_user, Atelier.objects.get(pk=atelier.pk), depuis=Phase.CADRAGE
        )

    resultats = _en_meme_temps(avancer, avancer)
    atelier.refresh_from_db()
    assert resultats.count("fait") == 1
    assert any("déjà passé en phase « Animation sur site »" in r for r in resultats)
    assert atelier.phase == Phase.ANIMATION
    assert atelier.planning.get(phase=Phase.PRODUCTION).debut_reel is None

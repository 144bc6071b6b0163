"""Two instructeurs attributing at the same moment (PostgreSQL row locks)."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection

from ateliers import transitions
from ateliers.models import Atelier
from candidatures.models import Candidature, StatutCandidature
from candidatures.transitions import TransitionRefusee
from marches import tourniquet
from marches.models import AccordCadre, TourDeTourniquet
from tests.factories import CandidatureFactory, TitulaireFactory, UserFactory, accord_en_vigueur

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Les verrous de ligne se vérifient sur PostgreSQL (CI).")


@pytest.fixture
def accord():
    accord = accord_en_vigueur()
    for rang in (1, 2, 3):
        TitulaireFactory(accord_cadre=accord, rang=rang, nom=f"Titulaire {rang}")
    return accord


def en_parallele(fonction, arguments):
    resultats = []
    depart = threading.Barrier(len(arguments))

    def travail(arg):
        try:
            depart.wait()
            resultats.append(fonction(arg))
        except TransitionRefusee as refus:
            resultats.append(refus)
        finally:
            connection.close()

    fils = [threading.Thread(target=travail, args=(a,)) for a in arguments]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    return resultats


def test_the_same_turn_is_never_given_twice(accord, monkeypatch):
    instructeurs = [UserFactory(instructeur=True) for _ in range(2)]
    dossiers = [CandidatureFactory(statut=StatutCandidature.ELIGIBLE) for _ in range(2)]
    premier = accord.titulaires.get(rang=1)  # what both pages showed
    proposer = tourniquet.proposer

    def lent(etat):  # widen the window between reading the rotation and recording the turn
        time.sleep(0.3)
        return proposer(etat)

    monkeypatch.setattr(tourniquet, "proposer", lent)

    def attribuer(i):
        cand = Candidature.objects.get(pk=dossiers[i].pk)
        return transitions.attribuer(instructeurs[i], cand, premier)

    resultats = en_parallele(attribuer, [0, 1])
    assert sum(isinstance(r, Atelier) for r in resultats) == 1
    (refus,) = [r for r in resultats if isinstance(r, TransitionRefusee)]
    assert "Le tourniquet a avancé" in str(refus) and "« Titulaire 2 »" in str(refus)
    assert list(TourDeTourniquet.objects.values_list("numero", "titulaire__rang")) == [(1, 1)]


def test_simultaneous_attributions_follow_the_rotation_without_a_gap(accord):
    instructeurs = [UserFactory(instructeur=True) for _ in range(6)]
    dossiers = [CandidatureFactory(statut=StatutCandidature.ELIGIBLE) for _ in range(6)]

    def attribuer_en_relisant(i):
        # What an instructeur does when told the rotation moved: reload, confirm again.
        for _ in range(10):
            acc = AccordCadre.objects.get(pk=accord.pk)
            cand = Candidature.objects.get(pk=dossiers[i].pk)
            titulaire, _ = tourniquet.titulaire_propose(acc, cand)
            try:
                return transitions.attribuer(instructeurs[i], cand, titulaire)
            except tourniquet.TourniquetModifie:
                continue
        raise AssertionError("jamais servi")

    resultats = en_parallele(attribuer_en_relisant, range(6))
    assert all(isinstance(r, Atelier) for r in resultats)
    assert Counter(a.titulaire.rang for a in resultats) == {1: 2, 2: 2, 3: 2}
    assert list(TourDeTourniquet.objects.order_by("numero").values_list("rang", flat=True)) == [
        1, 2, 3, 1, 2, 3,
    ]  # fmt: skip
    accord.refresh_from_db()
    assert tourniquet.verifier(accord) == []

"""Two people acting on the same file at the same moment (PostgreSQL row locks)."""

import threading
import time

import pytest
from django.db import connection

from candidatures import transitions
from candidatures.models import StatutCandidature
from candidatures.transitions import TransitionRefusee
from tests.factories import CandidatureFactory, UserFactory, completer


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_deposits_make_one_deposit(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Les verrous de ligne se vérifient sur PostgreSQL (CI).")
    agent = UserFactory()
    collegue = UserFactory(organisation=agent.organisation)
    cand = completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=StatutCandidature.BROUILLON
        )
    )
    verifier = transitions.elements_manquants

    def lente(c):  # widen the window between reading the state and writing the new one
        time.sleep(0.3)
        return verifier(c)

    monkeypatch.setattr(transitions, "elements_manquants", lente)
    resultats = []

    def deposer(personne):
        from candidatures.models import Candidature

        try:
            transitions.deposer(personne, Candidature.objects.get(pk=cand.pk))
            resultats.append("déposé")
        except TransitionRefusee as refus:
            resultats.append(str(refus))
        finally:
            connection.close()

    fils = [threading.Thread(target=deposer, args=(p,)) for p in (agent, collegue)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == [
        "Le dossier est à l'état « Déposée » : « Déposer le dossier » n'est possible qu'à l'état "
        "« Brouillon » ou « Complément demandé ».",
        "déposé",
    ]
    assert cand.depots.count() == 1

"""An instructeur's steps on the tourniquet of the ``accord`` fixture (``conftest``), shared
by the tests of the rule and of the administrators' decisions."""

from ateliers import transitions
from candidatures.models import StatutCandidature
from marches import tourniquet
from marches.models import TourDeTourniquet
from tests.factories import CandidatureFactory

DECLINE = TourDeTourniquet.Motif.DECLINE


def eligible():
    return CandidatureFactory(statut=StatutCandidature.ELIGIBLE)


def propose(accord, cand):
    accord.refresh_from_db()
    titulaire, _ = tourniquet.titulaire_propose(accord, cand)
    return titulaire


def attribuer(instructeur, accord, cand):
    titulaire = propose(accord, cand)
    transitions.attribuer(instructeur, cand, titulaire)
    return titulaire.nom


def ecarter(instructeur, accord, cand, motif=DECLINE):
    titulaire = propose(accord, cand)
    transitions.ecarter(instructeur, cand, titulaire, motif)
    return titulaire.nom

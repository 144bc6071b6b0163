"""What the pages read of invoices: a bon's, with their deadlines and delays, in a fixed number
of queries."""

from dataclasses import dataclass

from django.utils import timezone

from . import paiement
from .factures import FACTURABLES
from .modeles_factures import Facture
from .workflow_factures import FACTURE, ActionFacture


@dataclass
class LigneFacture:
    facture: Facture
    echeance: object
    retard: object


def suivre(factures, aujourd_hui=None):
    """Each invoice with its deadline and its delay, as they come (``factures`` selects its
    bon; the ECB rates are read once): an export's rows stream through it."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    taux = paiement.taux_bce_par_semestre()
    for facture in factures:
        yield LigneFacture(
            facture,
            paiement.echeance(facture),
            paiement.retard(facture, aujourd_hui, taux_bce=taux),
        )


def lignes(factures, aujourd_hui=None):
    """Each invoice with its deadline and its delay (``factures`` selects its bon)."""
    return list(suivre(factures, aujourd_hui))


def du_bon(user, bon):
    """The bon's invoices for its page, and whether ``user`` may record one."""
    factures = bon.factures.select_related("bon").order_by("recue_le", "pk")
    return {
        "lignes": lignes(factures),
        "peut_enregistrer": FACTURE.decision(user, Facture(bon=bon), ActionFacture.ENREGISTREMENT),
        "facturable": bon.statut in FACTURABLES,
        "total": bon.factures.en_cours().total_ttc(),
    }

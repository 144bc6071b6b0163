"""Recording a test invoice through the real transition (and, when asked, accepting and paying
it), for every test module that needs invoices."""

import datetime
from decimal import Decimal

from commandes import factures
from commandes.models import Facture
from tests.fichiers import pdf

FEVRIER = datetime.date(2026, 2, 2)


def facture(
    acteur,
    bon,
    ht="5000.00",
    tva=None,
    recue_le=FEVRIER,
    *,
    agent=None,
    accepte=None,
    paye=None,
    **autres,
):
    """An invoice of ``ht`` (TVA at 20 % unless given) recorded by ``acteur``; accepted and put
    into payment by ``agent`` on the dates ``accepte`` and ``paye`` when given."""
    champs = {
        "nature": "acompte",
        "numero": f"F-{Facture.objects.count() + 1}",
        "reference_chorus": "CPP-2026-0001",
        "recue_le": recue_le,
        "montant_ht": ht,
        "montant_tva": tva if tva is not None else str(Decimal(ht) / 5),
        "fichier": pdf("facture.pdf"),
    }
    f = factures.enregistrer(acteur, bon, **{**champs, **autres})
    if accepte:
        factures.accepter(agent, f, accepte)
    if paye:
        factures.mettre_en_paiement(agent, f, paye)
    return f

"""What the pages read of invoices: a bon's, with their deadlines and delays, and the late ones
of the whole programme, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from . import paiement
from .factures import FACTURABLES
from .modeles_factures import Facture, StatutFacture
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
    rangs = lignes(bon.factures.select_related("bon").order_by("recue_le", "pk"))
    # What counts against the bon: every invoice but the rejected (``en_cours``), from the rows.
    total = sum(
        (r.facture.montant_ttc for r in rangs if not r.facture.est_rejetee), Decimal("0.00")
    )
    return {
        "lignes": rangs,
        "peut_enregistrer": FACTURE.decision(user, Facture(bon=bon), ActionFacture.ENREGISTREMENT),
        "facturable": bon.statut in FACTURABLES,
        "total": total,
        "reste": bon.montant_ttc - total,
    }


def en_retard(aujourd_hui=None):
    """The programme's late invoices, in two queries: those unpaid past their deadline (the
    interest counted until today) and those paid late in ``aujourd_hui``'s year, with the
    interest and the indemnity the State owes for them."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    # The deadline runs at least 15 days from receipt: nothing received since can be late.
    recue_avant = aujourd_hui - timedelta(days=paiement.DELAI_RESTANT_MIN_JOURS)
    candidates = (
        Facture.objects.filter(bon__date_service_fait__isnull=False)
        .filter(
            Q(statut__in=(StatutFacture.RECUE, StatutFacture.ACCEPTEE), recue_le__lt=recue_avant)
            | Q(statut=StatutFacture.PAYEE, mise_en_paiement_le__year=aujourd_hui.year)
        )
        .select_related(
            "bon__atelier__candidature", "bon__atelier__titulaire", "bon__atelier__service_pilote"
        )
    )
    tardives = sorted(
        (ligne for ligne in lignes(candidates, aujourd_hui) if ligne.retard),
        key=lambda ligne: (ligne.retard.echeance, ligne.facture.pk),
    )
    payees = [ligne for ligne in tardives if ligne.retard.paye]
    return {
        "annee": aujourd_hui.year,
        "impayees": [ligne for ligne in tardives if not ligne.retard.paye],
        "payees": payees,
        # What the State owes for this year's late payments (interest and indemnities); the
        # interest of the invoices whose semester's ECB rate is missing is left out, and said.
        "du": sum(
            (
                ligne.retard.indemnite if ligne.retard.interets is None else ligne.retard.total
                for ligne in payees
            ),
            Decimal("0.00"),
        ),
        "sans_taux": sum(1 for ligne in payees if ligne.retard.interets is None),
    }

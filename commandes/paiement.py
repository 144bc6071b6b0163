"""The payment deadline of an invoice and what the State owes once it is passed.

- The « délai global de paiement » is 30 days (R2192-10 of the Code de la commande publique),
  from the day Chorus Pro received the invoice, or from the service fait when it comes later
  (R2192-12); before the service fait, it has not begun.
- A rejection suspends it (R2192-27 to 29): the corrected invoice that replaces the rejected
  one resumes it with the days already run, and the days left are never fewer than 15.
- Paid late, the State owes late-payment interest, at the ECB's main refinancing rate in force
  on the first day of the semester in which the interest began to run, plus 8 points
  (R2192-31), on the amount TTC for each day late (a 365-day year), and a fixed indemnity of
  40 € for the costs of recovery (D2192-35). Rates are a table in the admin (``TauxBCE``).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from .modeles_factures import StatutFacture, TauxBCE
from .models import CENTIME

DELAI_JOURS = 30
DELAI_RESTANT_MIN_JOURS = 15
MAJORATION_POINTS = Decimal("8")
INDEMNITE_FORFAITAIRE = Decimal("40.00")


def debut_du_delai(facture, service_fait=None):
    """The day the deadline begins: receipt in Chorus Pro, or the service fait when later;
    ``None`` before the service fait. ``service_fait``: the bon's, when already read."""
    service_fait = service_fait if service_fait is not None else facture.bon.date_service_fait
    if service_fait is None:
        return None
    return max(facture.recue_le, service_fait)


def jours_restants(facture):
    """30 days, or what a rejection left of them (at least 15)."""
    if not facture.jours_deja_courus:
        return DELAI_JOURS
    return max(DELAI_JOURS - facture.jours_deja_courus, DELAI_RESTANT_MIN_JOURS)


def echeance(facture, service_fait=None):
    """The last day to pay, or ``None`` while the deadline has not begun."""
    debut = debut_du_delai(facture, service_fait)
    return None if debut is None else debut + datetime.timedelta(days=jours_restants(facture))


def jours_courus_avant_rejet(facture, rejetee_le):
    """The days the deadline had run when the invoice was rejected (for the one replacing it)."""
    debut = debut_du_delai(facture)
    if debut is None or rejetee_le <= debut:
        return facture.jours_deja_courus
    return min(facture.jours_deja_courus + (rejetee_le - debut).days, DELAI_JOURS)


def semestre_de(jour):
    return jour.replace(month=1 if jour.month <= 6 else 7, day=1)


def taux_bce_par_semestre():
    """Every ECB rate of the table, by semester: one query for a whole list of invoices."""
    return dict(TauxBCE.objects.values_list("semestre", "taux"))


def taux_des_interets(jour, taux_bce=None):
    """The yearly rate (%) of interest that began to run on ``jour``: the ECB rate of its
    semester plus 8 points; ``None`` while that rate is not in the table. ``taux_bce``: the
    table already read (``taux_bce_par_semestre``)."""
    semestre = semestre_de(jour)
    if taux_bce is None:
        taux = TauxBCE.objects.filter(semestre=semestre).values_list("taux", flat=True).first()
    else:
        taux = taux_bce.get(semestre)
    return None if taux is None else taux + MAJORATION_POINTS


@dataclass(frozen=True)
class Retard:
    echeance: datetime.date
    jours: int  # days past the deadline (paid, or until today)
    paye: bool
    taux: Decimal | None  # yearly %, None while the ECB rate of the semester is missing
    interets: Decimal | None
    indemnite: Decimal = INDEMNITE_FORFAITAIRE

    @property
    def total(self):
        return None if self.interets is None else self.interets + self.indemnite

    @property
    def semestre(self):
        return semestre_de(self.echeance + datetime.timedelta(days=1))


def interets(montant_ttc, taux, jours):
    return (Decimal(montant_ttc) * taux / 100 * jours / 365).quantize(
        CENTIME, rounding=ROUND_HALF_UP
    )


def retard(facture, aujourd_hui=None, service_fait=None, taux_bce=None):
    """How late the invoice is paid (or, unpaid, is today), and what it costs; ``None`` when
    it is not late or not payable (rejected, deadline not begun)."""
    if facture.est_rejetee:
        return None
    fin = echeance(facture, service_fait)
    if fin is None:
        return None
    paye = facture.statut == StatutFacture.PAYEE
    jour = facture.mise_en_paiement_le if paye else (aujourd_hui or timezone.localdate())
    jours = (jour - fin).days
    if jours <= 0:
        return None
    taux = taux_des_interets(fin + datetime.timedelta(days=1), taux_bce)
    montant = None if taux is None else interets(facture.montant_ttc, taux, jours)
    return Retard(fin, jours, paye, taux, montant)


def en_retard_depuis(facture, aujourd_hui=None):
    """The days an invoice still waiting for payment (received or accepted) is past its
    deadline, or 0; reads the bon's service fait, no table (« À faire »'s warning)."""
    if facture.statut not in (StatutFacture.RECUE, StatutFacture.ACCEPTEE):
        return 0
    fin = echeance(facture)
    if fin is None:
        return 0
    return max(((aujourd_hui or timezone.localdate()) - fin).days, 0)

"""The invoices list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``, with each invoice's deadline, delay and what the delay costs the State (loaded
by ``commandes.exports``)."""

from decimal import Decimal

from exports.listes import DATE, EUROS, NOMBRE, TAUX, Colonne, Liste, enregistrer

from . import suivi_factures
from .filters import FactureFilter
from .modeles_factures import Facture


def factures(user):
    """The invoices ``user`` sees (the titulaire its own, the service those of its bons, the
    DGALN all), last received first."""
    return (
        Facture.objects.visible_to(user)
        .select_related(
            "bon__atelier__candidature",
            "bon__atelier__titulaire",
            "bon__atelier__service_pilote",
            "bon__atelier__accord_cadre",
        )
        .order_by("-recue_le", "-pk")
    )


def _jours_de_retard(ligne):
    if ligne.echeance is None or ligne.facture.est_rejetee:
        return None
    return ligne.retard.jours if ligne.retard else 0


def _du(ligne, quoi):
    """What a late payment costs (``interets``, ``indemnite``, ``total``): 0 when paid or
    payable in time, blank while the deadline has not begun or the semester's rate is missing."""
    if ligne.retard is None:
        return None if _jours_de_retard(ligne) is None else Decimal("0.00")
    return getattr(ligne.retard, quoi)


# Each row is a ``suivi_factures.LigneFacture``: the invoice, its deadline and its delay.
FACTURES = enregistrer(
    Liste(
        code="factures",
        titre="Factures",
        lignes=factures,
        filtre=FactureFilter,
        page="commandes:factures",
        enrichir=suivi_factures.suivre,
        colonnes=(
            Colonne("N° de facture", lambda r: r.facture.numero),
            Colonne("Nature", lambda r: r.facture.get_nature_display()),
            Colonne("Bon de commande", lambda r: r.facture.bon.numero),
            Colonne("Atelier", lambda r: r.facture.bon.atelier.candidature.titre),
            Colonne("Titulaire", lambda r: r.facture.bon.atelier.titulaire.nom),
            Colonne("Service pilote", lambda r: r.facture.bon.atelier.service_pilote.nom),
            Colonne("Accord-cadre", lambda r: r.facture.bon.atelier.accord_cadre.reference),
            Colonne("Référence Chorus Pro", lambda r: r.facture.reference_chorus),
            Colonne("Reçue le", lambda r: r.facture.recue_le, DATE),
            Colonne("Montant HT (€)", lambda r: r.facture.montant_ht, EUROS),
            Colonne("TVA (€)", lambda r: r.facture.montant_tva, EUROS),
            Colonne("Montant TTC (€)", lambda r: r.facture.montant_ttc, EUROS),
            Colonne("État", lambda r: r.facture.get_statut_display()),
            Colonne("Service fait le", lambda r: r.facture.bon.date_service_fait, DATE),
            Colonne("Échéance", lambda r: r.echeance, DATE),
            Colonne("Mise en paiement le", lambda r: r.facture.mise_en_paiement_le, DATE),
            Colonne("Jours de retard", _jours_de_retard, NOMBRE),
            Colonne("Taux des intérêts (%)", lambda r: r.retard and r.retard.taux, TAUX),
            Colonne("Intérêts moratoires (€)", lambda r: _du(r, "interets"), EUROS),
            Colonne("Indemnité forfaitaire (€)", lambda r: _du(r, "indemnite"), EUROS),
            Colonne("Total dû par l'État (€)", lambda r: _du(r, "total"), EUROS),
        ),
    )
)

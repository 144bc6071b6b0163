"""The bons de commande list, as a page and as a file (CSV or XLSX): its rows and columns,
for ``exports``."""

from exports.listes import DATE, EUROS, TAUX, Colonne, Liste, enregistrer

from .filters import BonDeCommandeFilter
from .models import BonDeCommande


def lignes(user):
    return (
        BonDeCommande.objects.visible_to(user)
        .select_related("atelier__candidature", "atelier__titulaire", "atelier__service_pilote")
        .order_by("-cree_le")
    )


LISTE = enregistrer(
    Liste(
        code="bons-de-commande",
        titre="Bons de commande",
        lignes=lignes,
        filtre=BonDeCommandeFilter,
        page="commandes:liste",
        colonnes=(
            Colonne("Numéro", lambda b: b.numero),
            Colonne("Atelier", lambda b: b.atelier.candidature.titre),
            Colonne("Titulaire", lambda b: b.atelier.titulaire.nom),
            Colonne("Service pilote", lambda b: b.atelier.service_pilote.nom),
            Colonne("Objet", lambda b: b.objet),
            Colonne("Montant HT (€)", lambda b: b.montant_ht, EUROS),
            Colonne("Taux de TVA (%)", lambda b: b.taux_tva, TAUX),
            Colonne("TVA (€)", lambda b: b.montant_tva, EUROS),
            Colonne("Montant TTC (€)", lambda b: b.montant_ttc, EUROS),
            Colonne("État", lambda b: b.get_statut_display()),
            Colonne("Engagement juridique (Chorus)", lambda b: b.engagement_juridique),
            Colonne("Code service (Chorus Pro)", lambda b: b.code_service),
            Colonne("Émis le", lambda b: b.date_emission, DATE),
            Colonne("Notifié le", lambda b: b.date_notification, DATE),
            Colonne("Service fait le", lambda b: b.date_service_fait, DATE),
        ),
    )
)

# The invoices list, registered with the bons' (``exports`` loads this module only).
from .exports_factures import FACTURES  # noqa: E402, F401

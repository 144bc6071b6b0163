"""The bons de commande list, as a page and as a file (CSV or XLSX): its rows and columns,
for ``exports``; and the accords-cadres' consumption per year and titulaire, as a table."""

from exports import tableaux
from exports.listes import DATE, EUROS, NOMBRE, TAUX, Colonne, Liste, enregistrer
from exports.rangees import affichage, lire
from marches.models import AccordCadre

from . import consommation
from .filters import BonDeCommandeFilter
from .models import BonDeCommande
from .permissions import peut_suivre_les_accords


def lignes(user):
    return (
        BonDeCommande.objects.visible_to(user)
        .select_related("atelier__candidature", "atelier__titulaire", "atelier__service_pilote")
        .order_by("-cree_le")
    )


CHAMPS = (
    "numero",
    "atelier__candidature__titre",
    "atelier__titulaire__nom",
    "atelier__service_pilote__nom",
    "objet",
    "montant_ht",
    "taux_tva",
    "montant_tva",
    "montant_ttc",
    "statut",
    "engagement_juridique",
    "code_service",
    "date_emission",
    "date_notification",
    "date_service_fait",
)


statut = affichage(BonDeCommande, "statut")

LISTE = enregistrer(
    Liste(
        code="bons-de-commande",
        titre="Bons de commande",
        lignes=lignes,
        filtre=BonDeCommandeFilter,
        page="commandes:liste",
        # The file reads values (``exports.rangees``), not the page's instances.
        rangees=lambda bons: lire(bons, CHAMPS),
        colonnes=(
            Colonne("Numéro", lambda b: b["numero"]),
            Colonne("Atelier", lambda b: b["atelier__candidature__titre"]),
            Colonne("Titulaire", lambda b: b["atelier__titulaire__nom"]),
            Colonne("Service pilote", lambda b: b["atelier__service_pilote__nom"]),
            Colonne("Objet", lambda b: b["objet"]),
            Colonne("Montant HT (€)", lambda b: b["montant_ht"], EUROS),
            Colonne("Taux de TVA (%)", lambda b: b["taux_tva"], TAUX),
            Colonne("TVA (€)", lambda b: b["montant_tva"], EUROS),
            Colonne("Montant TTC (€)", lambda b: b["montant_ttc"], EUROS),
            Colonne("État", lambda b: statut(b["statut"])),
            Colonne("Engagement juridique (Chorus)", lambda b: b["engagement_juridique"]),
            Colonne("Code service (Chorus Pro)", lambda b: b["code_service"]),
            Colonne("Émis le", lambda b: b["date_emission"], DATE),
            Colonne("Notifié le", lambda b: b["date_notification"], DATE),
            Colonne("Service fait le", lambda b: b["date_service_fait"], DATE),
        ),
    )
)


def lignes_de_consommation(user, donnees):
    """Every accord-cadre's rows (year × titulaire), or those of ``?accord=<pk>``."""
    accords = AccordCadre.objects.order_by("-date_debut", "pk")
    if str(donnees.get("accord", "")).isdigit():
        accords = accords.filter(pk=donnees["accord"])
    for conso in consommation.consommations(accords).values():
        for ligne in conso.lignes:
            yield conso.accord, ligne.annee, ligne.titulaire, ligne.montants


def _montant(nom):
    return lambda ligne: getattr(ligne[3], nom)


CONSOMMATION = tableaux.enregistrer(
    tableaux.Tableau(
        code="consommation-accords-cadres",
        titre="Consommation des accords-cadres",
        lignes=lignes_de_consommation,
        autorise=peut_suivre_les_accords,
        colonnes=(
            Colonne("Accord-cadre", lambda ligne: ligne[0].reference),
            Colonne("Année", lambda ligne: ligne[1], NOMBRE),
            Colonne("Titulaire", lambda ligne: ligne[2].nom),
            Colonne("Maximum HT (€)", lambda ligne: ligne[0].montant_max_ht, EUROS),
            Colonne("Engagé HT (€)", _montant("engage_ht"), EUROS),
            Colonne("Engagé TTC (€)", _montant("engage_ttc"), EUROS),
            Colonne("Service fait HT (€)", _montant("certifie_ht"), EUROS),
            Colonne("Service fait TTC (€)", _montant("certifie_ttc"), EUROS),
            Colonne("Facturé HT (€)", _montant("facture_ht"), EUROS),
            Colonne("Facturé TTC (€)", _montant("facture_ttc"), EUROS),
            Colonne("Payé HT (€)", _montant("paye_ht"), EUROS),
            Colonne("Payé TTC (€)", _montant("paye_ttc"), EUROS),
        ),
    )
)

# The invoices list, registered with the bons' (``exports`` loads this module only).
from .exports_factures import FACTURES  # noqa: E402, F401

"""``{% load commandes_tags %}``: the state of a bon de commande or an invoice, as DSFR badges."""

from django import template

from commandes.modeles_factures import StatutFacture
from commandes.models import StatutBon
from socle.templatetags.composants import badge

register = template.Library()

COULEURS = {
    StatutBon.BROUILLON: "",
    StatutBon.EMIS: "info",
    StatutBon.NOTIFIE: "new",
    StatutBon.EXECUTE: "success",
    StatutBon.ANNULE: "error",
}


@register.simple_tag
def badge_bon(bon):
    return badge(bon.get_statut_display(), COULEURS.get(bon.statut, ""))


COULEURS_FACTURE = {
    StatutFacture.RECUE: "new",
    StatutFacture.ACCEPTEE: "info",
    StatutFacture.REJETEE: "error",
    StatutFacture.PAYEE: "success",
}


@register.simple_tag
def badge_facture(facture):
    return badge(facture.get_statut_display(), COULEURS_FACTURE.get(facture.statut, ""))

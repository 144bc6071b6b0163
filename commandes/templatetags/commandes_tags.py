"""``{% load commandes_tags %}``: a bon de commande's state, as DSFR badges."""

from django import template

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

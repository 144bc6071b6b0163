"""``{% load commandes_tags %}``: a bon de commande's state, as DSFR badges."""

from django import template

from commandes.models import Statut
from socle.templatetags.composants import badge

register = template.Library()

COULEURS = {
    Statut.BROUILLON: "",
    Statut.EMIS: "info",
    Statut.NOTIFIE: "new",
    Statut.EXECUTE: "success",
    Statut.ANNULE: "error",
}


@register.simple_tag
def badge_bon(bon):
    return badge(bon.get_statut_display(), COULEURS.get(bon.statut, ""))

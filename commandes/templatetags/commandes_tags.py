from django import template

from candidatures.templatetags.candidatures_tags import badge
from commandes.models import Statut

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

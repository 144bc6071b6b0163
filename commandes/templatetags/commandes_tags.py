from django import template
from django.utils.html import format_html

from commandes.models import Statut, euros

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
    couleur = COULEURS.get(bon.statut, "")
    classe = f"fr-badge fr-badge--sm fr-badge--{couleur}" if couleur else "fr-badge fr-badge--sm"
    return format_html(
        '<p class="{} fr-badge--no-icon fr-mb-0">{}</p>', classe, bon.get_statut_display()
    )


register.filter("euros", euros)

from django import template
from django.utils.html import format_html

from candidatures.models import Statut

register = template.Library()

COULEURS = {
    Statut.INTENTION: "new",
    Statut.BROUILLON: "",
    Statut.DEPOSEE: "info",
    Statut.EN_INSTRUCTION: "info",
    Statut.COMPLEMENT_DEMANDE: "warning",
    Statut.ELIGIBLE: "success",
    Statut.ATTRIBUEE: "success",
    Statut.NON_ELIGIBLE: "error",
    Statut.OPPORTUNITE_DECLINEE: "error",
    Statut.SANS_SUITE: "",
}


def badge(libelle, couleur=""):
    """A small DSFR badge (``couleur``: success, error, info, warning, new, or none)."""
    classe = f"fr-badge fr-badge--sm fr-badge--{couleur}" if couleur else "fr-badge fr-badge--sm"
    return format_html('<p class="{} fr-badge--no-icon fr-mb-0">{}</p>', classe, libelle)


@register.simple_tag
def badge_statut(candidature):
    return badge(candidature.get_statut_display(), COULEURS.get(candidature.statut, ""))

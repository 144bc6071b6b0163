"""``{% load livrables_tags %}``: a livrable's state, lateness and version review as badges."""

from django import template

from livrables.models import StatutLivrable, Version
from socle.templatetags.composants import badge

register = template.Library()

COULEURS = {
    StatutLivrable.ATTENDU: "",
    StatutLivrable.DEPOSE: "new",
    StatutLivrable.A_REPRENDRE: "warning",
    StatutLivrable.VALIDE: "success",
}
# Where a late livrable stands, as the end of a sentence « attendu le …, <ceci> ».
OU_EN_EST_IL = {
    StatutLivrable.ATTENDU: "pas encore déposé",
    StatutLivrable.DEPOSE: "une version attend l'avis du service",
    StatutLivrable.A_REPRENDRE: "renvoyé au titulaire pour reprise",
    StatutLivrable.VALIDE: "validé",
}
COULEURS_AVIS = {
    Version.Avis.EN_ATTENTE: "new",
    Version.Avis.VALIDEE: "success",
    Version.Avis.A_REPRENDRE: "warning",
    Version.Avis.REMPLACEE: "",
}


@register.simple_tag
def badge_livrable(livrable, retard=False):
    """The livrable's state, and "En retard" when it is past due."""
    html = badge(livrable.get_statut_display(), COULEURS.get(livrable.statut, ""))
    if retard:
        html += badge("En retard", "error")
    return html


@register.simple_tag
def badge_version(version):
    return badge(version.get_avis_display(), COULEURS_AVIS.get(version.avis, ""))


@register.filter
def ou_en_est(livrable):
    """« pas encore déposé », « une version attend l'avis du service »…: a late livrable's
    state, written to end a sentence."""
    return OU_EN_EST_IL[StatutLivrable(livrable.statut)]

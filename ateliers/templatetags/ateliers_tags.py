from django import template

from ateliers.models import Phase, ProgrammeSurSite
from candidatures.templatetags.candidatures_tags import badge

register = template.Library()

COULEURS = {
    Phase.CADRAGE: "new",
    Phase.ANIMATION: "info",
    Phase.PRODUCTION: "info",
    Phase.RESTITUTION: "info",
    Phase.CLOTURE: "success",
}
COULEURS_PROGRAMME = {
    ProgrammeSurSite.Statut.BROUILLON: "",
    ProgrammeSurSite.Statut.PROPOSE: "new",
    ProgrammeSurSite.Statut.A_REVOIR: "warning",
    ProgrammeSurSite.Statut.VALIDE: "success",
}


@register.simple_tag
def badge_phase(atelier):
    return badge(atelier.get_statut_display(), COULEURS.get(atelier.statut, ""))


@register.simple_tag
def badge_programme(programme):
    return badge(programme.get_statut_display(), COULEURS_PROGRAMME.get(programme.statut, ""))

"""``{% load ateliers_tags %}``: an atelier's phase and its programme's state as DSFR badges."""

from django import template

from ateliers.models import Phase, ProgrammeSurSite
from socle.templatetags.composants import badge

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
    return badge(atelier.get_phase_display(), COULEURS.get(atelier.phase, ""))


@register.simple_tag
def badge_programme(programme):
    return badge(programme.get_statut_display(), COULEURS_PROGRAMME.get(programme.statut, ""))


@register.simple_tag
def badge_tour(nature, titulaire):
    """The tourniquet's proposal: « Tour normal — rang 1 »."""
    return badge(f"{nature.label} — rang {titulaire.rang}", "info", "fr-badge--no-icon")

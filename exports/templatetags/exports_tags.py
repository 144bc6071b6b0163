"""``{% load exports_tags %}``: an export's state as a DSFR badge."""

from django import template

from socle.templatetags.composants import badge

register = template.Library()


@register.simple_tag
def badge_export(export):
    """Ready in green, waiting or running in blue, failed or expired in red."""
    if export.est_pret:
        couleur = "success"
    elif export.en_cours:
        couleur = "info"
    else:
        couleur = "error"
    return badge(export.get_statut_display(), couleur, "fr-badge--sm")

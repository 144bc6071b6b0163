"""``{% etat_analyse fichier %}``: the antivirus state beside a file that is not offered."""

from django import template
from django.utils.html import format_html

register = template.Library()


def _badge(libelle, couleur):
    return format_html(
        '<span class="fr-badge fr-badge--sm fr-badge--{} fr-badge--no-icon">{}</span>',
        couleur,
        libelle,
    )


@register.simple_tag
def etat_analyse(objet):
    """Nothing for a file that is offered; a badge (and, for a virus, what to do) otherwise."""
    if objet.est_en_analyse:
        return format_html(
            '{} <span class="fr-text--xs">Le fichier sera disponible une fois vérifié.</span>',
            _badge("En analyse", "info"),
        )
    if objet.est_infecte:
        return format_html(
            '{} <span class="fr-error-text fr-mt-1v">Fichier refusé : virus détecté ({}). '
            "Il a été supprimé : déposez un autre fichier.</span>",
            _badge("Refusé : virus détecté", "error"),
            objet.virus,
        )
    return ""

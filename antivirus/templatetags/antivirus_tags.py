"""``{% etat_analyse fichier %}``: the antivirus state beside a file that is not offered (an
inline badge: it sits inside the sentence naming the file)."""

from django import template
from django.utils.html import format_html

from socle.templatetags.composants import badge_en_ligne

register = template.Library()


@register.simple_tag
def etat_analyse(objet):
    """Nothing for a file that is offered; a badge (and, for a virus, what to do) otherwise."""
    if objet.est_en_analyse:
        return format_html(
            '{} <span class="fr-text--xs">Le fichier sera disponible une fois vérifié.</span>',
            badge_en_ligne("En analyse", "info"),
        )
    if objet.est_infecte:
        return format_html(
            '{} <span class="fr-error-text fr-mt-1v">Fichier refusé : virus détecté ({}). '
            "Il a été supprimé : déposez un autre fichier.</span>",
            badge_en_ligne("Refusé : virus détecté", "error"),
            objet.virus,
        )
    return ""

"""``{% load composants %}``: what the pages hand to django-dsfr's own components.

The breadcrumb, the pagination and the badges are drawn by the installed DSFR package
(``dsfr_breadcrumb``, ``dsfr_pagination``, ``dsfr_badge`` and their templates), so the portal
follows the design system's markup as the package updates it. The views keep their simple
shapes (a breadcrumb is a list of ``(label, link)``, the last one the current page; a page is
Django's ``Page``); the two filters here translate them into what the package expects.
"""

import functools

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from dsfr.templatetags.dsfr_tags import dsfr_badge

register = template.Library()

# Pages shown on each side of the current one, and at each end, before « … ».
AUTOUR, AUX_BOUTS = 1, 1


@register.simple_tag(takes_context=True)
def ariane(context, fil):
    """``[("Ateliers", "/ateliers/"), ("Atelier X", "")]`` → ``dsfr_breadcrumb``'s data
    (``{% ariane fil as donnees %}{% dsfr_breadcrumb donnees %}``).

    The package always starts the trail with « Accueil »: for a signed-in person that is their
    dashboard, not the public home page they left when they signed in."""
    *liens, (ici, _lien) = fil
    donnees = {"links": [{"url": url, "title": titre} for titre, url in liens], "current": ici}
    user = context.get("user")
    if user is not None and user.is_authenticated:
        donnees["root_dir"] = reverse("tableau_de_bord")
    return donnees


@register.filter
def numerotee(page):
    """``page`` with the numbers ``dsfr_pagination`` lists: ``[1, "…", 4, 5, 6, "…", 12]``."""
    page.pages_list = [
        str(numero) if numero == page.paginator.ELLIPSIS else numero
        for numero in page.paginator.get_elided_page_range(
            page.number, on_each_side=AUTOUR, on_ends=AUX_BOUTS
        )
    ]
    return page


def badge(libelle, couleur="", classes="fr-badge--sm fr-badge--no-icon fr-mb-0"):
    """A DSFR badge drawn by ``dsfr_badge``'s template (``couleur``: success, error, info,
    warning, new, or none); small, without icon and without margin unless told otherwise.
    Drawn once per process for each label, colour and classes: lists show a badge a row."""
    return _badge(str(libelle), couleur, classes)


@functools.lru_cache(maxsize=1024)
def _badge(libelle, couleur, classes):
    extra = " ".join(c for c in (f"fr-badge--{couleur}" if couleur else "", classes) if c)
    return render_to_string("dsfr/badge.html", dsfr_badge(label=libelle, extra_classes=extra))


@register.simple_tag
def badge_en_ligne(libelle, couleur="", classes="fr-badge--sm fr-badge--no-icon"):
    """The same badge inside a sentence, a title or a link: DSFR's badge template is a
    paragraph, which HTML does not allow there, so this one is a ``<span>``."""
    extra = " ".join(c for c in (f"fr-badge--{couleur}" if couleur else "", classes) if c)
    return format_html('<span class="fr-badge {}">{}</span>', extra, libelle)

"""Context shared by every page: the site identity (for the DSFR layout) and the navigation.

django-dsfr can read the site identity from a database row; the portal keeps it in code
and settings instead, so that rendering a page costs no query for it.
"""

import functools
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse

from comptes.models import Role
from notifications import compteur

SITE = SimpleNamespace(
    site_title="Ateliers Flash",
    site_tagline="Accompagner l'émergence de projets d'aménagement, en un temps court",
    header_brand_html=settings.MARIANNE_MINISTERE,
    footer_brand_html=settings.MARIANNE_MINISTERE,
    footer_description=(
        "Les Ateliers Flash sont un programme de la Direction générale de l'aménagement, "
        "du logement et de la nature (DGALN), mis en œuvre avec les services déconcentrés "
        "de l'État."
    ),
    accessibility_status="non",
)


def _navigation(user):
    return _navigation_du_role(user.role if user.is_authenticated else None)


@functools.cache
def _navigation_du_role(role):
    """The menu of a role (None: anonymous), reversed once per process: it never changes."""
    items = []
    if role is None:
        items.append(("Accueil", reverse("accueil_public")))
        items.append(("Ateliers réalisés", reverse("catalogue:liste")))
        items.append(("Données ouvertes", reverse("catalogue:donnees")))
        return tuple(items)
    items.append(("Tableau de bord", reverse("tableau_de_bord")))
    if role == Role.AGENT:
        items.append(("Candidatures", reverse("candidatures:liste")))
    elif role in (Role.INSTRUCTEUR, Role.ADMINISTRATEUR):
        items.append(("Dossiers à instruire", reverse("candidatures:liste")))
    elif role == Role.COLLECTIVITE:
        # The collectivité's files; it sees neither bons de commande nor invoices.
        items.append(("Dossiers", reverse("candidatures:liste")))
        items.append(("Ateliers", reverse("ateliers:liste")))
    if role in Role.values and role != Role.COLLECTIVITE:
        items.append(("Ateliers", reverse("ateliers:liste")))
        items.append(("Bons de commande", reverse("commandes:liste")))
        items.append(("Factures", reverse("commandes:factures")))
        items.append(("Livrables", reverse("livrables:liste")))
    if role in (Role.INSTRUCTEUR, Role.ADMINISTRATEUR):
        items.append(("Pilotage", reverse("pilotage:tableau")))
        items.append(("Accords-cadres", reverse("commandes:accords_cadres")))
        items.append(("Annuaire", reverse("annuaire:organisations")))
    if role == Role.ADMINISTRATEUR:
        items.append(("Administration", reverse("admin:index")))
    return tuple(items)


def portail(request):
    user = request.user
    path = request.path
    items = _navigation(user)
    # The current section is the item whose address is the longest prefix of the page's.
    prefixes = [url for _, url in items if path == url or (url != "/" and path.startswith(url))]
    courant = max(prefixes, key=len, default=None)
    navigation = [{"label": label, "url": url, "actif": url == courant} for label, url in items]
    return {
        "SITE_CONFIG": SITE,
        "GRAPHIQUES_DISPONIBLES": settings.GRAPHIQUES_DISPONIBLES,
        "notifications_non_lues": compteur.non_lues(user) if user.is_authenticated else 0,
        "navigation": navigation,
        "skiplinks": [
            {"link": "#contenu", "label": "Contenu"},
            {"link": "#navigation-principale", "label": "Menu"},
            {"link": "#pied-de-page", "label": "Pied de page"},
        ],
    }

"""``{% load candidatures_tags %}``: a file's state as a DSFR badge, and its breadcrumb."""

from django import template
from django.urls import reverse

from candidatures.models import Statut
from socle.templatetags.composants import badge

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


@register.simple_tag
def badge_statut(candidature):
    return badge(candidature.get_statut_display(), COULEURS.get(candidature.statut, ""))


@register.simple_tag
def fil_candidature(candidature=None, ici=""):
    """The breadcrumb of a file's pages: Candidatures › the file › ``ici`` (the file's own
    page has no ``ici``; the intention, before any file, has no file)."""
    fil = [("Candidatures", reverse("candidatures:liste"))]
    if candidature is not None:
        lien = reverse("candidatures:detail", args=[candidature.pk]) if ici else ""
        fil.append((candidature.titre, lien))
    if ici:
        fil.append((ici, ""))
    return fil

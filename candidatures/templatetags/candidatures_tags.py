"""``{% load candidatures_tags %}``: a file's state as a DSFR badge, and its breadcrumb."""

from django import template
from django.urls import reverse

from candidatures.models import StatutCandidature
from socle.templatetags.composants import badge

register = template.Library()

COULEURS = {
    StatutCandidature.INTENTION: "new",
    StatutCandidature.BROUILLON: "",
    StatutCandidature.DEPOSEE: "info",
    StatutCandidature.EN_INSTRUCTION: "info",
    StatutCandidature.COMPLEMENT_DEMANDE: "warning",
    StatutCandidature.ELIGIBLE: "success",
    StatutCandidature.ATTRIBUEE: "success",
    StatutCandidature.NON_ELIGIBLE: "error",
    StatutCandidature.OPPORTUNITE_DECLINEE: "error",
    StatutCandidature.SANS_SUITE: "",
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

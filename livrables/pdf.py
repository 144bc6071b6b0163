"""The atelier's printable results: the feuille de route and the fiche synthétique."""

from urllib.parse import quote

from django.urls import reverse

from ateliers.models import Atelier
from documents.genres import Genre, enregistrer
from socle.formats import euros

from . import feuille_de_route, permissions
from .models import FicheSynthetique


def _atelier_visible(user, atelier):
    return Atelier.objects.visible_to(user).filter(pk=atelier.pk).exists()


def feuille_visible(user, atelier):
    """The rule of its page: the atelier seen, and the collectivité once it is validated."""
    return _atelier_visible(user, atelier) and bool(
        permissions.peut_lire_feuille_de_route(user, atelier)
    )


def _identite(atelier):
    return {
        "titre": atelier.candidature.titre,
        "reference": atelier.reference,
        "territoire": atelier.candidature.territoire(),
        "titulaire": atelier.titulaire.nom,
        "service": str(atelier.service_pilote),
    }


def donnees_feuille(atelier):
    selection = feuille_de_route.actions(atelier)
    axes = feuille_de_route.axes(atelier, selection)
    return {
        "atelier": _identite(atelier),
        "axes": [
            {
                "titre": axe.titre,
                "description": axe.description,
                "actions": [
                    {
                        "intitule": action.intitule,
                        "description": action.description,
                        "thematique": action.thematique.libelle,
                        "priorite": action.get_priorite_display(),
                        "porteur": action.porteur,
                        "cout": euros(action.cout_estime),
                    }
                    for action in axe.actions_retenues
                ],
            }
            for axe in axes
        ],
        "cout_total": euros(feuille_de_route.cout_total(selection) or 0),
    }


FEUILLE_DE_ROUTE = enregistrer(
    Genre(
        code="feuille_de_route",
        libelle="Feuille de route",
        modele=Atelier,
        gabarit="documents/pdf/feuille_de_route.html",
        donnees=donnees_feuille,
        visible=feuille_visible,
        nom_fichier=lambda atelier: f"feuille-de-route-{atelier.reference}.pdf",
        titre=lambda atelier: f"Feuille de route — {atelier.candidature.titre}",
        lien=lambda atelier: reverse("livrables:feuille_de_route", args=[atelier.pk]),
    )
)


def donnees_fiche(atelier):
    fiche = FicheSynthetique.objects.get(atelier=atelier)
    return {
        "atelier": _identite(atelier),
        "format": FicheSynthetique.FORMAT,
        "annee": str(fiche.annee) if fiche.annee else "",
        "territoire": fiche.territoire,
        "maitrise_ouvrage": fiche.maitrise_ouvrage,
        "contexte": fiche.contexte,
        "enjeux": fiche.enjeux,
        "productions": fiche.productions,
        "suites": fiche.suites,
        # Private files, read from the storage at render time (never over the network).
        "images": [
            {
                "url": f"media:{quote(image.fichier.name)}",
                "legende": image.legende,
                "credit": image.credit,
            }
            for image in fiche.images.offerts()
        ],
    }


def fiche_visible(user, atelier):
    """The rule of its page: the fiche written, the atelier seen, and the collectivité once
    the service validated the fiche."""
    fiche = FicheSynthetique.objects.filter(atelier=atelier).first()
    return (
        fiche is not None
        and _atelier_visible(user, atelier)
        and bool(permissions.peut_lire_fiche(user, atelier, fiche))
    )


FICHE_SYNTHETIQUE = enregistrer(
    Genre(
        code="fiche_synthetique",
        libelle="Fiche synthétique",
        modele=Atelier,
        gabarit="documents/pdf/fiche_synthetique.html",
        donnees=donnees_fiche,
        visible=fiche_visible,
        nom_fichier=lambda atelier: f"fiche-synthetique-{atelier.reference}.pdf",
        titre=lambda atelier: f"Fiche synthétique — {atelier.candidature.titre}",
        lien=lambda atelier: reverse("livrables:fiche", args=[atelier.pk]),
    )
)
